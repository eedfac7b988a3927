"""Demo: the general fund's donate page and the LWOP Walk for Life fundraiser (from the seeds:
a $10,000 goal for Shriners Children's Northern California, walkers inside Valley State
Prison), with proxy walker pages, pledges and a few confirmed gifts so the thermometer moves.
Names and amounts of people here are made up for the demo."""

import datetime

from django.utils import timezone

from droplwop.core.demo_tools import add_menu_item, upsert_page
from droplwop.core.models import OrganizationSettings
from droplwop.supporters.services import find_or_create_supporter

from .models import DonatePage, Donation, Fund, FundraiserPage, Participant, Pledge

PLACEHOLDER_EIN = "00-0000000"  # a placeholder, not the coalition's real EIN

WALKERS = [
    (
        "miguel",
        "Miguel",
        "I walk for the kids at Shriners and for every father inside who wants to do some good "
        "from where he is.",
        "Camino por los niños de Shriners y por cada padre adentro que quiere hacer algo bueno "
        "desde donde está.",
        1500,
    ),
    (
        "darnell",
        "Darnell",
        "Our group trains every morning on the yard. Each lap is for a child getting care.",
        "Nuestro grupo entrena cada mañana en el patio. Cada vuelta es por un niño que recibe "
        "atención.",
        1000,
    ),
    (
        "tomas",
        "Tomás",
        "My daughter was treated at a children's hospital. Now I can give back.",
        "Mi hija recibió atención en un hospital infantil. Ahora puedo devolver algo.",
        800,
    ),
]

# (email, first name, language, fund slug, dollars)
GIFTS = [
    ("rosa.demo@example.org", "Rosa", "es", "walk", 250),
    ("james.demo@example.org", "James", "en", "walk", 100),
    ("lupe.demo@example.org", "Lupe", "es", "walk", 50),
    ("karen.demo@example.org", "Karen", "en", "walk", 500),
    ("dev.demo@example.org", "Dev", "en", "walk", 25),
    ("ana.demo@example.org", "Ana", "es", "general", 50),
    ("sam.demo@example.org", "Sam", "en", "general", 100),
]

# (walker slug, email, first name, language, kind, cents per unit or flat, cap cents)
PLEDGES = [
    ("miguel", "rosa.demo@example.org", "Rosa", "es", Pledge.Kind.PER_LAP, 200, 5000),
    ("miguel", "james.demo@example.org", "James", "en", Pledge.Kind.FLAT, 2500, None),
    ("darnell", "karen.demo@example.org", "Karen", "en", Pledge.Kind.PER_MILE, 1000, None),
    ("tomas", "lupe.demo@example.org", "Lupe", "es", Pledge.Kind.PER_LAP, 100, 3000),
]


def _funds():
    general, _created = Fund.objects.get_or_create(
        slug="general",
        defaults={
            "kind": Fund.Kind.GENERAL,
            "name_en": "General fund",
            "name_es": "Fondo general",
        },
    )
    walk, _created = Fund.objects.get_or_create(
        slug="lwop-walk-for-life",
        defaults={
            "kind": Fund.Kind.CAMPAIGN,
            "name_en": "LWOP Walk for Life",
            "name_es": "Caminata por la Vida LWOP",
            "goal": 10000,
            "beneficiary_name": "Shriners Children's Northern California",
            "beneficiary_note_en": (
                "The walkers chose the children's hospital. The coalition passes every dollar "
                "given here on to it; none of it funds the coalition's own work."
            ),
            "beneficiary_note_es": (
                "Los caminantes eligieron el hospital infantil. La coalición le entrega cada "
                "dólar donado aquí; nada se usa para el trabajo propio de la coalición."
            ),
        },
    )
    return general, walk


