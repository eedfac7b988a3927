"""Starting an online gift: the pending gift (and monthly gift) and Stripe's hosted checkout."""

import hashlib
import time

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from droplwop.supporters.services import find_or_create_supporter, normalize_email

from .. import gateway
from ..models import Donation, Frequency, Fund, Pledge, RecurringGift

# Two submits of the same gift from the same browser within this window are one gift.
DOUBLE_SUBMIT_WINDOW_SECONDS = 600


def _idempotency_keys(*parts) -> list[str]:
    base = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:48]
    window = int(time.time() // DOUBLE_SUBMIT_WINDOW_SECONDS)
    return [f"{base}-{window}", f"{base}-{window - 1}"]


def start_online_donation(
    *,
    fund: Fund,
    amount_cents: int,
    frequency: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    language: str = "en",
    client_key: str = "",
    pledge: Pledge | None = None,
) -> Donation:
    """Record a pending gift (and a pending monthly gift) before sending the donor to pay.

    The same gift submitted twice from the same client (a double click, a reload) within the
    window returns the first row, whatever its state, so it is never charged twice.
    """
    keys = _idempotency_keys(
        fund.pk, amount_cents, frequency, normalize_email(email), client_key, pledge and pledge.pk
    )
    existing = Donation.objects.filter(idempotency_key__in=keys).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            supporter, _created = find_or_create_supporter(
                email=email,
                first_name=first_name,
                last_name=last_name,
                language=language,
                source="donations",
            )
            recurring = None
            if frequency == Frequency.MONTHLY:
                recurring = RecurringGift.objects.create(
                    supporter=supporter, fund=fund, amount_cents=amount_cents, language=language
                )
            return Donation.objects.create(
                fund=fund,
                supporter=supporter,
                amount_cents=amount_cents,
                frequency=frequency,
                language=language,
                received_on=timezone.localdate(),
                recurring_gift=recurring,
                pledge=pledge,
                idempotency_key=keys[0],
            )
    except IntegrityError:
        # The other click of a double click committed first.
        return Donation.objects.get(idempotency_key=keys[0])


def open_checkout(*, donation: Donation, success_url: str, cancel_url: str) -> str:
    """The hosted payment page's address for a pending gift (made once, then reused).

    This is the one network call made during a request: the donor must be sent to the payment
    page now. The idempotency key makes concurrent calls return the same session.
    """
    if donation.checkout_url:
        return donation.checkout_url
    with translation.override(donation.language):
        fund_name = donation.fund.name_in(donation.language)
        if donation.pledge_id:
            name = _("Pledge for %(walker)s: %(fund)s") % {
                "walker": donation.pledge.participant.display_name,
                "fund": fund_name,
            }
        elif donation.frequency == Frequency.MONTHLY:
            name = _("Monthly gift: %(fund)s") % {"fund": fund_name}
        else:
            name = _("Gift: %(fund)s") % {"fund": fund_name}
    session = gateway.create_checkout_session(
        donation_id=donation.pk,
        recurring_gift_id=donation.recurring_gift_id,
        amount_cents=donation.amount_cents,
        product_name=name,
        email=donation.supporter.email,
        language=donation.language,
        success_url=success_url,
        cancel_url=cancel_url,
        idempotency_key=donation.idempotency_key or f"donation-{donation.pk}",
    )
    Donation.objects.filter(pk=donation.pk).update(
        checkout_session_id=session.id, checkout_url=session.url
    )
    donation.checkout_session_id, donation.checkout_url = session.id, session.url
    return session.url
