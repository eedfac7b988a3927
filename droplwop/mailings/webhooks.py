"""Bounces and complaints from the email provider, through django-anymail's tracking webhooks.

anymail verifies each post (basic auth with ANYMAIL["WEBHOOK_SECRET"], and the provider's
signature where it signs) and sends the `tracking` signal; this receiver only hands the event
to the service.
"""

from anymail.signals import tracking
from django.dispatch import receiver

from .models import SuppressionReason
from .services import suppress_address

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
