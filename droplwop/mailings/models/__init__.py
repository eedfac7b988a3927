from .mailing import Mailing, MailingStatus
from .send import Send, SendClaim, SendStatus
from .suppression import Suppression, SuppressionReason

__all__ = [
    "Mailing",
    "MailingStatus",
    "Send",
    "SendClaim",
    "SendStatus",
    "Suppression",
    "SuppressionReason",
]
