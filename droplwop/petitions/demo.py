"""Demo petitions: the campaign petition, one person's commutation, and the sign-on letter."""

import random
from datetime import timedelta

from django.utils import timezone

from droplwop.core.demo_tools import add_menu_item, upsert_page
from droplwop.supporters.models import EmailList
from droplwop.supporters.services import find_or_create_supporter

from .models import (
    OrgSignature,
    Petition,
    PetitionCounter,
    PetitionIndexPage,
    PetitionPage,
    PetitionUpdate,
    Signature,
    SignOnLetter,
    Target,
)

FIRST = [
    "José",
    "María",
    "Thanh",
    "Sean",
    "Wei",
    "Aisha",
    "Daniel",
    "Lupe",
    "Kim",
    "Marcus",
    "Rosa",
    "Tyrone",
    "Ana",
    "Li",
    "Grace",
    "Miguel",
    "Fatima",
    "Kevin",
    "Esperanza",
    "Ray",
]
LAST = [
    "Hernández",
    "Nguyễn",
    "O'Brien",
    "李",
    "Johnson",
    "García",
    "Washington",
    "Pham",
    "López",
    "Smith",
    "Ramírez",
    "Chen",
    "Brown",
    "Flores",
    "Jackson",
    "Martínez",
]
CITIES = [
    ("Oakland", "94612"),
    ("Los Angeles", "90011"),
    ("Fresno", "93721"),
    ("Sacramento", "95814"),
    ("San Diego", "92113"),
    ("Salinas", "93901"),
    ("Riverside", "92501"),
    ("San José", "95112"),
    ("Stockton", "95202"),
    ("Chowchilla", "93610"),
]
COMMENTS = [
    "",
    "",
    "",
    "Everyone deserves a second chance.",
    "My father has been inside for 28 years.",
    "Cada persona merece una segunda oportunidad.",
    "People change. Let them prove it.",
    "Bring our elders home.",
]
SOURCES = [
    ("", "", ""),
    ("", "", ""),
    ("facebook", "social", "launch"),
    ("newsletter", "email", "october"),
    ("whatsapp", "share", ""),
    ("instagram", "social", ""),
]


def _targets():
    governor, _ = Target.objects.get_or_create(
        name="Gavin Newsom",
        title="Governor",
        defaults={
            "office": "Office of the Governor of California, Sacramento",
            "title_es": "Gobernador",
        },
    )
    attorney_general, _ = Target.objects.get_or_create(
        name="Rob Bonta",
        title="Attorney General",
        defaults={"office": "California Department of Justice", "title_es": "Fiscal General"},
    )
    return governor, attorney_general


def _record(model, title, **fields):
    record = model.objects.filter(title=title).first()
    if record is None:
        record = model.objects.create(title=title, **fields)
    return record


def _signers(record, count, offset, *, confirmed_share=1.0, listed_share=0.5):
    """Demo signers go through find_or_create_supporter; their signatures are bulk-inserted."""
    if record.signatures.exists():
        return
    rng = random.Random(record.pk)
    now = timezone.now()
    signatures = []
    for i in range(count):
        city, zip_code = CITIES[i % len(CITIES)]
        language = "es" if i % 3 == 0 else "en"
        supporter, _created = find_or_create_supporter(
            email=f"demo-signer-{offset + i}@example.org",
            first_name=FIRST[i % len(FIRST)],
            last_name=LAST[(i * 7) % len(LAST)],
            zip_code=zip_code,
            city=city,
            language=language,
            source="demo",
        )
        signed = now - timedelta(days=rng.randrange(30), minutes=rng.randrange(1440))
        utm_source, utm_medium, utm_campaign = SOURCES[i % len(SOURCES)]
        signatures.append(
            Signature(
                petition=record,
                supporter=supporter,
                comment=COMMENTS[i % len(COMMENTS)],
                list_publicly=rng.random() < listed_share,
                wants_updates=i % 2 == 0,
                language=language,
                created_at=signed,
                confirmed_at=signed if rng.random() < confirmed_share else None,
                referrer="https://www.facebook.com/" if utm_source == "facebook" else "",
                utm_source=utm_source,
                utm_medium=utm_medium,
                utm_campaign=utm_campaign,
            )
        )
    Signature.objects.bulk_create(signatures)
    confirmed = sum(1 for s in signatures if s.confirmed_at)
    PetitionCounter.objects.update_or_create(
        petition=record, shard=0, defaults={"count": confirmed}
    )


