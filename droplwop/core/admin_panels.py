"""Edit-form panels shared by the apps' admin screens."""

from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput


class TitleWithSlugPanel(TitleFieldPanel):
    """Typing the title fills in the slug while the record is new. A saved slug is never
    rewritten from the title: it is in links and calendars already shared."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("placeholder", False)
        super().__init__(*args, **kwargs)

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return self.instance is None or self.instance.pk is None


def slug_panel(name="slug"):
    return FieldPanel(name, widget=SlugInput)


def form_panels(fields, *, title, slug="slug"):
    """Panels for a plain list of form fields, the title one filling in the slug."""
    return [
        TitleWithSlugPanel(name, targets=[slug])
        if name == title
        else slug_panel(name)
        if name == slug
        else FieldPanel(name)
        for name in fields
    ]
