from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page

from droplwop.core.client_ip import request_ip_hash
from droplwop.core.form_guard import public_form

from . import selectors, services
from .forms import CommentForm
from .models.comments import Comment, CommentStatus
from .models.news import NewsPage
from .models.resource_index import ResourceIndexPage

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = []
    library = None
    if query:
        locale = Locale.get_active()
        library = ResourceIndexPage.objects.live().filter(locale=locale).first()
        results = [
            {"page": item} if isinstance(item, Page) else {"resource": item}
            for item in selectors.list_search_results(query=query, locale=locale)
        ]
    page = Paginator(results, 10).get_page(request.GET.get("page", "1"))
    return TemplateResponse(
        request, "pages/search.html", {"query": query, "results": page, "library": library}
    )


def _commentable_post(post_id: int):
    post = get_object_or_404(NewsPage.objects.live().public(), pk=post_id)
    if not post.comments_enabled:
        raise Http404
    return post


def _comment_sent(request, post_id: int):
    return _back_to_post(_commentable_post(post_id))


def _show_refused_comment(request, message, post_id: int):
    form = CommentForm(request.POST, prefix_id=_form_prefix(request.POST.get("parent")))
    form.add_error(None, message)
    return _show_post_with_form(request, _commentable_post(post_id), form, status=400)


# News posts are cached whole for anonymous visitors, so the comment form carries no CSRF
# token: its POST comes here, csrf_exempt, behind the public form guard instead.
@csrf_exempt
@require_POST
@public_form("pages.comment", on_bot=_comment_sent, show_form=_show_refused_comment)
def post_comment(request, post_id: int):
    post = _commentable_post(post_id)
    form = CommentForm(request.POST, prefix_id=_form_prefix(request.POST.get("parent")))
    if not form.is_valid():
        return _show_post_with_form(request, post, form, status=400)
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(
            pk=form.cleaned_data["parent"], post=post, status=CommentStatus.APPROVED
        ).first()
        if parent is None:
            form.add_error(None, _("The comment you replied to is no longer shown."))
            return _show_post_with_form(request, post, form, status=400)
    services.submit_comment(
        post=post,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        body=form.cleaned_data["body"],
        parent=parent,
        ip_hash=request_ip_hash(request),
        language=get_language() or post.locale.language_code,
    )
    return _back_to_post(post)


def _form_prefix(parent_value) -> str:
    return f"reply-{parent_value}" if parent_value and str(parent_value).isdigit() else "comment"


def _back_to_post(post):
    return HttpResponseRedirect(f"{post.url}?comment=sent#comments")


def _show_post_with_form(request, post, form, *, status: int):
    """Render the post again, uncached, with the visitor's text and what to fix."""
    context = post.get_context(request)
    parent = form.data.get("parent", "")
    shown = (
        selectors.list_approved_comments(post=post).filter(pk=parent).first()
        if parent.isdigit()
        else None
    )
    if shown is not None:
        context["reply_form"] = form
        context["reply_to"] = shown.pk
    else:
        # Replying to a comment no longer shown: the text goes back in the main form.
        context["comment_form"] = form
    response = TemplateResponse(request, post.get_template(request), context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response
