from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        locale = Locale.get_active()
        results = Page.objects.live().public().filter(locale=locale).specific().search(query)
    page = Paginator(results, 10).get_page(request.GET.get("page", "1"))
    return TemplateResponse(request, "pages/search.html", {"query": query, "results": page})
