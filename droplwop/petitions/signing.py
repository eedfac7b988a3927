"""What a POST to a petition's form decides, and does: the form's checks, the domain limit, the
submission.

A good signature is one small insert (core.deferred) and a redirect to the thank-you step; the
task queue files it moments later through services.sign_petitions (`file_signatures`). A
repeat signer is answered exactly as a new one: the page must not tell anyone whether an email
has signed (the count simply does not rise).
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache
from django.utils.translation import override

from droplwop.core import deferred
from droplwop.core.client_ip import request_ip_hash
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.services import normalize_email

from . import limits, page_facts, services
from .forms import CONSENT_TEXT, SignatureCheck
from .models import Petition, Signature
from .tasks import send_already_signed_task

KIND = "petitions.signature"
REDIRECTS = frozenset({"signed", "confirm"})
REMINDED = "petitions:told-already-signed:"


@dataclass(frozen=True)
class Outcome:
    # too_many (the email domain's burst), not_found, closed, invalid, or one of REDIRECTS
    kind: str
    redirect_to: str = ""

    @property
    def is_redirect(self) -> bool:
        return self.kind in REDIRECTS


def attempt(request, page_id: int) -> Outcome:
    """Check and submit one signature posted to the form of page `page_id`. The origin, the
    honeypot and the per-address limit were checked before (core.form_guard, in the view)."""
    checked = _check(request, page_id)
    if isinstance(checked, Outcome):
        return checked
    if not limits.domain_allowed(checked["email"]):
        return Outcome("too_many")
    facts = checked.pop("facts")
    submit(
        petition_id=facts.petition.pk,
        language=facts.language,
        ip_hash=request_ip_hash(request),
        channel=Signature.Channel.FORM,
        **checked,
    )
    shown = "confirm" if facts.petition.confirmation_required else "signed"
    return Outcome(shown, facts.thanks_url(shown))


def bot_thanks_url(page_id: int) -> str | None:
    """Where a filled honeypot is sent: the thank-you step a person would see, so a bot learns
    nothing. None when no live petition page has this id."""
    facts = page_facts.for_signing(page_id)
    return None if facts is None else facts.thanks_url("signed")


def submit(*, petition_id: int, email: str, **fields) -> None:
    """Take one signature to be filed by `file_signatures`; `fields` are sign_petition's
    arguments (JSON values only), without petition, email and consent_text."""
    email = normalize_email(email)
    deferred.submit(KIND, email=email, payload={"petition": petition_id, "email": email, **fields})


def file_signatures(rows) -> None:
    """core.deferred's filer for KIND: a batch of taken signatures, through sign_petitions.
    A repeat signer is told by email that they had signed (the page says nothing).

    The consent text is the wording the form shows beside the list's checkbox, in the signer's
    language: what they agreed to, never a text taken from the request.
    """
    petitions = Petition.objects.select_related("email_list").in_bulk(
        {row.payload["petition"] for row in rows}
    )
    signers = []
    for row in rows:
        fields = dict(row.payload)
        petition = petitions.get(fields.pop("petition"))
        if petition is None:
            continue  # the petition was deleted meanwhile, with its signatures
        with override(fields.get("language", "en")):
            consent_text = str(CONSENT_TEXT)
        signers.append(
            fields
            | {"petition": petition, "consent_text": consent_text, "signed_at": row.created_at}
        )
    if not signers:
        return
    results = services.sign_petitions(signers)
    for result in results:
        # At most one such email a day per signature: the form must not become a way to fill
        # someone's inbox.
        signature = result.signature
        if result.outcome == "already" and cache.add(f"{REMINDED}{signature.pk}", 1, 86_400):
            enqueue_on_commit(send_already_signed_task, signature.pk)


def _check(request, page_id: int) -> Outcome | dict:
    """What is wrong with the POST, or the signature's fields (and the page's facts)."""
    facts = page_facts.for_signing(page_id)
    if facts is None:
        return Outcome("not_found")
    petition = facts.petition
    form = SignatureCheck(request.POST, show_public_list=petition.public_list_enabled)
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
