"""Addresses given out of the site (emails, share links, calendar feeds): always SITE_URL's.

Wagtail's own `full_url` takes the host from its Site record, which a fresh install leaves at
localhost:80; links that leave the site must carry the address the deployment is reached at.
"""

from django.conf import settings


def absolute_page_url(page) -> str:
    """The page's public address, or "" for no page (or one not routable)."""
    parts = page.get_url_parts() if page else None
    if not parts:
        return ""
    _site_id, _root_url, path = parts
    return settings.SITE_URL + path
