from .delivery import DeliveryFile
from .pages import PetitionIndexPage, PetitionPage
from .records import (
    OrgSignature,
    Petition,
    PetitionCounter,
    PetitionStatus,
    PetitionUpdate,
    Signature,
    SignOnLetter,
    Target,
)

__all__ = [
    "DeliveryFile",
    "OrgSignature",
    "Petition",
    "PetitionCounter",
    "PetitionIndexPage",
    "PetitionPage",
    "PetitionStatus",
    "PetitionUpdate",
    "SignOnLetter",
    "Signature",
    "Target",
]
