"""Work done after the request: each task loads its row by id and calls a service."""

from django.utils import timezone
from django_tasks import task

from droplwop.supporters.models import Supporter
from droplwop.supporters.services import normalize_email

from . import gateway, receipts
from .models import Donation, Pledge, RecurringGift


@task()
def send_receipt_task(donation_id: int) -> None:
    donation = Donation.objects.select_related("supporter", "fund").filter(pk=donation_id).first()
    if donation and receipts.send_receipt(donation):
        Donation.objects.filter(pk=donation_id).update(receipt_sent_at=timezone.now())


@task()
def send_pledge_confirmation_task(pledge_id: int) -> None:
    pledge = Pledge.objects.select_related("supporter", "participant__fund").filter(pk=pledge_id)
    if pledge := pledge.first():
        receipts.send_pledge_confirmation(pledge)


@task()
def send_pledge_request_task(pledge_id: int) -> None:
    pledge = Pledge.objects.select_related("supporter", "participant__fund").filter(pk=pledge_id)
    pledge = pledge.first()
    if pledge and pledge.status == Pledge.Status.DUE:
        receipts.send_pledge_request(pledge)
        Pledge.objects.filter(pk=pledge_id).update(due_emailed_at=timezone.now())


@task()
def send_yearly_summary_task(email: str, year: int, language: str) -> None:
    # Sent only to the address on file: whoever typed it sees nothing either way.
    supporter = Supporter.objects.filter(email=normalize_email(email)).first()
    if supporter is not None:
        receipts.send_yearly_summary(supporter, year, language)


@task()
def cancel_subscription_task(gift_id: int) -> None:
    """A gift canceled here (a refund or dispute) stops at Stripe too, outside the webhook."""
    gift = RecurringGift.objects.filter(pk=gift_id).first()
    if gift and gift.subscription_id and gift.status == RecurringGift.Status.CANCELED:
        gateway.cancel_subscription(gift.subscription_id)
