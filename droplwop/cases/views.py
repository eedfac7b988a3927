"""Public views: the campaign page and its support letter form."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from droplwop.core.form_guard import public_form

from . import selectors, services
from .choices import LetterStatus
from .forms import LetterChangeForm, SupportLetterForm
from .intake import submit_letter_later
from .letter_links import get_letter_from_change_token
from .letters import CHANGEABLE_FIELDS
from .models import CasePage
from .uploads import guard_upload_size, request_too_large, too_large_message


def _page_context(request, page, form):
    return page.get_context(request, form=form)


@csrf_exempt
@require_POST
def submit_letter(request, page_id: int):
    """Size is checked before the body is parsed, so the CSRF check comes after (inner view)."""
    if request_too_large(request):
        page = _live_page(page_id)
        form = SupportLetterForm()
        form.errors["upload"] = form.error_class([too_large_message()])
        return TemplateResponse(
            request, "cases/case_page.html", _page_context(request, page, form), status=413
        )
    guard_upload_size(request)
    return _submit_letter(request, page_id)


def _live_page(page_id):
    page = CasePage.objects.live().filter(pk=page_id).select_related("case").first()
    if page is None or not selectors.is_page_allowed(page):
        raise Http404
    return page


def _letter_sent(request, page_id: int):
    return HttpResponseRedirect(_live_page(page_id).url + "?sent=1#letter")


def _show_refused_letter(request, message, page_id: int):
    page = _live_page(page_id)
    form = SupportLetterForm(request.POST)
    form.is_valid()
    form.add_error(None, message)
    return TemplateResponse(request, "cases/case_page.html", _page_context(request, page, form))


@csrf_protect
@public_form("cases.letter", on_bot=_letter_sent, show_form=_show_refused_letter, same_origin=False)
def _submit_letter(request, page_id: int):
    page = _live_page(page_id)
    form = SupportLetterForm(request.POST, request.FILES)
    if getattr(request, "cases_upload_too_large", False):
        form.is_valid()
        form.add_error("upload", too_large_message())
        return TemplateResponse(
            request, "cases/case_page.html", _page_context(request, page, form), status=413
        )
    if form.is_valid():
        data = form.cleaned_data
        letter = {
            "case": page.case,
            "email": data["email"],
            "writer_name": data["writer_name"],
            "relationship": data["relationship"],
            "city": data["city"],
            "how_known": data["how_known"],
            "body": data["body"],
            "include_in_packet": data["include_in_packet"],
            "language": get_language()[:2],
        }
        try:
            if data.get("upload"):
                services.submit_letter(**letter, upload=data["upload"])
            else:
                submit_letter_later(**letter)
        except ValidationError as exc:  # an upload that is not what it claims
            form.add_error(None, exc.messages[0])
        else:
            return HttpResponseRedirect(page.url + "?sent=1#letter")
    return TemplateResponse(
        request, "cases/case_page.html", _page_context(request, page, form), status=400
    )


@never_cache
@require_http_methods(["GET", "POST"])
def change_letter(request, token: str):
    """The writer's own letter, from the signed link mailed to them: the only way to change it."""
    letter = get_letter_from_change_token(token)
    if letter is None:
        return TemplateResponse(request, "cases/letter_change.html", {"invalid": True}, status=400)
    changeable = letter.status == LetterStatus.PENDING
    saved = request.GET.get("saved") == "1"
    if request.method == "POST" and changeable:
        form = LetterChangeForm(request.POST)
        if form.is_valid():
            changeable = services.change_letter(letter=letter, **form.cleaned_data)
            if changeable:
                return HttpResponseRedirect(request.path + "?saved=1")
    else:
        form = LetterChangeForm(
            initial={
                **{name: getattr(letter, name) for name in CHANGEABLE_FIELDS},
                "include_in_packet": letter.include_in_packet,
            }
        )
    context = {"form": form, "letter": letter, "changeable": changeable, "saved": saved}
    status = 400 if form.errors else 200
    return TemplateResponse(request, "cases/letter_change.html", context, status=status)
