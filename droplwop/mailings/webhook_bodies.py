"""The shape of each provider's webhook body, checked before anymail reads it.

anymail trusts the body once the post is authenticated, and indexes into it as the provider
documents: a body of another shape was a 500 (and a provider retries a 500 for days). A post
that does not match answers 400 here instead. Providers not listed are checked to be JSON when
they post JSON; anymail's own complaints about a body are answered 400 by the view as well.
"""

from droplwop.core import json_shape

_SNS = {"Type": str, "MessageId": str}
# The SES event inside an SNS notification (a JSON string in "Message"), and what anymail reads
# of each event type ("eventType", or "notificationType" in SES's older format).
_SES_EVENT = {"mail": {"destination": [str]}}
_SES_HEADERS = [{"name": str, "value": str}]
_SES_BY_TYPE = {
    "Bounce": {
        "bounce": {
            "bounceType": str,
            "bounceSubType": str,
            "bouncedRecipients": [{"emailAddress": str}],
        }
    },
    "Complaint": {"complaint": {"complainedRecipients": [{"emailAddress": str}]}},
    "Delivery": {"delivery": {"recipients": [str]}},
    "Reject": {"reject": {"reason": str}},
    "Rendering Failure": {"failure": {"errorMessage": str}},
}

TRACKING = {
    "sendgrid": [{"event": str, "email": str}],
    "amazon_ses": _SNS,
    "postmark": {"RecordType": str},
    "mailgun": {"signature": dict, "event-data": dict},
}
INBOUND = {
    "amazon_ses": _SNS,
    "postmark": dict,
}


def check(provider: str, kind: str, request) -> None:
    """Raise json_shape.BadShape unless the body is one the provider's webhook can read."""
    if provider == "sendgrid" and kind == "inbound":
        _check_sendgrid_envelope(request)
        return
    shape = (TRACKING if kind == "tracking" else INBOUND).get(provider)
    is_json = request.content_type == "application/json"
    if not is_json and (shape is None or provider == "mailgun"):
        return  # a form post (Mailgun's legacy ones): anymail reads it field by field
    body = json_shape.loads(request.body)
    if shape is not None:
        json_shape.check(body, shape)
    if provider == "amazon_ses" and body["Type"] == "Notification":
        _check_ses_notification(body)


def _check_ses_notification(body) -> None:
    json_shape.check(body, {"Message": str})
    message = body["Message"]
    if message.startswith("{"):
        event = json_shape.loads(message.encode())
        json_shape.check(event, _SES_EVENT, "Message")
        if "headers" in event["mail"]:
            json_shape.check(event["mail"]["headers"], _SES_HEADERS, "Message.mail.headers")
        event_type = event.get("eventType", event.get("notificationType"))
        json_shape.check(event, _SES_BY_TYPE.get(event_type, {}), "Message")


def _check_sendgrid_envelope(request) -> None:
    raw = request.POST.get("envelope")
    if raw is None:
        return
    envelope = json_shape.loads(raw.encode())
    json_shape.check(envelope, {"from": str, "to": [str]}, "envelope")
    if not envelope["to"]:
        raise json_shape.BadShape("envelope.to is empty")
