import re

from django import forms
from django.utils.translation import gettext_lazy as _

from droplwop.core.validators import validate_name

ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")

CONSENT_TEXT = _(
    "Keep me informed by email about this petition and the campaign to end life without parole. "
    "I can unsubscribe at any time."
)


class SignatureForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput({"autocomplete": "given-name"}),
        validators=[validate_name],
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput({"autocomplete": "family-name"}),
        validators=[validate_name],
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput({"autocomplete": "email"}),
        error_messages={"invalid": _("Please enter an email address such as name@example.org.")},
    )
    zip_code = forms.CharField(
        label=_("ZIP code"),
        max_length=10,
        widget=forms.TextInput({"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Up to 500 characters. It is delivered with your name and city."),
    )
    list_publicly = forms.BooleanField(
        label=_("Show my first name, last initial and city on the public list of signers"),
        required=False,
    )
    wants_updates = forms.BooleanField(label=CONSENT_TEXT, required=False)
    # Left empty by people; bots fill every field they find.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput({"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, show_public_list=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_public_list:
            del self.fields["list_publicly"]

    def clean_first_name(self):
        return _clean_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _clean_name(self.cleaned_data["last_name"])

    def clean_zip_code(self):
        value = self.cleaned_data["zip_code"].strip()
        if not ZIP_RE.match(value):
            raise forms.ValidationError(_("Please enter a 5-digit ZIP code, such as 94110."))
        return value


class _SharedFields(dict):
    """Fields that form instances share instead of deep-copying: Django copies every field and
    widget for each form, which was a tenth of a signature's time under a spike."""

    def __deepcopy__(self, memo):
        return dict(self)


class SignatureCheck(SignatureForm):
    """SignatureForm's fields and rules, for checking a POST only: nothing is copied per
    request, so it must never change its fields or be rendered. An invalid POST is shown
    again through a real SignatureForm."""


SignatureCheck.base_fields = _SharedFields(SignatureForm.base_fields)


class OrgSignatureForm(forms.Form):
    organization = forms.CharField(label=_("Organization"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    org_website = forms.URLField(
        label=_("Organization website"), max_length=200, required=False, assume_scheme="https"
    )
    first_name = forms.CharField(
        label=_("Your first name"), max_length=100, validators=[validate_name]
    )
    last_name = forms.CharField(
        label=_("Your last name"), max_length=100, validators=[validate_name]
    )
    signer_title = forms.CharField(label=_("Your title"), max_length=150)
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        error_messages={"invalid": _("Please enter an email address such as name@example.org.")},
    )
    authorized = forms.BooleanField(
        label=_("I am authorized to sign for this organization"),
        error_messages={
            "required": _("Only someone authorized by the organization may sign for it.")
        },
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_first_name(self):
        return _clean_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _clean_name(self.cleaned_data["last_name"])


def _clean_name(value: str) -> str:
    value = " ".join(value.split())
    if any(ch in value for ch in "<>@/\\") or "://" in value:
        raise forms.ValidationError(_("Please enter your name only."))
    return value
