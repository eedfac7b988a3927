"""HTTP in and out for giving: parse, call a service, render. Public POSTs come from pages
that may be cached, so they are csrf_exempt behind core.form_guard (origin, honeypot, limit)."""

import logging

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page

from droplwop.core.client_ip import request_ip_hash
from droplwop.core.form_guard import allow, public_form

from . import gateway, links, page_selectors, selectors, services
from .forms import DonationForm, PledgeForm, SummaryRequestForm
from .models import Donation, FundraiserPage, Participant, Pledge, RecurringGift
from .services.intake import submit_pledge
from .tasks import send_yearly_summary_task

logger = logging.getLogger(__name__)


class SeeOther(HttpResponseRedirect):
    status_code = 303


# Larger ids cannot exist, and SQLite refuses to even compare with them.
MAX_ID = 2**31 - 1


def _giving_page(page_id: int):
    if page_id > MAX_ID:
        raise Http404
    page = Page.objects.live().filter(pk=page_id).specific().first()
    if page is None or not hasattr(page, "fund"):
        raise Http404
    return page


def _render_giving_page(request, page, form):
    context = page.get_context(request)
    context["form"] = form
    response = TemplateResponse(request, page.get_template(request), context)
    return gateway.allow_checkout_redirect(response)


def _send_to_checkout(request, donation, *, cancel_url):
    """Redirect the donor to pay; or, when this gift is already settled, to its thank-you."""
    thanks = request.build_absolute_uri(links.thanks_path(donation, donation.language))
    if donation.status != Donation.Status.PENDING:
        return SeeOther(thanks)
    url = services.open_checkout(donation=donation, success_url=thanks, cancel_url=cancel_url)
    return SeeOther(url)


def _unavailable_message():
    return _(
        "We could not reach our card processor, so nothing was charged. "
        "Please try again in a few minutes."
    )


def _back_to_giving_page(request, page_id):
    return SeeOther(_giving_page(page_id).get_url(request))


def _show_refused_gift(request, message, page_id):
    page = _giving_page(page_id)
    form = DonationForm(request.POST, page=page)
    form.is_valid()
    form.add_error(None, message)
    return _render_giving_page(request, page, form)


@csrf_exempt
@require_POST
@public_form("donations.give", on_bot=_back_to_giving_page, show_form=_show_refused_gift)
def give(request, page_id):
    page = _giving_page(page_id)
    form = DonationForm(request.POST, page=page)
    client = request_ip_hash(request)
    if not form.is_valid():
        return _render_giving_page(request, page, form)
    if not gateway.is_configured() or not page.fund.is_active:
        form.add_error(None, _("Online giving is not available right now. Nothing was charged."))
        return _render_giving_page(request, page, form)
    data = form.cleaned_data
    donation = services.start_online_donation(
        fund=page.fund,
        amount_cents=data["amount_cents"],
        frequency=data["frequency"],
        email=data["email"],
        first_name=data["first_name"],
        last_name=data.get("last_name", ""),
        language=page.locale.language_code,
        client_key=client,
    )
    try:
        return _send_to_checkout(
            request, donation, cancel_url=request.build_absolute_uri(page.get_url(request))
        )
    except gateway.GatewayUnavailable:
        logger.warning("Stripe checkout failed for donation %s", donation.pk, exc_info=True)
        form.add_error(None, _unavailable_message())
        return _render_giving_page(request, page, form)


@never_cache
def thanks(request, token):
    donation_id = links.donation_id_from_thanks(token)
    donation = get_object_or_404(
        Donation.objects.select_related("fund", "supporter"), pk=donation_id or 0
    )
    page = page_selectors.get_giving_page(donation.fund, _current_locale(request))
    return render(
        request,
        "donations/thanks.html",
        {
            "donation": donation,
            "fund_name": donation.fund.name_in(get_language()),
            "progress": selectors.get_fund_progress(donation.fund),
            "giving_page": page,
            "thank_you_text": getattr(page, "thank_you_text", ""),
        },
    )


def _current_locale(request):
    return Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()


def _pledge_target(page_id, slug):
    if page_id > MAX_ID:
        raise Http404
    page = get_object_or_404(FundraiserPage.objects.live(), pk=page_id)
    participant = selectors.get_published_walker(page.fund, slug)
    if participant is None or not page.accept_pledges:
        raise Http404
    return page, participant


def _back_to_walker(request, page_id, slug):
    page, participant = _pledge_target(page_id, slug)
    return SeeOther(page.walker_url(participant))


def _show_refused_pledge(request, message, page_id, slug):
    page, _participant = _pledge_target(page_id, slug)
    form = PledgeForm(request.POST)
    form.is_valid()
    form.add_error(None, message)
    return page.walker(request, slug, pledge_form=form)


