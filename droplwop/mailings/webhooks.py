"""What the email provider tells us, through django-anymail's webhooks: bounces and complaints
(tracking), and unsubscribe requests mailed to MAILINGS_UNSUBSCRIBE_MAILTO (inbound).

anymail verifies each post (basic auth with ANYMAIL["WEBHOOK_SECRET"], and the provider's
signature where it signs) and sends a signal; these receivers only hand the event to a service.
"""

import re

from anymail.signals import inbound, tracking
from django.dispatch import receiver

from .models import SuppressionReason
from .services import suppress_address, unsubscribe_by_token

# The subject the List-Unsubscribe mailto: link sets; the token is the same signed one the
# https link carries, so a forged or altered subject changes nothing.
_UNSUBSCRIBE_SUBJECT = re.compile(r"unsubscribe-([A-Za-z0-9_:-]+)")

_REASONS = {
    "bounced": SuppressionReason.BOUNCED,
    "complained": SuppressionReason.COMPLAINED,
}


@receiver(tracking, dispatch_uid="mailings.suppress_on_bounce_or_complaint")
def handle_tracking_event(sender, event, esp_name, **kwargs):
    reason = _REASONS.get(event.event_type)
    if reason is None or not event.recipient:
        return
    suppress_address(
        email=event.recipient,
        reason=reason,
        detail=f"{esp_name}: {event.description or event.reject_reason or ''}"[:255],
        message_id=event.message_id or "",
        metadata=event.metadata or {},
        event_id=event.event_id or "",
    )


@receiver(inbound, dispatch_uid="mailings.unsubscribe_by_mail")
def handle_inbound_message(sender, event, esp_name, **kwargs):
    found = _UNSUBSCRIBE_SUBJECT.search(event.message.subject or "")
    if found:
        unsubscribe_by_token(token=found.group(1), one_click=True)
