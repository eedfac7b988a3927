"""Forms of the staff screens: import, column mapping, export filters, merge, privacy."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .importing import TARGETS
from .models import EmailList, Supporter, Tag

TARGET_LABELS = {
    "email": _("Email (required)"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "phone": _("Phone"),
    "zip_code": _("ZIP code"),
    "city": _("City"),
    "language": _("Language (en or es)"),
    "tags": _("Tags (comma-separated)"),
    "subscription_status": _("Subscription status"),
    "external_id": _("Action Network id"),
}


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Action Network's activist export, or any CSV with a header line. Up to 20 MB."
        ),
    )
    email_list = forms.ModelChoiceField(
        label=_("Add everyone to this list"),
        queryset=EmailList.objects.all(),
        required=False,
        help_text=_(
            "Each person's subscription status in the file is kept: people who unsubscribed "
            "elsewhere are recorded as unsubscribed."
        ),
    )
    tag = forms.ModelChoiceField(
        label=_("Tag everyone with"), queryset=Tag.objects.all(), required=False
    )


class MappingForm(forms.Form):
    def __init__(self, *args, header, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not imported)"))] + [(column, column) for column in header]
        for target in TARGETS:
            self.fields[target] = forms.ChoiceField(
                label=TARGET_LABELS[target], choices=choices, required=False
            )

    def mapping(self) -> dict[str, str]:
        return {target: column for target, column in self.cleaned_data.items() if column}


class ExportForm(forms.Form):
    email_list = forms.ModelChoiceField(
        label=_("Subscribed to"), queryset=EmailList.objects.all(), required=False
    )
    tag = forms.ModelChoiceField(label=_("Tag"), queryset=Tag.objects.all(), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Any"))] + list(Supporter.Language.choices),
        required=False,
    )
    zip_prefix = forms.RegexField(
        label=_("ZIP code starts with"), regex=r"^\d{1,5}$", required=False, max_length=5
    )


class MergeForm(forms.Form):
    keep = forms.ChoiceField(label=_("Keep this record"), widget=forms.RadioSelect)

    def __init__(self, *args, first, second, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [
            (str(first.pk), f"{first} <{first.email}>"),
            (str(second.pk), f"{second} <{second.email}>"),
        ]


class PrivacyActionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What the person asked for"),
        widget=forms.RadioSelect,
        choices=[
            (
                "anonymize",
                _("Anonymize: remove who they are; their actions stay as anonymous rows"),
            ),
            ("delete", _("Delete: remove their rows everywhere; only the consent history stays")),
        ],
    )
    reason = forms.CharField(label=_("Request reference or note"), max_length=200, required=False)
    confirm_email = forms.EmailField(
        label=_("Type the person's email address to confirm"),
    )

    def __init__(self, *args, supporter, **kwargs):
        super().__init__(*args, **kwargs)
        self.supporter = supporter

    def clean_confirm_email(self):
        value = self.cleaned_data["confirm_email"].strip().lower()
        if value != self.supporter.email:
            raise forms.ValidationError(_("This is not the address of this record."))
        return value