def load(context):
    governor, attorney_general = _targets()
    # One set of public lists for the whole demo: the supporters app makes them.
    news = EmailList.objects.get(slug="campaign-updates")

    campaign = _record(
        Petition,
        "Commute all LWOP sentences",
        text=(
            "We ask Governor Newsom to use his clemency power to commute every sentence of life "
            "without the possibility of parole in California to a sentence that allows a parole "
            "hearing. People change over decades; a parole board should be able to see it."
        ),
        text_es=(
            "Pedimos al gobernador Newsom que use su poder de clemencia para conmutar toda condena "
            "de cadena perpetua sin posibilidad de libertad condicional en California por una "
            "condena que permita una audiencia de libertad condicional. Las personas cambian con "
            "los años; una junta de libertad condicional debe poder verlo."
        ),
        goal=10000,
        paper_count=412,
        public_list_enabled=True,
        email_list=news,
    )
    campaign.targets.add(governor)
    person = _record(
        Petition,
        "Commutation for Teresa Demo Example",
        text=(
            "A fictional demo petition. We ask Governor Newsom to commute Teresa Demo Example's "
            "sentence of life without parole to a parole-eligible sentence, so that she can go "
            "before the parole board. She was 19 when she was sentenced, and has spent her years "
            "in prison on her healing and on mentoring younger women."
        ),
        text_es=(
            "Petición ficticia de demostración. Pedimos al gobernador Newsom que conmute la condena "
            "de cadena perpetua sin libertad condicional de Teresa Demo Example por una que le "
            "permita presentarse ante la junta de libertad condicional. Tenía 19 años cuando la "
            "condenaron y ha dedicado sus años en prisión a sanar y a acompañar a mujeres más jóvenes."
        ),
        goal=2500,
        confirmation_required=True,
        email_list=news,
    )
    person.targets.add(governor)
    letter = _record(
        SignOnLetter,
        "Letter to Governor Newsom: commute all LWOP sentences",
        text="A letter from individuals and organizations asking the Governor to commute all LWOP sentences.",
        letter_en=(
            "Dear Governor Newsom,\n\nWe, the undersigned individuals and organizations, ask you to "
            "commute all sentences of life without the possibility of parole in California. These "
            "sentences condemn people to die in prison and deny the possibility that anyone can change. "
            "Clemency is the power the Constitution gives you to correct such sentences.\n\nRespectfully,"
        ),
        letter_es=(
            "Estimado gobernador Newsom:\n\nLas personas y organizaciones abajo firmantes le pedimos que "
            "conmute todas las condenas de cadena perpetua sin posibilidad de libertad condicional en "
            "California. Estas condenas obligan a morir en prisión y niegan que una persona pueda "
            "cambiar. La clemencia es el poder que la Constitución le otorga para corregirlas.\n\n"
            "Atentamente,"
        ),
        goal=5000,
        email_list=news,
    )
    letter.targets.add(governor, attorney_general)

    _signers(campaign, 320, 0)
    _signers(person, 90, 0, confirmed_share=0.8, listed_share=0.0)
    _signers(letter, 60, 400)
    _organizations(letter)
    if not campaign.updates.exists():
        PetitionUpdate.objects.create(
            petition=campaign,
            title_en="Paper signatures from family councils",
            title_es="Firmas en papel de los consejos de familias",
            body_en="Family councils collected signatures on paper at visiting days. They are now part of the total.",
            body_es="Los consejos de familias reunieron firmas en papel en los días de visita. Ya forman parte del total.",
            emailed_at=timezone.now(),
        )

    home = _fresh(context.homes["en"])
    index_en, index_es = upsert_page(
        parent=home,
        model=PetitionIndexPage,
        slug="petitions",
        en={"title": "Petitions", "intro": "<p>Add your name. Every signature is delivered.</p>"},
        es={
            "title": "Peticiones",
            "slug": "peticiones",
            "intro": "<p>Agrega tu nombre. Entregamos cada firma.</p>",
        },
    )
    pages = {}
    pages["campaign"] = upsert_page(
        parent=_fresh(index_en),
        model=PetitionPage,
        slug="commute-all-lwop",
        petition=campaign,
        en={
            "title": "Commute all LWOP sentences",
            "summary": "Ask Governor Newsom to give everyone serving life without parole a parole hearing.",
            "intro": "<p>Thousands of people in California are serving life without parole. Ask the Governor to give each of them a chance at a parole hearing.</p>",
            "thank_you": "<p>Your name will be delivered to the Governor with every other signature, online and on paper.</p>",
            "next_action_label": "Sign the letter too",
        },
        es={
            "title": "Conmutar todas las condenas LWOP",
            "slug": "conmutar-todas-lwop",
            "summary": "Pídele al gobernador Newsom una audiencia de libertad condicional para todas las personas con cadena perpetua sin libertad condicional.",
            "intro": "<p>Miles de personas en California cumplen cadena perpetua sin libertad condicional. Pídele al gobernador que cada una tenga la oportunidad de una audiencia.</p>",
            "thank_you": "<p>Entregaremos tu nombre al gobernador junto con todas las demás firmas, en línea y en papel.</p>",
            "next_action_label": "Firma también la carta",
        },
    )
    pages["person"] = upsert_page(
        parent=_fresh(index_en),
        model=PetitionPage,
        slug="teresa-demo-example",
        petition=person,
        en={
            "title": "Commutation for Teresa Demo Example",
            "summary": "Ask the Governor to let Teresa go before the parole board (a fictional demo person).",
            "intro": "<p><b>Teresa is a fictional person used in this demo.</b> She was 19 when she was sentenced to die in prison. Ask the Governor to give her a parole hearing.</p>",
        },
        es={
            "title": "Conmutación para Teresa Demo Example",
            "slug": "teresa-demo-example",
            "summary": "Pídele al gobernador que Teresa pueda presentarse ante la junta de libertad condicional (persona ficticia de demostración).",
            "intro": "<p><b>Teresa es una persona ficticia de esta demostración.</b> Tenía 19 años cuando la condenaron a morir en prisión. Pídele al gobernador una audiencia de libertad condicional para ella.</p>",
        },
    )
    pages["letter"] = upsert_page(
        parent=_fresh(index_en),
        model=PetitionPage,
        slug="letter-to-the-governor",
        petition=letter,
        en={
            "title": "Letter to Governor Newsom: commute all LWOP sentences",
            "summary": "Sign on as a person or for your organization.",
        },
        es={
            "title": "Carta al gobernador Newsom: conmutar todas las condenas LWOP",
            "slug": "carta-al-gobernador",
            "summary": "Firma como persona o en nombre de tu organización.",
        },
    )
    campaign_en, campaign_es = pages["campaign"]
    letter_en, _letter_es = pages["letter"]
    if campaign_en.next_action_page_id != letter_en.pk:
        for page in (campaign_en, campaign_es):
            page.next_action_page = letter_en
            page.save_revision().publish()
    add_menu_item(
        context,
        pages={"en": index_en, "es": index_es},
        labels={"en": "Petitions", "es": "Peticiones"},
        order=20,
    )
    context.made["petitions"] = {"campaign": campaign, "person": person, "letter": letter}
    context.made["petition_pages"] = pages
    context.say(f"petitions: {Petition.objects.count()} petitions and letters")


def _fresh(page):
    # Wagtail places a new child from the parent's child count: read it again after each add.
    return type(page).objects.get(pk=page.pk)


def _organizations(letter):
    if letter.org_signatures.exists():
        return
    now = timezone.now()
    demo_orgs = [
        ("Families Inside Together (demo)", "Fresno", True),
        ("Second Look Community Church (demo)", "Oakland", True),
        ("Valley Re-entry Circle (demo)", "Stockton", False),
    ]
    for i, (name, city, verified) in enumerate(demo_orgs):
        supporter, _created = find_or_create_supporter(
            email=f"demo-org-{i}@example.org",
            first_name="Alex",
            last_name=f"Rivera {i}",
            source="demo",
        )
        OrgSignature.objects.create(
            letter=letter,
            supporter=supporter,
            organization=name,
            city=city,
            signer_title="Director",
            authorized=True,
            verified_at=now if verified else None,
        )
