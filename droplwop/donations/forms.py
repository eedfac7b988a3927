from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from droplwop.core.validators import validate_name

# The model modules, not the package: the page models (models/pages.py) build these forms.
from .models.funds import Fund
from .models.gifts import Donation, Frequency
from .models.walk import Pledge
from .money import format_money, parse_amount_cents

OTHER = "other"


def check_limits(cents: int, *, minimum: int, maximum: int) -> int:
    if cents < minimum:
        raise ValidationError(
            _("The smallest amount we can take online is %(minimum)s.")
            % {"minimum": format_money(minimum)},
            code="too_small",
        )
    if cents > maximum:
        raise ValidationError(
            _(
                "Online gifts are limited to %(maximum)s. For a larger gift, please write to us "
                "and we will help."
            )
            % {"maximum": format_money(maximum)},
            code="too_large",
        )
    return cents


class HoneypotMixin(forms.Form):
    # Hidden from people (CSS and aria-hidden); bots fill every field.
    website = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class DonorFields(forms.Form):
    first_name = forms.CharField(
        label=gettext_lazy("First name"), max_length=100, validators=[validate_name]
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"), max_length=100, required=False, validators=[validate_name]
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        max_length=254,
        help_text=gettext_lazy("We send your receipt here."),
    )


class DonationForm(HoneypotMixin, DonorFields):
    amount = forms.ChoiceField(
        label=gettext_lazy("Amount"), widget=forms.RadioSelect, required=False
    )
    other_amount = forms.CharField(
        label=gettext_lazy("Other amount (US dollars)"),
        required=False,
        max_length=30,
        help_text=gettext_lazy("For example 40 or 1,000.50"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often"),
        choices=Frequency.choices,
        initial=Frequency.ONE_TIME,
        widget=forms.RadioSelect,
    )

    field_order = ["amount", "other_amount", "frequency", "first_name", "last_name", "email"]

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        suggestions = page.suggested_amount_list()
        self.fields["amount"].choices = [
            (str(dollars), format_money(dollars * 100)) for dollars in suggestions
        ] + [(OTHER, _("Other amount"))]
        if suggestions and not self.is_bound:
            self.initial.setdefault("amount", str(suggestions[min(1, len(suggestions) - 1)]))
        if not page.allow_monthly:
            del self.fields["frequency"]

    def clean(self):
        cleaned = super().clean()
        typed = (self.data.get("other_amount") or "").strip()
        choice = cleaned.get("amount")
        try:
            if typed:
                cents = parse_amount_cents(typed)
            elif choice and choice != OTHER:
                cents = int(choice) * 100
            else:
                raise ValidationError(_("Choose an amount or type one."), code="required")
            cleaned["amount_cents"] = check_limits(
                cents,
                minimum=settings.DONATIONS_MIN_CENTS,
                maximum=settings.DONATIONS_MAX_CENTS,
            )
        except ValidationError as error:
            self.add_error("other_amount", error)
        cleaned.setdefault("frequency", Frequency.ONE_TIME)
        return cleaned


class PledgeForm(HoneypotMixin, DonorFields):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of pledge"),
        choices=Pledge.Kind.choices,
        initial=Pledge.Kind.PER_LAP,
        widget=forms.RadioSelect,
    )
    rate = forms.CharField(
        label=gettext_lazy("Amount in US dollars (per lap, per mile, or in all)"),
        max_length=30,
        help_text=gettext_lazy("For example 1 per lap, or 25 in all"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    cap = forms.CharField(
        label=gettext_lazy("Most I will give"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("Leave empty for no limit."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    field_order = ["kind", "rate", "cap", "first_name", "last_name", "email"]

    def clean_rate(self):
        return check_limits(
            parse_amount_cents(self.cleaned_data["rate"]),
            minimum=25,
            maximum=settings.DONATIONS_MAX_CENTS,
        )

    def clean_cap(self):
        raw = (self.cleaned_data.get("cap") or "").strip()
        if not raw:
            return None
        return check_limits(
            parse_amount_cents(raw), minimum=100, maximum=settings.DONATIONS_MAX_CENTS
        )


class SummaryRequestForm(HoneypotMixin):
    email = forms.EmailField(label=gettext_lazy("Email"), max_length=254)
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in range(this_year, this_year - 6, -1)]
        self.fields["year"].initial = this_year - 1


class OfflineGiftForm(forms.Form):
    fund = forms.ModelChoiceField(label=gettext_lazy("Fund"), queryset=Fund.objects.all())
    amount = forms.CharField(
        label=gettext_lazy("Amount (US dollars)"),
        max_length=30,
        help_text=gettext_lazy("For example 40 or 1,000.50"),
    )
    received_on = forms.DateField(
        label=gettext_lazy("Date received"), widget=forms.DateInput(attrs={"type": "date"})
    )
    method = forms.ChoiceField(
        label=gettext_lazy("Method"),
        choices=[
            (Donation.Method.CHECK, Donation.Method.CHECK.label),
            (Donation.Method.CASH, Donation.Method.CASH.label),
            (Donation.Method.OTHER, Donation.Method.OTHER.label),
        ],
    )
    email = forms.EmailField(
        label=gettext_lazy("Donor's email"),
        required=False,
        help_text=gettext_lazy("Leave empty for an anonymous gift."),
    )
    first_name = forms.CharField(
        label=gettext_lazy("First name"), max_length=100, required=False, validators=[validate_name]
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"), max_length=100, required=False, validators=[validate_name]
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Receipt language"), choices=settings.LANGUAGES, initial="en"
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example the check number."),
    )
    send_receipt = forms.BooleanField(
        label=gettext_lazy("Email a receipt to the donor"), required=False, initial=True
    )

    def clean_amount(self):
        cents = parse_amount_cents(self.cleaned_data["amount"])
        if cents < 1:
            raise ValidationError(_("Enter an amount above zero."), code="too_small")
        return cents

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return received_on

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and (cleaned.get("first_name") or cleaned.get("last_name")):
            self.add_error(
                "email",
                _(
                    "A named donor needs an email so the gift goes on their supporter record. "
                    "Without one, leave the names empty to record an anonymous gift."
                ),
            )
        return cleaned


class WalkResultsForm(forms.Form):
    """One walker's result: laps and/or miles, whichever the pledges use."""

    laps = forms.DecimalField(
        label=gettext_lazy("Laps"), required=False, min_value=0, max_value=9999, decimal_places=1
    )
    miles = forms.DecimalField(
        label=gettext_lazy("Miles"), required=False, min_value=0, max_value=999, decimal_places=2
    )
