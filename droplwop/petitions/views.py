"""Public HTTP for petitions: parse, call a service, render. The pages themselves are Wagtail's."""

from urllib.parse import quote

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from droplwop.core.form_guard import public_form, too_many_requests
from droplwop.core.public_urls import absolute_page_url

from . import limits, selectors, services, signing
from .forms import OrgSignatureForm, SignatureForm
from .links import signature_from_token
from .models import PetitionPage, SignOnLetter

TEMPLATE = "petitions/petition_page.html"


def petition_page_context(page: PetitionPage, request, *, form=None, org_form=None) -> dict:
    petition = page.petition
    language = page.locale.language_code
    letter = _letter(petition)
    total = selectors.count_public_total(petition)
    context = {
        "petition": petition,
        "letter": letter,
        "letter_text": letter.letter_in(language) if letter else "",
        "total": total,
        "percent": selectors.get_percent_of_goal(petition, total),
        "is_open": petition.is_open(),
        "petition_text": petition.text_in(language),
        "targets": [
            {"name": t.name, "title_display": t.title_in(language)} for t in petition.targets.all()
        ],
        "form": form or SignatureForm(show_public_list=petition.public_list_enabled),
        "org_form": org_form or (OrgSignatureForm() if letter else None),
        "updates": list(petition.updates.all()[:5]),
        "language": language,
    }
    if petition.public_list_enabled:
        context["public_signers"] = selectors.list_public_signers(petition, limit=30)
    if letter:
        context["organizations"] = selectors.list_verified_organizations(letter)
    return context


def _letter(petition):
    try:
        return petition.signonletter
    except SignOnLetter.DoesNotExist:
        return None


def _live_page(page_id) -> PetitionPage:
    page = PetitionPage.objects.live().select_related("petition", "locale").filter(pk=page_id)
    page = page.first()
    if page is None:
        raise Http404
    return page


def _render_page(request, page, status, *, notice="", **forms):
    context = page.get_context(request)
    context.update({name: form for name, form in forms.items() if form is not None})
    context["notice"] = notice
    return TemplateResponse(request, TEMPLATE, context, status=status)


def _thanks_url(page, outcome):
    return f"{page.url}thanks/{outcome}/"


def _bot_signed(request, page_id):
    address = signing.bot_thanks_url(page_id)
    if address is None:
        raise Http404
    return HttpResponseRedirect(address, status=303)


@csrf_exempt  # The page is cached for everyone: the guard checks the origin instead.
@require_POST
@never_cache
# A refusal is the guard's page of its own, not the petition page with the form: a flood from
# one address is answered thousands of times, and with the full page each time, signers during
# bench/sign.py's flood fell from 509 to 26 a second.
@public_form("petitions.sign", on_bot=_bot_signed)
def sign(request, page_id: int):
    outcome = signing.attempt(request, page_id)
    if outcome.is_redirect:
        return HttpResponseRedirect(outcome.redirect_to, status=303)
    if outcome.kind == "not_found":
        raise Http404
    if outcome.kind == "too_many":
        return too_many_requests(request, limits.DOMAIN_LIMIT)
    page = _live_page(page_id)
    if outcome.kind == "closed":
        notice = _("This petition is closed. Your signature was not recorded.")
        return _render_page(request, page, 409, notice=notice)
    shown = SignatureForm(request.POST, show_public_list=page.petition.public_list_enabled)
    shown.is_valid()
    return _render_page(request, page, 400, form=shown)


def _bot_signed_organization(request, page_id):
    return HttpResponseRedirect(_thanks_url(_live_page(page_id), "organization"), status=303)


@csrf_exempt
@require_POST
@never_cache
@public_form("petitions.sign_organization", on_bot=_bot_signed_organization)
def sign_organization(request, page_id: int):
    page = _live_page(page_id)
    letter = _letter(page.petition)
    if letter is None:
        raise Http404
    form = OrgSignatureForm(request.POST)
    if not letter.is_open():
        return _render_page(
            request, page, 409, notice=_("This letter is closed. Your signature was not recorded.")
        )
    if not form.is_valid():
        return _render_page(request, page, 400, org_form=form)
    data = form.cleaned_data
    if not limits.domain_allowed(data["email"]):
        return too_many_requests(request, limits.DOMAIN_LIMIT)
    services.sign_letter_as_organization(
        letter=letter,
        email=data["email"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        signer_title=data["signer_title"],
        organization=data["organization"],
        city=data["city"],
        website=data["org_website"],
        authorized=data["authorized"],
        language=page.locale.language_code,
    )
    return HttpResponseRedirect(_thanks_url(page, "organization"), status=303)


def thank_you(request, page, outcome):
    address = absolute_page_url(page)
    context = page.get_context(request)
    total = selectors.count_public_total(page.petition)
    context.update(
        {
            "outcome": outcome,
            "petition": page.petition,
            "total": total,
            "percent": selectors.get_percent_of_goal(page.petition, total),
            "share": share_links(address, page.title),
            "share_address": address,
        }
    )
    return TemplateResponse(request, "petitions/thank_you.html", context)


def share_links(address: str, title: str) -> list[tuple[str, str]]:
    """Plain links to each network's own share page: no third-party script on our pages."""

    def tagged(source):
        return quote(f"{address}?utm_source={source}&utm_medium=share", safe="")

    text = quote(title, safe="")
    return [
        ("WhatsApp", f"https://wa.me/?text={text}%20{tagged('whatsapp')}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={tagged('facebook')}"),
        ("X", f"https://x.com/intent/post?text={text}&url={tagged('x')}"),
        (_("Email"), f"mailto:?subject={text}&body={tagged('email')}"),
    ]


def _signature_or_invalid(request, purpose, token):
    signature = signature_from_token(purpose, token)
    if signature is None:
        return None, TemplateResponse(request, "petitions/invalid_link.html", {}, status=404)
    return signature, None


@never_cache
def confirm(request, token: str):
    """GET shows a button (mail scanners open links); POST counts the signature."""
    signature, invalid = _signature_or_invalid(request, "confirm", token)
    if invalid:
        return invalid
    page = selectors.get_petition_page(signature.petition, translation.get_language())
    if request.method == "POST":
        services.confirm_signature(signature=signature)
        if page:
            return HttpResponseRedirect(_thanks_url(page, "confirmed"), status=303)
    return TemplateResponse(
        request,
        "petitions/confirm.html",
        {"signature": signature, "petition_page": page, "done": signature.is_confirmed},
    )


@never_cache
def stop_updates(request, token: str):
    signature, invalid = _signature_or_invalid(request, "updates", token)
    if invalid:
        return invalid
    stopped = False
    if request.method == "POST":
        services.stop_updates(signature=signature)
        stopped = True
    return TemplateResponse(
        request, "petitions/stop_updates.html", {"signature": signature, "stopped": stopped}
    )
