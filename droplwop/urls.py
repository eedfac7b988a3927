import os
from importlib import import_module

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from droplwop.core import views as core_views
from droplwop.pages import urls as page_urls
from droplwop.pages.manifest import favicon
from droplwop.pages.sitemap import BilingualSitemap

# Each domain app serves its public routes under its own prefix, in both languages, and may add
# routes that take no language (webhooks, API) as `unlocalized_urlpatterns` in its urls module.
# An app never defines the empty route under its prefix: page slugs may share the prefix.
APP_PREFIXES = {
    "supporters": "supporters/",
    "mailings": "mail/",
    "petitions": "petitions/",
    "events": "events/",
    "donations": "donate/",
    "cases": "cases/",
    "inreach": "inside/",
}

localized_app_urls = []
unlocalized_app_urls = []
for app, prefix in APP_PREFIXES.items():
    module = import_module(f"droplwop.{app}.urls")
    localized_app_urls.append(path(prefix, include((module.urlpatterns, app), namespace=app)))
    unlocalized_app_urls += getattr(module, "unlocalized_urlpatterns", [])

urlpatterns = [
    # The case desk answers its own refusals (droplwop.cases.admin_access), so it comes first.
    path("admin/cases/", include("droplwop.cases.admin_urls", namespace="cases_admin")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    *unlocalized_app_urls,
]

urlpatterns += i18n_patterns(
    path("", include((page_urls.urlpatterns, "pages"), namespace="pages")),
    *localized_app_urls,
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if os.environ.get("DROPLWOP_BENCH_VIEWS") == "1":
    # bench/pages.py compares the site with a bare Django view served the same way.
    urlpatterns.insert(0, path("bench/constant/", core_views.bench_constant))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
