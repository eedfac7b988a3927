"""Public forms: sign up to lists, and a person's own preferences."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from droplwop.core.validators import validate_name

from .models import EmailList, Supporter


class ListChoiceField(forms.ModelMultipleChoiceField):
    """Lists shown by their name in the visitor's language."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name_in(get_language())


class ErrorsTiedToFields:
    """Each field in error says so to screen readers and points at its message."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self.auto_id % name}-error"


class SignupForm(ErrorsTiedToFields, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100, validators=[validate_name])
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, required=False, validators=[validate_name]
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
    zip_code = forms.RegexField(
        label=_("ZIP code"),
        regex=r"^\d{5}(-\d{4})?$",
        required=False,
        max_length=10,
        error_messages={"invalid": _("Enter a five-digit ZIP code, such as 90012.")},
    )
    language = forms.ChoiceField(
        label=_("Language for our emails"),
        choices=Supporter.Language.choices,
        widget=forms.RadioSelect,
    )
    lists = ListChoiceField(
        label=_("What would you like to receive?"),
        queryset=EmailList.objects.none(),
        error_messages={"required": _("Choose at least one list.")},
    )
    # Left empty by people; bots fill every field they find.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, lists=None, **kwargs):
        # Its own ids: the form sits on pages beside other forms (a petition, a donation).
        kwargs.setdefault("auto_id", "signup-%s")
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = (
            lists if lists is not None else EmailList.objects.filter(is_public=True)
        )
        if not self.is_bound:
            self.initial.setdefault("language", get_language() or "en")

    def confirmation_note(self) -> str:
        """What the form promises about a confirmation email: only the offered lists that ask
        for one (double opt-in) get that promise, and none is made when no list asks."""
        offered = list(self.fields["lists"].queryset)
        confirming = [email_list for email_list in offered if email_list.double_opt_in]
        if not confirming:
            return ""
        if len(confirming) == len(offered):
            return str(_("We will email you a link to confirm."))
        return str(_("For %(lists)s, we will email you a link to confirm.")) % {
            "lists": "; ".join(email_list.name_in(get_language()) for email_list in confirming)
        }

    def sends_confirmation(self) -> bool:
        """Whether the chosen lists (the form is valid) take a confirmation email."""
        return any(email_list.double_opt_in for email_list in self.cleaned_data["lists"])


class PreferencesForm(ErrorsTiedToFields, forms.Form):
    lists = ListChoiceField(
        label=_("Lists you receive"), queryset=EmailList.objects.none(), required=False
    )
    language = forms.ChoiceField(
        label=_("Language for our emails"),
        choices=Supporter.Language.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, lists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists
