from django import forms
from django.utils.translation import gettext_lazy as _

from droplwop.core.validators import validate_name
from droplwop.inreach.models import Facility
from droplwop.users.models import User

from .choices import (
    ContactKind,
    DocumentKind,
    MemberRole,
    Pathway,
    PathwayState,
    Relationship,
    Stage,
)
from .models import Case
from .selectors import list_visible_stages
from .uploads import check_upload
from .validators import normalize_cdcr_number, validate_cdcr_number


class DateInput(forms.DateInput):
    input_type = "date"


class SupportLetterForm(forms.Form):
    """The public letter form. The honeypot field stays empty for people."""

    writer_name = forms.CharField(label=_("Your name"), max_length=200, validators=[validate_name])
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("So the case team can reach you about your letter. Never published."),
    )
    relationship = forms.ChoiceField(label=_("Your relationship"), choices=Relationship.choices)
    city = forms.CharField(label=_("City"), max_length=120)
    how_known = forms.CharField(
        label=_("How do you know this person?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("Your letter"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Write your letter here, or upload a signed copy below."),
    )
    upload = forms.FileField(
        label=_("Or upload your signed letter"),
        required=False,
        help_text=_("PDF, JPEG or PNG, up to 20 MB."),
    )
    include_in_packet = forms.BooleanField(
        label=_(
            "I allow the case team to include my letter in the packet sent to the "
            "Governor's office."
        ),
        required=True,
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            check_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("body", "").strip() and not data.get("upload"):
            self.add_error("body", _("Write your letter or upload a signed copy."))
        return data


class LetterChangeForm(forms.Form):
    """The writer's own letter, opened from the link mailed to them."""

    writer_name = SupportLetterForm.base_fields["writer_name"]
    relationship = SupportLetterForm.base_fields["relationship"]
    city = SupportLetterForm.base_fields["city"]
    how_known = SupportLetterForm.base_fields["how_known"]
    body = forms.CharField(
        label=_("Your letter"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Write your letter or upload a signed copy.")},
    )
    include_in_packet = SupportLetterForm.base_fields["include_in_packet"]


class CaseForm(forms.ModelForm):
    facility = forms.ModelChoiceField(
        queryset=Facility.objects.all(), required=False, label=_("Facility")
    )

    class Meta:
        model = Case
        fields = [
            "legal_name",
            "preferred_name",
            "facility",
            "yard",
            "housing",
            "county_of_conviction",
            "sentence",
            "offense_date",
            "age_at_offense",
            "twice_convicted",
            "custody_start",
            "languages",
            "petition",
        ]
        widgets = {"offense_date": DateInput(), "custody_start": DateInput()}


class CdcrNumberForm(forms.Form):
    number = forms.CharField(label=_("CDCR number"), max_length=12)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())

    def clean_number(self):
        number = self.cleaned_data["number"]
        validate_cdcr_number(number)
        return normalize_cdcr_number(number)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Staff username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)


class ContactForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    email = forms.EmailField(label=_("Email"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices)
    relationship = forms.CharField(label=_("Relationship"), max_length=120, required=False)


class ConsentForm(forms.Form):
    recorded_on = forms.DateField(label=_("Date on the signed form"), widget=DateInput())
    public_page = forms.BooleanField(label=_("A public campaign page"), required=False)
    photo = forms.BooleanField(label=_("Their photo"), required=False)
    story = forms.BooleanField(label=_("Their story text"), required=False)
    name = forms.BooleanField(label=_("Their name"), required=False)
    scan = forms.FileField(label=_("Scanned form (PDF, JPEG or PNG)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan:
            check_upload(scan)
        return scan


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    documents = forms.CharField(label=_("Documents"), max_length=255, required=False)
    next_steps = forms.CharField(
        label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)

        # The Supreme Court step exists only for a person twice convicted of a felony.
        self.fields["stage"].choices = [(s.value, s.label) for s in list_visible_stages(case)]


class PathwayForm(forms.Form):
    pathway = forms.ChoiceField(choices=Pathway.choices)
    state = forms.ChoiceField(label=_("Status"), choices=PathwayState.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())
    owner = forms.ModelChoiceField(queryset=None, required=False, label=_("Owner"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["owner"].queryset = User.objects.filter(case_memberships__case=case)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, up to 20 MB)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class MailLetterForm(forms.Form):
    message = forms.CharField(
        label=_("Case update"), max_length=8000, widget=forms.Textarea(attrs={"rows": 10})
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("en", _("English")), ("es", _("Spanish"))]
    )
