from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from droplwop.core.models import FooterText, MainMenu

register = template.Library()


def _current_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    locale = _current_locale()
    menu = MainMenu.objects.filter(locale=locale).prefetch_related("items__page").first()
    current_url = getattr(context.get("page"), "url", None)
    items = []
    for item in menu.items.all() if menu else []:
        href = item.get_href(locale)
        items.append(
            {
                "label": item.label,
                "href": href,
                "current": bool(current_url and href == current_url),
            }
        )
    return {"items": items}


@register.simple_tag
def footer_text():
    return FooterText.objects.filter(locale=_current_locale()).first()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Where each language's switcher link goes: the translated page when there is one."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    links = []
    for code, name in settings.LANGUAGES:
        href = None
        if isinstance(page, Page) and code in locales:
            translated = page.get_translation_or_none(locales[code])
            if translated is not None and translated.live:
                href = translated.url
        if href is None and request is not None:
            href = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "href": href or f"/{code}/", "current": code == current}
        )
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    request = context.get("request")
    if request is None:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


@register.filter
def described_widget(field):
    """Render a bound field's widget tied to its help text and error (ids as in field.html)."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