@csrf_exempt
@require_POST
@public_form("donations.pledge", on_bot=_back_to_walker, show_form=_show_refused_pledge)
def pledge(request, page_id, slug):
    page, participant = _pledge_target(page_id, slug)
    form = PledgeForm(request.POST)
    if not form.is_valid():
        return page.walker(request, slug, pledge_form=form)
    data = form.cleaned_data
    language = page.locale.language_code
    submit_pledge(
        participant=participant,
        kind=data["kind"],
        rate_cents=data["rate"],
        cap_cents=data["cap"],
        email=data["email"],
        first_name=data["first_name"],
        last_name=data.get("last_name", ""),
        language=language,
    )
    thanks = links.pledge_thanks_path(
        participant_id=participant.pk,
        kind=data["kind"],
        rate_cents=data["rate"],
        cap_cents=data["cap"],
        language=language,
    )
    return SeeOther(thanks)


@never_cache
def pledge_thanks(request, token):
    """What was pledged, from the signed link alone: the same page whoever's email was typed."""
    pledged = links.pledge_from_thanks(token)
    if pledged is None:
        raise Http404
    participant = get_object_or_404(
        Participant.objects.select_related("fund"), pk=pledged.pop("participant_id")
    )
    page = page_selectors.get_giving_page(participant.fund, _current_locale(request))
    return render(
        request,
        "donations/pledge_thanks.html",
        {
            "pledge": Pledge(participant=participant, **pledged),
            "walker_url": page.walker_url(participant) if page else "",
        },
    )


@never_cache
def pay_pledge(request, token):
    pledge_id = links.pledge_id_from_token(token)
    made = get_object_or_404(
        Pledge.objects.select_related("participant__fund", "supporter"), pk=pledge_id or 0
    )
    error = ""
    if request.method == "POST" and made.status == Pledge.Status.DUE:
        donation = services.start_online_donation(
            fund=made.participant.fund,
            amount_cents=made.amount_due_cents,
            frequency="one_time",
            email=made.supporter.email,
            first_name=made.supporter.first_name,
            language=get_language(),
            client_key=f"pledge-{made.pk}",
            pledge=made,
        )
        try:
            return _send_to_checkout(
                request, donation, cancel_url=request.build_absolute_uri(request.path)
            )
        except gateway.GatewayUnavailable:
            logger.warning("Stripe checkout failed for pledge %s", made.pk, exc_info=True)
            error = _unavailable_message()
    response = render(
        request,
        "donations/pay_pledge.html",
        {
            "pledge": made,
            "fund_name": made.participant.fund.name_in(get_language()),
            "error": error,
        },
        status=200 if not error else 503,
    )
    return gateway.allow_checkout_redirect(response)


@never_cache
def monthly(request, token):
    gift_id = links.gift_id_from_monthly(token)
    gift = get_object_or_404(RecurringGift.objects.select_related("fund"), pk=gift_id or 0)
    error = ""
    just_canceled = False
    if request.method == "POST":
        try:
            just_canceled = services.cancel_recurring_gift(gift=gift)
        except gateway.GatewayUnavailable:
            logger.warning("Stripe cancel failed for monthly gift %s", gift.pk, exc_info=True)
            error = _(
                "We could not reach our card processor, so your monthly gift is not canceled "
                "yet. Please try again in a few minutes."
            )
        gift.refresh_from_db()
    return render(
        request,
        "donations/monthly.html",
        {
            "gift": gift,
            "fund_name": gift.fund.name_in(get_language()),
            "error": error,
            "just_canceled": just_canceled,
        },
    )


def _summary_sent(request):
    return render(request, "donations/summary.html", {"form": SummaryRequestForm(), "sent": True})


def _show_refused_summary(request, message):
    form = SummaryRequestForm(request.POST)
    form.is_valid()
    form.add_error(None, message)
    return render(request, "donations/summary.html", {"form": form, "sent": False})


@never_cache
@public_form(
    "donations.summary",
    on_bot=_summary_sent,
    show_form=_show_refused_summary,
    same_origin=False,
)
def summary(request):
    """A page of its own, never cached, so its form carries Django's CSRF token."""
    form = SummaryRequestForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if allow("donations.summary_email", email.lower()):
            send_yearly_summary_task.enqueue(email, form.cleaned_data["year"], get_language())
        sent = True
    return render(request, "donations/summary.html", {"form": form, "sent": sent})


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: the only thing that confirms, fails or refunds an online gift."""
    try:
        event = gateway.verify_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    except gateway.InvalidWebhook:
        return HttpResponse("invalid signature", status=400, content_type="text/plain")
    try:
        outcome = services.handle_stripe_event(event)
    except (KeyError, TypeError, ValueError, AttributeError):
        logger.warning("Malformed Stripe event %s", event.get("id"), exc_info=True)
        return HttpResponse("malformed event", status=400, content_type="text/plain")
    return HttpResponse(outcome, content_type="text/plain")
