from .cases import Case, CaseContact, CaseMember, CdcrNumber, Consent
from .files import Document, Packet
from .letters import SupportLetter
from .pages import CasePage
from .progress import PathwayStatus, StageEvent, Task

__all__ = [
    "Case",
    "CaseContact",
    "CaseMember",
    "CasePage",
    "CdcrNumber",
    "Consent",
    "Document",
    "Packet",
    "PathwayStatus",
    "StageEvent",
    "SupportLetter",
    "Task",
]
