from .funds import Fund
from .gifts import Donation, Frequency, ProcessedEvent, RecurringGift, Refund
from .pages import DonatePage, FundraiserPage
from .receipts import ReceiptSettings
from .walk import Participant, Pledge

__all__ = [
    "DonatePage",
    "Donation",
    "Frequency",
    "Fund",
    "FundraiserPage",
    "Participant",
    "Pledge",
    "ProcessedEvent",
    "ReceiptSettings",
    "RecurringGift",
    "Refund",
]
