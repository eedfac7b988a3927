from wagtail.admin.forms import WagtailAdminPageForm

from .selectors import list_cases_with_page_consent


class CasePageForm(WagtailAdminPageForm):
    """An editor picks only among cases they are on, and whose person agreed to a page."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "case" in self.fields:
            self.fields["case"].queryset = list_cases_with_page_consent(for_user)
