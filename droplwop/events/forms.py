"""The public registration form and the "my registration" session choice."""

import re

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from droplwop.core.validators import validate_name

from .formatting import format_when
from .selectors import has_session_choice, list_future_sessions

_PHONE_ALLOWED = re.compile(r"^[0-9+().\-\s]{7,25}$")

SESSION_ERRORS = {
    "invalid_choice": _("One of the chosen sessions is not part of this event."),
    "required": _("Choose at least one session."),
}


def validate_phone(value: str) -> None:
    digits = re.sub(r"\D", "", value)
    if not _PHONE_ALLOWED.match(value) or not 10 <= len(digits) <= 15:
        raise forms.ValidationError(
            _("Enter a phone number with its area code, such as (559) 555-0123."), code="phone"
        )


def session_choices(event, now=None):
    now = now or timezone.now()
    choices = []
    for session in list_future_sessions(event, now=now):
        label = format_when(session.starts_at, session.ends_at, event)
        if session.title:
            label = f"{session.title} — {label}"
        choices.append((str(session.pk), label))
    return choices


class SessionChoiceMixin:
    def _add_session_field(self, event, initial_ids=None):
        if not has_session_choice(event):
            return
        choices = session_choices(event)
        self.fields["sessions"] = forms.MultipleChoiceField(
            label=_("Sessions"),
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages=SESSION_ERRORS,
            help_text=_("Come to all of them or only some."),
            initial=initial_ids if initial_ids is not None else [value for value, _l in choices],
        )


class RegistrationForm(SessionChoiceMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100, validators=[validate_name])
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, required=False, validators=[validate_name]
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send the confirmation and the joining details here."),
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=25, required=False, validators=[validate_phone]
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[("en", "English"), ("es", "Español")],
        widget=forms.RadioSelect,
    )
    organization = forms.CharField(label=_("Organization"), max_length=200, required=False)
    needs = forms.CharField(
        label=_("Accessibility or interpretation needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example Spanish interpretation, captions or a sign language interpreter."),
    )
    # Left empty by people; filled by bots that fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, event, language="en", opt_in_list=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["language"].initial = language if language in ("en", "es") else "en"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["organization"].widget.attrs["autocomplete"] = "organization"
        self._add_session_field(event)
        self.opt_in_list = opt_in_list
        if opt_in_list is not None:
            self.fields["opt_in"] = forms.BooleanField(
                label=self.consent_text(language), required=False
            )

    def consent_text(self, language):
        with translation.override(language):
            return str(
                _("Email me news and actions from the Drop LWOP Coalition (%(list)s).")
                % {"list": self.opt_in_list.name_in(language)}
            )

    def visible_fields_in_order(self):
        return [f for f in self if f.name != "website"]


class ChangeSessionsForm(SessionChoiceMixin, forms.Form):
    def __init__(self, *args, event, initial_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_session_field(event, initial_ids)


class NotifyForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))
    include_waitlist = forms.BooleanField(label=_("Also send to the waitlist"), required=False)


class WalkInForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100, validators=[validate_name])
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, required=False, validators=[validate_name]
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
