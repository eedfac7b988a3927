"""Demo content: each app adds its part in `<app>/demo.py` with a `load(context)` function.

`manage.py load_demo` calls them in INSTALLED_APPS order. Each loader must be idempotent:
running it twice changes nothing.
"""

import importlib
from dataclasses import dataclass, field

from django.apps import apps
from wagtail.models import Locale

from droplwop.core.models import MainMenu, MainMenuItem

# The published demo logins' password: users/demo.py sets it, `manage.py serve` prints it.
DEMO_PASSWORD = "drop-lwop-demo"  # noqa: S105 (a published demo login, never production)


@dataclass
class DemoContext:
    """What loaders share: the locales, the home pages, and anything an earlier loader made."""

    locales: dict = field(default_factory=dict)
    homes: dict = field(default_factory=dict)
    made: dict = field(default_factory=dict)
    log: list = field(default_factory=list)

    def say(self, line: str) -> None:
        self.log.append(line)


def demo_loaders():
    """Each app's `load`, then each app's optional `link`: a second pass that points one app's
    pages at another's, which an app listed earlier cannot do while the other is not made yet."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("droplwop."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        modules.append((config.label, module))
        yield config.label, module.load
    for label, module in modules:
        if hasattr(module, "link"):
            yield f"{label} links", module.link


def publish(page):
    """Publish the page's current state as a revision, as an editor's Publish button does."""
    page.save_revision().publish()
    return page


def upsert_page(*, parent, model, slug: str, en: dict, es: dict, **shared):
    """Create or update one page in English under `parent` and its Spanish translation.

    `en` and `es` hold the fields that differ by language (title first of all); `shared` the ones
    that do not. Returns (english_page, spanish_page). Running it twice changes nothing.
    """
    es_locale = Locale.objects.get(language_code="es")
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **shared, **en)
        parent.add_child(instance=page)
        publish(page)
    translation = page.get_translation_or_none(es_locale)
    if translation is None:
        translation = page.copy_for_translation(es_locale, copy_parents=True)
        for name, value in {**shared, **es}.items():
            setattr(translation, name, value)
        translation.slug = es.get("slug", slug)
        translation.save()
        publish(translation)
    return page.specific, translation.specific


def add_menu_item(context, *, pages: dict, labels: dict, order: int) -> None:
    """Put a page into the main menu of each language (pages and labels keyed by language code).

    Idempotent: a link to the same page is never added twice. `order` places it among the others.
    """
    for code, locale in context.locales.items():
        menu, _created = MainMenu.objects.get_or_create(
            locale=locale, defaults={"name": "Main menu"}
        )
        page = pages[code]
        if not menu.items.filter(page=page).exists():
            MainMenuItem.objects.create(menu=menu, sort_order=order, label=labels[code], page=page)
