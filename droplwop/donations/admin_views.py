"""Staff screens that are more than a model form: the donations report (filters, totals per
fund and per day, CSV export), recording an offline gift, and entering walk results."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from droplwop.core.csv_safe import csv_response

from . import selectors, services
from .forms import OfflineGiftForm, WalkResultsForm
from .models import Donation, Frequency, Fund, Participant, Pledge, Refund
from .money import format_money


class PermissionRequiredMixin:
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DonationFilterForm(forms.Form):
    fund = forms.ModelChoiceField(
        label=gettext_lazy("Fund"), queryset=Fund.objects.all(), required=False
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("Any"))] + Donation.Status.choices,
        required=False,
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Source"),
        choices=[("", gettext_lazy("Any"))] + Donation.Source.choices,
        required=False,
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("Frequency"),
        choices=[("", gettext_lazy("Any"))] + Frequency.choices,
        required=False,
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(label=gettext_lazy("Donor email or name"), required=False, max_length=100)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        for name in ("fund", "status", "source", "frequency"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        if data.get("date_from"):
            queryset = queryset.filter(received_on__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(received_on__lte=data["date_to"])
        if data.get("q"):
            term = data["q"].strip()
            queryset = queryset.filter(
                Q(supporter__email__icontains=term)
                | Q(supporter__first_name__icontains=term)
                | Q(supporter__last_name__icontains=term)
            )
        return queryset


CHART_DAYS = 30
CHART_WIDTH = 600
CHART_HEIGHT = 160


def day_chart(days):
    """Bars for an inline SVG (attributes only, no style): [(x, y, width, height, day, cents)]."""
    peak = max((cents for _day, cents in days), default=0) or 1
    slot = CHART_WIDTH / max(len(days), 1)
    bars = []
    for index, (day, cents) in enumerate(days):
        height = round(CHART_HEIGHT * max(cents, 0) / peak, 1)
        bars.append(
            {
                "x": round(index * slot + 1, 1),
                "y": round(CHART_HEIGHT - height, 1),
                "width": round(max(slot - 2, 1), 1),
                "height": height,
                "day": day,
                "amount": format_money(cents),
            }
        )
    return bars


class DonationReportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission = "donations.view_donation"
    template_name = "donations/admin/report.html"
    page_title = gettext_lazy("Donations")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        self.filter_form = DonationFilterForm(request.GET or None)
        self.donations = self.filter_form.filter(
            Donation.objects.select_related("fund", "supporter", "recorded_by")
        )
        if request.GET.get("export") == "csv":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        header = [
            "id",
            "received_on",
            "created_at",
            "status",
            "fund",
            "amount",
            "refunded",
            "net",
            "frequency",
            "source",
            "method",
            "donor_email",
            "donor_first_name",
            "donor_last_name",
            "language",
            "note",
            "recorded_by",
        ]

        def rows():
            for gift in self.donations.iterator(chunk_size=500):
                supporter = gift.supporter
                yield [
                    gift.pk,
                    gift.received_on.isoformat(),
                    timezone.localtime(gift.created_at).isoformat(timespec="seconds"),
                    gift.status,
                    gift.fund.name_en,
                    f"{gift.amount_cents / 100:.2f}",
                    f"{gift.refunded_cents / 100:.2f}",
                    f"{gift.net_cents / 100:.2f}",
                    gift.frequency,
                    gift.source,
                    gift.method,
                    supporter.email if supporter else "",
                    supporter.first_name if supporter else "",
                    supporter.last_name if supporter else "",
                    gift.language,
                    gift.note,
                    gift.recorded_by.get_username() if gift.recorded_by else "",
                ]

        filename = f"donations-{timezone.localdate().isoformat()}.csv"
        return csv_response(filename, header, rows())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(self.donations, 50)
        days = selectors.list_totals_by_day(self.donations, days=CHART_DAYS)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        page_query = query.urlencode()
        query["export"] = "csv"
        context.update(
            filter_form=self.filter_form,
            page_obj=paginator.get_page(self.request.GET.get("page")),
            fund_totals=[
                {**row, "total_display": format_money(row["total"])}
                for row in selectors.list_totals_by_fund(self.donations)
            ],
            chart_bars=day_chart(days),
            chart_width=CHART_WIDTH,
            chart_height=CHART_HEIGHT,
            chart_total=format_money(sum(cents for _day, cents in days)),
            export_query=query.urlencode(),
            page_query=page_query,
            refunds=Refund.objects.select_related("donation__fund")[:20],
            can_add=self.request.user.has_perm("donations.add_donation"),
        )
        return context


class OfflineGiftView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    permission = "donations.add_donation"
    template_name = "donations/admin/offline_gift.html"
    form_class = OfflineGiftForm
    page_title = gettext_lazy("Record an offline gift")
    header_icon = "plus"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("donations_admin:report"), "label": _("Donations")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        return {"received_on": timezone.localdate(), "send_receipt": True, "language": "en"}

    def form_valid(self, form):
        data = form.cleaned_data
        gift = services.record_offline_gift(
            actor=self.request.user,
            fund=data["fund"],
            amount_cents=data["amount"],
            received_on=data["received_on"],
            method=data["method"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            language=data["language"],
            note=data["note"],
            send_receipt=data["send_receipt"],
        )
        messages.success(
            self.request,
            _("Recorded %(amount)s to %(fund)s.")
            % {"amount": format_money(gift.amount_cents), "fund": gift.fund.name_en},
        )
        return redirect("donations_admin:report")


class WalkResultsView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission = "donations.change_participant"
    template_name = "donations/admin/walk_results.html"
    page_title = gettext_lazy("Walk results")
    header_icon = "list-ol"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        self.fund = get_object_or_404(Fund, pk=kwargs["fund_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.fund.name_en

    def rows(self, data=None):
        rows = []
        for participant in Participant.objects.filter(fund=self.fund).order_by("display_name"):
            form = WalkResultsForm(
                data,
                prefix=f"w{participant.pk}",
                initial={
                    "laps": participant.laps_completed,
                    "miles": participant.miles_completed,
                },
            )
            pledges = participant.pledges.exclude(status=Pledge.Status.CANCELED)
            rows.append(
                {
                    "participant": participant,
                    "form": form,
                    "pledges": pledges.count(),
                    "due": format_money(
                        sum(p.amount_due_cents or 0 for p in pledges if p.status != "nothing_due")
                    ),
                    "paid": pledges.filter(status=Pledge.Status.PAID).count(),
                }
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("rows", self.rows())
        context["fund"] = self.fund
        return context

    def post(self, request, *args, **kwargs):
        rows = self.rows(request.POST)
        if not all(row["form"].is_valid() for row in rows):
            messages.error(request, _("Some results could not be saved; see the marked rows."))
            return self.render_to_response(self.get_context_data(rows=rows))
        emailed = 0
        for row in rows:
            form, participant = row["form"], row["participant"]
            if not form.has_changed():
                continue
            laps, miles = form.cleaned_data["laps"], form.cleaned_data["miles"]
            updated = services.record_walk_results(
                actor=request.user, participant=participant, laps=laps, miles=miles
            )
            emailed += sum(1 for pledge in updated if pledge.status == Pledge.Status.DUE)
        messages.success(
            request,
            _("Results saved. %(count)s pledgers will get an email with the amount to pay.")
            % {"count": emailed},
        )
        return redirect("donations_admin:walk_results", fund_id=self.fund.pk)
