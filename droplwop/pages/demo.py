"""The coalition's public site in English and Spanish: home, about, get involved, news, resources.

Idempotent: every object is looked up before it is made, and nothing that exists is rewritten.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site

from droplwop.cases.models import CasePage
from droplwop.cases.selectors import is_page_allowed
from droplwop.core.demo_tools import add_menu_item, publish, upsert_page
from droplwop.core.models import FooterText, OrganizationSettings
from droplwop.donations.models import DonatePage
from droplwop.events.models import EventPage
from droplwop.petitions.models import PetitionIndexPage
from droplwop.users.roles import sync_role_permissions

from . import demo_content as content
from .demo_files import ensure_pdf_document, ensure_share_image
from .models import (
    GetInvolvedPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    Resource,
    ResourceIndexPage,
    StandardPage,
)


def _locales(context):
    en, _ = Locale.objects.get_or_create(language_code="en")
    es, _ = Locale.objects.get_or_create(language_code="es")
    context.locales = {"en": en, "es": es}


def _public_host() -> tuple[str, int]:
    address = urlsplit(settings.SITE_URL)
    return address.hostname or "localhost", address.port or (
        443 if address.scheme == "https" else 80
    )


def _home(context):
    # A flushed database (after a transactional test) has lost the tree roots Wagtail's
    # migrations made; put them back so the demo loads on it too.
    root = Page.get_first_root_node()
    if root is None or Collection.get_first_root_node() is None:
        root = root or Page.add_root(
            instance=Page(title="Root", slug="root", locale=context.locales["en"])
        )
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        # The roles' page and collection rights hang on these roots: give them back too.
        sync_role_permissions()
    home = HomePage.objects.filter(locale=context.locales["en"]).first()
    if home is None:
        # Wagtail's install leaves a plain "Welcome" page (and a site on it) where ours belongs.
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home = HomePage(
            title="Drop LWOP",
            slug="home",
            mission="End life without parole in California.",
            intro="<p>More than 5,000 people in California are serving life without parole, a "
            "sentence to die in prison. We work so that every one of them has the chance to come "
            "home.</p>",
            primary_action_label="Get involved",
        )
        root.add_child(instance=home)
        publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = _public_host()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Drop LWOP",
        )
    elif site.root_page_id != home.pk or (site.hostname, site.port) != (hostname, port):
        # Wagtail's install leaves its site at localhost:80, and `make run ADDR=...` may have
        # moved the server since: the demo's site is where SITE_URL says the server is, so
        # the admin's "view live" links reach it.
        site.root_page = home
        site.hostname, site.port = hostname, port
        site.save()
    es_home = home.get_translation_or_none(context.locales["es"])
    if es_home is None:
        es_home = home.copy_for_translation(context.locales["es"])
        es_home.title = "Drop LWOP"
        es_home.mission = "Acabar con la cadena perpetua sin libertad condicional en California."
        es_home.intro = (
            "<p>Más de 5,000 personas en California cumplen cadena perpetua sin libertad "
            "condicional, una condena a morir en prisión. Trabajamos para que cada una de ellas "
            "tenga la oportunidad de volver a casa.</p>"
        )
        es_home.primary_action_label = "Participa"
        es_home.save()
        publish(es_home)
    context.homes = {"en": home, "es": es_home.specific}


def _settings(context):
    org = OrganizationSettings.load()
    image = ensure_share_image(**content.SHARE_IMAGE)
    wanted = {
        "name": "Drop LWOP Coalition",
        "contact_email": "info@droplwop.example.org",
        "instagram_url": "https://www.instagram.com/drop_lwop/",
        "facebook_url": "https://www.facebook.com/droplwopcoalition/",
        "tagline_en": "End life without parole in California",
        "tagline_es": "Acabar con la cadena perpetua sin libertad condicional en California",
    }
    changed = [name for name, value in wanted.items() if not getattr(org, name)]
    for name in changed:
        setattr(org, name, wanted[name])
    if org.default_share_image_id is None:
        org.default_share_image = image
        changed.append("default_share_image")
    if changed:
        org.save()


def _footer(context):
    footers = {
        "en": "<p>A coalition of people inside, their families, formerly incarcerated people and "
        "advocates working to end life without parole in California.</p>",
        "es": "<p>Una coalición de personas presas, sus familias, personas que estuvieron en "
        "prisión y defensores que trabajan para acabar con la cadena perpetua sin libertad "
        "condicional en California.</p>",
    }
    for code, body in footers.items():
        FooterText.objects.get_or_create(locale=context.locales[code], defaults={"body": body})


# Where each way to help (in demo_content.GET_INVOLVED order) is done: the library is made here,
# the others by later apps, so `link` points at them once every app has loaded.
WAY_TARGETS = ("petitions", "monthly_meeting", "case", "library", "donate")


def _get_involved(context, library):
    home = context.homes["en"]

    def fields(code):
        text = content.GET_INVOLVED[code]
        ways = []
        for (title, description), target, label in zip(
            text["ways"], WAY_TARGETS, text["links"], strict=True
        ):
            way = {"title": title, "description": description, "link_label": label}
            if target == "library":
                way["link_page"] = library[code]
            ways.append(("way", way))
        return {
            "title": text["title"],
            "summary": text["summary"],
            "intro": text["intro"],
            "ways": ways,
        }

    return upsert_page(
        parent=home,
        model=GetInvolvedPage,
        slug="get-involved",
        en=fields("en"),
        es={**fields("es"), "slug": "participa"},
    )


def _way_targets(locale) -> dict:
    cases = [
        page
        for page in CasePage.objects.live()
        .filter(locale=locale)
        .select_related("case")
        .order_by("-first_published_at")
        if is_page_allowed(page)
    ]
    found = {
        "petitions": PetitionIndexPage.objects.live().filter(locale=locale).first(),
        "monthly_meeting": EventPage.objects.live()
        .filter(locale=locale, event__slug="statewide-monthly-meeting")
        .first(),
        "case": cases[0] if cases else None,
        "library": ResourceIndexPage.objects.live().filter(locale=locale).first(),
        "donate": DonatePage.objects.live().filter(locale=locale).first(),
    }
    return {key: page for key, page in found.items() if page is not None}


def link(context):
    """Every way on the Get involved page leads to where it is done, in its own language."""
    for page in GetInvolvedPage.objects.all():
        targets = _way_targets(page.locale)
        labels = content.GET_INVOLVED[page.locale.language_code]["links"]
        ways = list(page.ways)
        changed = False
        for block, target, label in zip(ways, WAY_TARGETS, labels, strict=False):
            if block.value.get("link_page") is None and target in targets:
                block.value["link_page"] = targets[target]
                changed = True
            # A demo loaded before the ways had links has no link text, so would show none.
            if block.value.get("link_page") is not None and not block.value.get("link_label"):
                block.value["link_label"] = label
                changed = True
        if changed:
            page.ways = [("way", block.value) for block in ways]
            publish(page)


def _about(context, get_involved):
    def fields(code):
        text = content.ABOUT[code]
        return {
            "title": text["title"],
            "summary": text["summary"],
            "body": [
                ("text", text["text"]),
                ("quote", {"quote": text["quote"], "attribution": text["attribution"]}),
                (
                    "call_to_action",
                    {
                        "heading": text["cta_heading"],
                        "text": text["cta_text"],
                        "button_label": text["cta_button"],
                        "page": get_involved[code],
                    },
                ),
            ],
        }

    return upsert_page(
        parent=context.homes["en"],
        model=StandardPage,
        slug="about",
        en=fields("en"),
        es={**fields("es"), "slug": "acerca"},
    )


def _upsert_post(*, index_en, es_locale, slug, shared, en, es, tags):
    """upsert_page for a news post, with its tags set before the one publish of each language."""
    post = NewsPage.objects.child_of(index_en).filter(slug=slug).first()
    if post is None:
        post = NewsPage(slug=slug, **shared, **en)
        post.tags.add(*tags["en"])
        index_en.add_child(instance=post)
        publish(post)
    translation = post.get_translation_or_none(es_locale)
    if translation is None:
        translation = post.copy_for_translation(es_locale, copy_parents=True)
        for name, value in es.items():
            setattr(translation, name, value)
        translation.tags.set(tags["es"])
        translation.save()
        publish(translation)
    return post, translation


def _news(context):
    index_en, index_es = upsert_page(
        parent=context.homes["en"],
        model=NewsIndexPage,
        slug="news",
        en=content.NEWS_INDEX["en"],
        es=content.NEWS_INDEX["es"],
    )
    posts = []
    for item in content.NEWS_POSTS:
        shared = {"kind": item["kind"], "date": item["date"]}
        if item["kind"] == "press_release":
            shared |= content.MEDIA_CONTACT

        def fields(code, item=item):
            text = dict(item[code])
            body = [("text", text.pop("body"))]
            if "quote" in text:
                body.append(
                    ("quote", {"quote": text.pop("quote"), "attribution": text.pop("attribution")})
                )
            return {**text, "body": body}

        post_en, post_es = _upsert_post(
            index_en=index_en,
            es_locale=context.locales["es"],
            slug=item["slug"],
            shared=shared,
            en=fields("en"),
            es=fields("es"),
            tags=item["tags"],
        )
        posts.append((post_en, post_es))
    return (index_en, index_es), posts


def _document(spec):
    title, filename, kind, code = spec
    blocks = (content.ORIENTATION if kind == "orientation" else content.FACT_SHEET)[code]
    return ensure_pdf_document(title=title, filename=filename, blocks=blocks)


def _resources(context):
    index_en, index_es = upsert_page(
        parent=context.homes["en"],
        model=ResourceIndexPage,
        slug="resources",
        en=content.RESOURCE_INDEX["en"],
        es=content.RESOURCE_INDEX["es"],
    )
    en, es = context.locales["en"], context.locales["es"]
    for item in content.RESOURCES:
        shared = {
            "kind": item["kind"],
            "language": item["language"],
            "url": item.get("url", ""),
            "published": item["published"],
            "featured": item["featured"],
        }
        resource = Resource.objects.filter(locale=en, title=item["en"]["title"]).first()
        if resource is None:
            document = _document(item["document"]) if "document" in item else None
            resource = Resource.objects.create(locale=en, document=document, **shared, **item["en"])
        if resource.get_translation_or_none(es) is None:
            translation = resource.copy_for_translation(es)
            for name, value in item["es"].items():
                setattr(translation, name, value)
            translation.save()
    return index_en, index_es


def load(context):
    _locales(context)
    _home(context)
    _settings(context)
    _footer(context)
    library = dict(zip(("en", "es"), _resources(context), strict=True))
    get_involved = dict(zip(("en", "es"), _get_involved(context, library), strict=True))
    about = dict(zip(("en", "es"), _about(context, get_involved), strict=True))
    news_index, posts = _news(context)
    news = dict(zip(("en", "es"), news_index, strict=True))

    for code, home in context.homes.items():
        # Fresh from the database: the tree has grown since `home` was read, and a save of the
        # stale copy would write back an old child count.
        home = HomePage.objects.get(pk=home.pk)
        if home.primary_action_page_id is None:
            home.primary_action_page = get_involved[code]
            publish(home)
        context.homes[code] = home

    for order, (key, pages) in enumerate(
        [("about", about), ("news", news), ("get_involved", get_involved), ("resources", library)]
    ):
        add_menu_item(context, pages=pages, labels=content.MENU[key], order=order * 10)

    context.made["about"] = (about["en"], about["es"])
    context.made["get_involved"] = (get_involved["en"], get_involved["es"])
    context.made["news_index"] = (news["en"], news["es"])
    context.made["resources"] = (library["en"], library["es"])
    context.made["news_posts"] = posts
