"""Demo supporters: two lists, about sixty people with tags and subscriptions, one pair of
likely duplicates, and the signup page in English and Spanish. Idempotent."""

import random
import unicodedata

from droplwop.core.demo_tools import upsert_page

from .models import (
    EmailList,
    Organization,
    SignupPage,
    Subscription,
    SubscriptionStatus,
    Supporter,
    Tag,
)
from .services import find_or_create_supporter, record_activity

LISTS = {
    "organizers": {
        "name_en": "Organizers: monthly meeting and urgent updates",
        "name_es": "Organizadores: reunión mensual y avisos urgentes",
        "description_en": "For people who organize: the monthly call and alerts that cannot wait.",
        "description_es": "Para quienes organizan: la llamada mensual y las alertas que no pueden esperar.",
    },
    "campaign-updates": {
        "name_en": "Campaign updates",
        "name_es": "Novedades de la campaña",
        "description_en": "News from the campaign and ways to act, about twice a month.",
        "description_es": "Noticias de la campaña y formas de actuar, unas dos veces al mes.",
    },
}
TAGS = ["formerly incarcerated", "family member", "organizer", "volunteer", "faith community"]
ORGANIZATIONS = ["Demo Family Support Network", "Demo Reentry Collective", "Demo Faith Coalition"]
FIRST = ["Alma", "Brandon", "Carmen", "Darnell", "Elena", "Felix", "Gloria", "Hector", "Imani",
         "Jamal", "Karina", "Luis", "Mónica", "Nadia", "Óscar", "Patrice", "Quinn", "Ramón",
         "Sofía", "Terrence"]  # fmt: skip
LAST = ["Alvarez", "Brooks", "Castillo", "Dang", "Echeverría", "Foster", "Guzmán"]
ZIPS = ["90012", "90806", "94612", "95814", "93721", "92101", "95112", "90220"]
CONSENT = "Demo signup: yes, email me. I can unsubscribe at any time."


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()


def _lists():
    made = {}
    for slug, fields in LISTS.items():
        email_list, _created = EmailList.objects.get_or_create(slug=slug, defaults=fields)
        made[slug] = email_list
    return made


def _people(lists, tags, organizations):
    rng = random.Random(2026)
    for n in range(60):
        first, last = FIRST[n % len(FIRST)], LAST[n % len(LAST)]
        language = "es" if n % 3 == 0 else "en"
        supporter, created = find_or_create_supporter(
            email=f"{_ascii(first)}.{_ascii(last)}{n}@example.org",
            first_name=first,
            last_name=last,
            zip_code=ZIPS[n % len(ZIPS)],
            language=language,
            source="demo",
        )
        if not created:
            continue
        supporter.tags.set(rng.sample(tags, rng.randint(0, 2)))
        if n % 7 == 0:
            supporter.organizations.add(organizations[n % len(organizations)])
        if n % 2 == 0:
            _subscribe(supporter, lists["campaign-updates"], SubscriptionStatus.SUBSCRIBED)
        if n % 9 == 0:
            _subscribe(supporter, lists["organizers"], SubscriptionStatus.SUBSCRIBED)
        if n % 11 == 0:
            _subscribe(supporter, lists["organizers"], SubscriptionStatus.PENDING)


def _subscribe(supporter, email_list, status):
    subscription, created = Subscription.objects.get_or_create(
        supporter=supporter,
        email_list=email_list,
        defaults={"status": status, "source": "demo", "consent_text": CONSENT},
    )
    if created:
        record_activity(
            supporter=supporter,
            kind="supporters.subscribed",
            summary=f"{email_list.name_en}: {subscription.get_status_display()}",
            obj=subscription,
        )


def _duplicates(tags):
    """The same person twice: one address with a +tag, same name, ZIP and phone."""
    for email, phone in (("teresa.nunez@example.org", "(213) 555-0142"),
                         ("teresa.nunez+lwop@example.org", "213-555-0142")):  # fmt: skip
        supporter, created = find_or_create_supporter(
            email=email,
            first_name="Teresa",
            last_name="Núñez",
            phone=phone,
            zip_code="90033",
            language="es",
            source="demo",
        )
        if created:
            supporter.tags.add(tags[1])


def _signup_pages(context):
    home = context.homes["en"]
    home = type(home).objects.get(pk=home.pk)
    return upsert_page(
        parent=home,
        model=SignupPage,
        slug="get-our-emails",
        en={
            "title": "Get our emails",
            "summary": "Campaign news and ways to act, in English or Spanish.",
            "intro": "<p>Choose what you want to hear about. We confirm every signup by email, "
            "and every message has a link to change your choices or stop.</p>",
        },
        es={
            "title": "Recibe nuestros correos",
            "slug": "recibe-nuestros-correos",
            "summary": "Noticias de la campaña y formas de actuar, en inglés o en español.",
            "intro": "<p>Elige sobre qué quieres saber. Confirmamos cada suscripción por correo, "
            "y cada mensaje trae un enlace para cambiar tus opciones o darte de baja.</p>",
        },
    )


def load(context):
    lists = _lists()
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    organizations = [Organization.objects.get_or_create(name=name)[0] for name in ORGANIZATIONS]
    _people(lists, tags, organizations)
    _duplicates(tags)
    signup_en, signup_es = _signup_pages(context)
    context.made["email_lists"] = lists
    context.made["signup_pages"] = {"en": signup_en, "es": signup_es}
    context.say(
        f"supporters: {Supporter.objects.count()} people, {EmailList.objects.count()} lists"
    )
