from .audit import AuditEntry
from .base_page import BasePage
from .deferred import PendingSubmission
from .navigation import FooterText, MainMenu, MainMenuItem
from .rate_counter import RateCounter
from .site_settings import OrganizationSettings

__all__ = [
    "AuditEntry",
    "BasePage",
    "FooterText",
    "MainMenu",
    "MainMenuItem",
    "OrganizationSettings",
    "PendingSubmission",
    "RateCounter",
]
