"""sitemap.xml: every public page in both languages, each naming its translations (hreflang)."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class BilingualSitemap(Sitemap):
    limit = 5000

    def items(self):
        # Wagtail's own sitemap walks the default site's tree only, which is the English one.
        root = self.get_wagtail_site().root_page
        trees = Page.objects.none()
        for tree_root in Page.objects.filter(translation_key=root.translation_key):
            trees = trees | Page.objects.descendant_of(tree_root, inclusive=True)
        return trees.live().public().order_by("path").defer_streamfields()

    def _absolute(self, page):
        path = page.get_url(self.request)
        return self.request.build_absolute_uri(path) if self.request else page.get_full_url()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        translations = {}
        for item in pages:
            translations.setdefault(item.translation_key, []).append(item)
        locations = {item.pk: self._absolute(item) for item in pages}
        urls = []
        for item in pages:
            urls.append(
                {
                    "item": item,
                    "location": locations[item.pk],
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": [
                        {"lang_code": languages[other.locale_id], "location": locations[other.pk]}
                        for other in translations[item.translation_key]
                    ],
                }
            )
        lastmods = [url["lastmod"] for url in urls if url["lastmod"]]
        if lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