def _pages(context, general, walk):
    home = context.homes["en"]
    donate = upsert_page(
        parent=home,
        model=DonatePage,
        slug="donate",
        en={
            "title": "Donate",
            "summary": "Your gift pays for visits, mail to people inside and the campaign to end "
            "life without parole.",
            "intro": "<p>Every gift keeps the campaign going. Give once or every month.</p>",
            "thank_you_text": "<p>Your support reaches people who were told they would die "
            "in prison.</p>",
        },
        es={
            "title": "Donar",
            "slug": "donar",
            "summary": "Tu donativo paga visitas, correo para las personas presas y la campaña "
            "para acabar con la cadena perpetua sin libertad condicional.",
            "intro": "<p>Cada donativo mantiene viva la campaña. Dona una vez o cada mes.</p>",
            "thank_you_text": "<p>Tu apoyo llega a personas a quienes dijeron que morirían "
            "en prisión.</p>",
        },
        fund=general,
        suggested_amounts="25, 50, 100",
    )
    walk_pages = upsert_page(
        parent=home,
        model=FundraiserPage,
        slug="walk-for-life",
        en={
            "title": "LWOP Walk for Life",
            "summary": "Men serving LWOP at Valley State Prison walk for Shriners Children's "
            "Northern California. Help them reach $10,000.",
            "intro": "<p>The support group at Valley State Prison is holding a walk-a-thon "
            "inside. The date is still to be set. Give now, or pledge for a walker by the lap "
            "or by the mile.</p>",
        },
        es={
            "title": "Caminata por la Vida LWOP",
            "slug": "caminata-por-la-vida",
            "summary": "Hombres con cadena perpetua sin libertad condicional en Valley State "
            "Prison caminan por Shriners Children's Northern California. Ayúdales a llegar a "
            "$10,000.",
            "intro": "<p>El grupo de apoyo de Valley State Prison organiza una caminata dentro "
            "de la prisión. La fecha aún no está fijada. Dona ahora o promete un donativo por "
            "vuelta o por milla para un caminante.</p>",
        },
        fund=walk,
        allow_monthly=False,
        suggested_amounts="25, 50, 100",
    )
    add_menu_item(
        context,
        pages={"en": donate[0], "es": donate[1]},
        labels={"en": "Donate", "es": "Donar"},
        order=90,
    )
    return donate, walk_pages


def _walkers(context, walk):
    organizer = context.made.get("user:organizer")
    walkers = {}
    for slug, name, story_en, story_es, goal in WALKERS:
        walkers[slug], _created = Participant.objects.get_or_create(
            fund=walk,
            slug=slug,
            defaults={
                "display_name": name,
                "story_en": story_en,
                "story_es": story_es,
                "goal": goal,
                "is_proxy": True,
                "manager_role": Participant.ManagerRole.ORGANIZER,
                "consent_given_on": datetime.date(2026, 10, 1),
                "consent_method": Participant.ConsentMethod.LETTER,
                "consent_recorded_by": organizer,
                "consent_note": "Agreed by letter to a page with his first name and story.",
            },
        )
    return walkers


def _supporter(email, first_name, language):
    supporter, _created = find_or_create_supporter(
        email=email, first_name=first_name, language=language, source="demo"
    )
    return supporter


def _gifts(funds):
    now = timezone.now()
    for index, (email, first_name, language, fund_key, dollars) in enumerate(GIFTS):
        Donation.objects.get_or_create(
            idempotency_key=f"demo-gift-{index}",
            defaults={
                "fund": funds[fund_key],
                "supporter": _supporter(email, first_name, language),
                "amount_cents": dollars * 100,
                "language": language,
                "status": Donation.Status.CONFIRMED,
                "received_on": timezone.localdate() - datetime.timedelta(days=index * 3),
                "confirmed_at": now,
                "receipt_sent_at": now,
            },
        )
    Donation.objects.get_or_create(
        idempotency_key="demo-offline-check",
        defaults={
            "fund": funds["walk"],
            "supporter": _supporter("church.demo@example.org", "Grace", "en"),
            "amount_cents": 30000,
            "source": Donation.Source.OFFLINE,
            "method": Donation.Method.CHECK,
            "status": Donation.Status.CONFIRMED,
            "received_on": timezone.localdate() - datetime.timedelta(days=5),
            "confirmed_at": now,
            "note": "Check from a congregation's collection (demo).",
        },
    )


def _pledges(walkers):
    for slug, email, first_name, language, kind, rate, cap in PLEDGES:
        Pledge.objects.get_or_create(
            participant=walkers[slug],
            supporter=_supporter(email, first_name, language),
            defaults={"kind": kind, "rate_cents": rate, "cap_cents": cap, "language": language},
        )


def _organization(donate_en):
    org = OrganizationSettings.load()
    changed = False
    if not org.donate_page_id:
        org.donate_page = donate_en
        changed = True
    if not org.ein:
        org.ein = PLACEHOLDER_EIN
        changed = True
    if changed:
        org.save()


def load(context):
    general, walk = _funds()
    donate, walk_pages = _pages(context, general, walk)
    walkers = _walkers(context, walk)
    _gifts({"general": general, "walk": walk})
    _pledges(walkers)
    _organization(donate[0])
    context.made["donations"] = {"donate": donate, "walk": walk_pages, "walkers": walkers}
    context.say("demo: donate page /en/donate/, walk-a-thon /en/walk-for-life/")
