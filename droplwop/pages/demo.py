"""The coalition's public site in English and Spanish: home, about, get involved, news, resources."""

from wagtail.models import Collection, Locale, Page, Site

from droplwop.core.demo_tools import publish, upsert_page
from droplwop.core.models import FooterText, MainMenu, MainMenuItem, OrganizationSettings

from .models import HomePage, StandardPage


def _locales(context):
    en, _ = Locale.objects.get_or_create(language_code="en")
    es, _ = Locale.objects.get_or_create(language_code="es")
    context.locales = {"en": en, "es": es}


def _home(context):
    # A flushed database (after a transactional test) has lost the tree roots Wagtail's
    # migrations made; put them back so the demo loads on it too.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=context.locales["en"])
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.filter(locale=context.locales["en"]).first()
    if home is None:
        # Wagtail's install leaves a plain "Welcome" page (and a site on it) where ours belongs.
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home = HomePage(
            title="Drop LWOP",
            slug="home",
            mission="End life without parole in California.",
            intro="<p>More than 5,000 people in California are sentenced to die in prison. We work for the chance of every one of them to come home.</p>",
            primary_action_label="Get involved",
        )
        root.add_child(instance=home)
        publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Drop LWOP"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    es_home = home.get_translation_or_none(context.locales["es"])
    if es_home is None:
        es_home = home.copy_for_translation(context.locales["es"])
        es_home.title = "Drop LWOP"
        es_home.mission = "Acabar con la cadena perpetua sin libertad condicional en California."
        es_home.intro = "<p>Más de 5,000 personas en California están condenadas a morir en prisión. Luchamos para que cada una de ellas tenga la oportunidad de volver a casa.</p>"
        es_home.primary_action_label = "Participa"
        es_home.save()
        publish(es_home)
    context.homes = {"en": home, "es": es_home.specific}


def _settings(context):
    org = OrganizationSettings.load()
    org.name = "Drop LWOP Coalition"
    org.contact_email = "info@droplwop.example.org"
    org.instagram_url = "https://www.instagram.com/drop_lwop/"
    org.facebook_url = "https://www.facebook.com/droplwopcoalition/"
    org.save()


def _menus(context, pages):
    for code, locale in context.locales.items():
        menu, created = MainMenu.objects.get_or_create(
            locale=locale, defaults={"name": "Main menu"}
        )
        if not created:
            continue
        for order, (key, label) in enumerate(pages[code]):
            MainMenuItem.objects.create(menu=menu, sort_order=order, label=label, page=key)
    footers = {
        "en": "<p>A coalition of people inside, their families, formerly incarcerated people and advocates working to end life without parole in California.</p>",
        "es": "<p>Una coalición de personas presas, sus familias, personas antes encarceladas y defensores que trabajan para acabar con la cadena perpetua sin libertad condicional en California.</p>",
    }
    for code, body in footers.items():
        FooterText.objects.get_or_create(locale=context.locales[code], defaults={"body": body})


def load(context):
    _locales(context)
    _home(context)
    _settings(context)
    home_en = context.homes["en"]
    about_en, about_es = upsert_page(
        parent=home_en,
        model=StandardPage,
        slug="about",
        en={
            "title": "What is LWOP?",
            "body": [
                (
                    "text",
                    "<p>Life without the possibility of parole is a sentence to die in prison.</p>",
                )
            ],
        },
        es={
            "title": "¿Qué es LWOP?",
            "slug": "acerca",
            "body": [
                (
                    "text",
                    "<p>La cadena perpetua sin posibilidad de libertad condicional es una condena a morir en prisión.</p>",
                )
            ],
        },
    )
    context.made["about"] = (about_en, about_es)
    _menus(context, {"en": [(about_en, "What is LWOP?")], "es": [(about_es, "¿Qué es LWOP?")]})
