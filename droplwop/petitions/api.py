"""OSDI-style record_signature_helper: partner sites post a signature as JSON, without a login.

Same validation, limits and path as the form: the JSON is mapped onto the form's checks
(SignatureCheck) and the signature is submitted as the form's are (signing.submit), to be filed
by services.sign_petitions. Anyone can call this, so the answer is the same whether or not the
person had signed, and nothing is read back (no id, date or comment). Reading back is for
partners holding an API key, which the OSDI API issue brings: their answer is built where
`_received` is, once a key identifies them.
"""

import json

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from droplwop.core import form_guard
from droplwop.core.client_ip import request_ip_hash

from . import limits, signing
from .forms import SignatureCheck
from .models import Petition, Signature

MAX_BODY = 16 * 1024


def _cors(response):
    # Unauthenticated by design, so any partner origin may post from the browser.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Content-Type"
    return response


def _error(status, message, fields=None):
    body = {"error": message}
    if fields:
        body["fields"] = fields
    return _cors(JsonResponse(body, status=status))


def _first(items, key):
    if isinstance(items, list) and items and isinstance(items[0], dict):
        value = items[0].get(key, "")
        return value if isinstance(value, str) else ""
    return ""


def _form_data(payload: dict) -> dict:
    person = payload.get("person") if isinstance(payload.get("person"), dict) else {}

    def text(mapping, key):
        value = mapping.get(key, "")
        return value if isinstance(value, str) else ""

    return {
        "first_name": text(person, "given_name"),
        "last_name": text(person, "family_name"),
        "email": _first(person.get("email_addresses"), "address"),
        "zip_code": _first(person.get("postal_addresses"), "postal_code"),
        "comment": text(payload, "comments"),
        "list_publicly": "on" if payload.get("droplwop:list_publicly") is True else "",
        "wants_updates": "on" if payload.get("droplwop:wants_updates") is True else "",
    }


@csrf_exempt
@never_cache
def record_signature_helper(request, petition_id: int):
    if request.method == "OPTIONS":
        return _cors(JsonResponse({}))
    if request.method != "POST":
        return _error(405, "POST a JSON signature.")
    ip_hash = request_ip_hash(request)
    if not form_guard.allow("petitions.sign", ip_hash):
        return _error(429, "Too many signatures from this address. Try again later.")
    payload = _payload(request)
    if isinstance(payload, JsonResponse):
        return payload
    petition = Petition.objects.filter(pk=petition_id).first()
    if petition is None:
        # Not 404: the language middleware would turn a 404 here into a redirect to /en/...
        return _error(400, "No such petition.")
    if not petition.is_open():
        return _error(409, "This petition is closed. The signature was not recorded.")
    form = SignatureCheck(_form_data(payload), show_public_list=petition.public_list_enabled)
    if not form.is_valid():
        fields = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        return _error(400, "The signature is not valid.", fields)
    data = form.cleaned_data
    if not limits.domain_allowed(data["email"]):
        return _error(429, "Too many signatures from this email domain. Try again later.")
    origin = request.META.get("HTTP_ORIGIN", "")[:200]
    language = payload.get("droplwop:language")
    signing.submit(
        petition_id=petition.pk,
        email=data["email"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        zip_code=data["zip_code"],
        comment=data["comment"],
        list_publicly=data.get("list_publicly", False),
        wants_updates=data["wants_updates"],
        language=language if language in ("en", "es") else "en",
        channel=Signature.Channel.API,
        source=f"api:{origin}" if origin else "api",
        referrer=origin,
        ip_hash=ip_hash,
    )
    return _received(petition)


def _payload(request) -> dict | JsonResponse:
    """The body as a JSON object, or the error to answer. The size is checked before the body
    is read, and a body nested too deeply for the parser is refused like any bad JSON."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY + 1
    if length > MAX_BODY:
        return _error(400, "The request is too large (at most 16 KB).")
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _error(400, "The body is not valid JSON, or is nested too deeply.")
    if not isinstance(payload, dict):
        return _error(400, "The body must be a JSON object.")
    return payload


def _received(petition: Petition) -> JsonResponse:
    """The one answer to an unauthenticated caller, whatever the person had done before."""
    return _cors(
        JsonResponse({"droplwop:outcome": "received", "droplwop:petition": petition.pk}, status=202)
    )
