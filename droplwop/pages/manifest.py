"""The web app manifest of each language and the /favicon.ico browsers ask for by habit."""

from django.http import HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from droplwop.core.models import OrganizationSettings

# The colours of core/css/site.css (--brand and --paper).
THEME_COLOR = "#4b2478"
BACKGROUND_COLOR = "#fbfaf6"
# Launchers show about twelve characters under an icon.
SHORT_NAME_LENGTH = 12


@require_safe
@cache_control(public=True, max_age=3600)
def web_manifest(request):
    language = get_language()
    org = OrganizationSettings.load(request_or_site=request)
    site = Site.find_for_request(request)
    short_name = site.site_name if site and site.site_name else org.name
    manifest = {
        "name": org.name,
        "short_name": short_name[:SHORT_NAME_LENGTH],
        "description": getattr(org, f"tagline_{language}", "") or org.tagline_en,
        "lang": language,
        "dir": "ltr",
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "minimal-ui",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static("core/icons/icon.svg"), "type": "image/svg+xml", "sizes": "any"},
            {"src": static("core/icons/icon-192.png"), "type": "image/png", "sizes": "192x192"},
            {"src": static("core/icons/icon-512.png"), "type": "image/png", "sizes": "512x512"},
            {
                "src": static("core/icons/icon-maskable-512.png"),
                "type": "image/png",
                "sizes": "512x512",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def favicon(request):
    return HttpResponseRedirect(static("core/icons/icon-32.png"))
