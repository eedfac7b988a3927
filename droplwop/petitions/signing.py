"""What a POST to a petition's form decides, and does: every check, the limits, the insert.

The view (`views.sign`) renders the outcome. Under a spike most outcomes are a redirect to the
thank-you step, and `quick_sign` answers those without the rest of Django's stack; it leaves
the others (errors, limits, a closed petition) to the view with the outcome already decided, so
no attempt is counted or stored twice.
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from droplwop.core.client_ip import request_ip_hash
from droplwop.core.origin_check import is_same_origin
from droplwop.core.rate_limit import count

from . import intake, limits, page_facts, services
from .forms import CONSENT_TEXT, SignatureCheck

REDIRECTS = frozenset({"signed", "confirm", "already", "bot"})


@dataclass(frozen=True)
class Outcome:
    # too_many, not_found, foreign_origin, closed, invalid, or one of REDIRECTS
    kind: str
    redirect_to: str = ""

    @property
    def is_redirect(self) -> bool:
        return self.kind in REDIRECTS


def attempt(request, page_id: int) -> Outcome:
    """Check and store one signature posted to the form of page `page_id`.

    Every attempt counts once against the signer's address, and one over the limit is refused
    whatever else is wrong with it. A good signature is counted by the insert that stores it
    (one statement on PostgreSQL); any other attempt is counted first, on its own.
    """
    ip_hash = request_ip_hash(request)
    counted = limits.ip_attempt(ip_hash)
    checked = _check(request, page_id)
    if isinstance(checked, Outcome) or limits.needs_domain_limit(checked["email"]):
        if not count(counted):
            limits.refused(request, counted)
            return Outcome("too_many")
        if isinstance(checked, Outcome):
            return checked
        if not limits.domain_allowed(checked["email"]):
            return Outcome("too_many")
        counted = None
    facts = checked.pop("facts")
    try:
        taken = intake.take_signature(
            petition=facts.petition,
            consent_text=str(CONSENT_TEXT),
            language=facts.language,
            ip_hash=ip_hash,
            counted=counted,
            **checked,
        )
    except services.PetitionClosed:
        return Outcome("closed")
    if taken == "limited":
        limits.refused(request, counted)
        return Outcome("too_many")
    return Outcome(taken, facts.thanks_url(taken))


def _check(request, page_id: int) -> Outcome | dict:
    """What is wrong with the POST, or the signature's fields (and the page's facts)."""
    facts = page_facts.for_signing(page_id)
    if facts is None:
        return Outcome("not_found")
    if not is_same_origin(request):
        return Outcome("foreign_origin")
    petition = facts.petition
    form = SignatureCheck(request.POST, show_public_list=petition.public_list_enabled)
    if form.is_bot:
        # Told it signed, so it learns nothing; nothing is stored.
        return Outcome("bot", facts.thanks_url("signed"))
    if not petition.is_open():
        return Outcome("closed")
    if not form.is_valid():
        return Outcome("invalid")
    data = form.cleaned_data
    referrer, utm = source(request)
    return {
        "facts": facts,
        "email": data["email"],
        "first_name": data["first_name"],
        "last_name": data["last_name"],
        "zip_code": data["zip_code"],
        "comment": data["comment"],
        "list_publicly": data.get("list_publicly", False),
        "wants_updates": data["wants_updates"],
        "referrer": referrer,
        "utm": utm,
    }


def source(request) -> tuple[str, dict]:
    """Where the signer came from: the page's own referrer (sent by our script) and utm_ tags."""
    page_address = request.META.get("HTTP_REFERER", "")
    query = parse_qs(urlsplit(page_address).query)
    utm = {key: query.get(f"utm_{key}", [""])[0] for key in ("source", "medium", "campaign")}
    referrer = request.POST.get("ref", "")[:200]
    if urlsplit(referrer).netloc.lower() == request.get_host().lower():
        referrer = ""
    return referrer, utm
