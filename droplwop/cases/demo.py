"""One fictional case, clearly marked as a demo: no real person's name, number or story.

Idempotent: the case is found by its legal name; nothing that exists is rewritten.
"""

import datetime

from django.utils import timezone

from droplwop.core.demo_tools import upsert_page
from droplwop.inreach.facility_data import seed as seed_facilities
from droplwop.inreach.models import Facility, FacilityMailAddress
from droplwop.supporters.services import find_or_create_supporter

from . import services
from .choices import LetterStatus, Pathway, PathwayState, Relationship, Stage
from .models import Case, CasePage

LEGAL_NAME = "Teresa Demo Example"

STORY_EN = (
    "<p><b>This is a fictional demo case.</b> Teresa is an invented person used to show how a "
    "campaign page works.</p>"
    "<p>In this example, Teresa was 19 when she was sentenced to life without parole. In the "
    "years since she has finished her GED, trained as a peer literacy tutor and led a grief "
    "support circle. Her family and the people she has mentored ask the Governor to commute her "
    "sentence so that she can go before the parole board.</p>"
)
STORY_ES = (
    "<p><b>Este es un caso ficticio de demostración.</b> Teresa es una persona inventada para "
    "mostrar cómo funciona una página de campaña.</p>"
    "<p>En este ejemplo, Teresa tenía 19 años cuando la condenaron a cadena perpetua sin "
    "posibilidad de libertad condicional. Desde entonces terminó su GED, se formó como tutora de "
    "alfabetización entre compañeras y dirige un círculo de apoyo en el duelo. Su familia y las "
    "personas a quienes ha acompañado piden al Gobernador que conmute su condena para que pueda "
    "presentarse ante la junta de libertad condicional.</p>"
)

LETTERS = [
    (
        "ana.demo@example.org",
        "Ana Demo",
        Relationship.FAMILY,
        "Fresno",
        "I am her sister (fictional demo letter).",
        "Teresa has called me every Sunday for eighteen years. She helped raise my children from "
        "the other side of a phone line. She is ready to come home.",
        LetterStatus.APPROVED,
        "en",
    ),
    (
        "luis.demo@example.org",
        "Luis Ejemplo",
        Relationship.PROGRAM,
        "Madera",
        "Fui su facilitador en el programa de alfabetización (carta de demostración).",
        "He visto a Teresa enseñar a leer a más de cuarenta mujeres. Su paciencia y su "
        "responsabilidad son ejemplares.",
        LetterStatus.APPROVED,
        "es",
    ),
    (
        "pat.demo@example.org",
        "Pat Sample",
        Relationship.EMPLOYER,
        "Sacramento",
        "I run a bakery and have offered her a job (fictional demo letter).",
        "Our bakery will hold a position for Teresa on her release.",
        LetterStatus.PENDING,
        "en",
    ),
    (
        "spam.demo@example.org",
        "Spam Demo",
        Relationship.OTHER,
        "Nowhere",
        "I do not know her.",
        "<b>Buy now</b> <script>alert('x')</script>",
        LetterStatus.REJECTED,
        "en",
    ),
]


def load(context):
    seed_facilities(Facility, FacilityMailAddress)
    organizer = context.made.get("user:organizer")
    if organizer is None:
        return
    case = Case.objects.filter(legal_name=LEGAL_NAME).first()
    if case is None:
        case = _make_case(organizer)
    _link_petition(context, case)
    _pages(context, case)
    context.made["case:demo"] = case
    context.say("demo case: 'Teresa Demo Example' (fictional), organizer leads its team")


def _make_case(organizer):
    today = timezone.localdate()
    case = services.create_case(
        actor=organizer,
        legal_name=LEGAL_NAME,
        preferred_name="Teresa",
        facility=Facility.objects.filter(acronym="CCWF").first(),
        housing="Demo unit 5-12L",
        county_of_conviction="Fresno",
        sentence="Life without the possibility of parole",
        offense_date=datetime.date(2006, 3, 14),
        age_at_offense=19,
        twice_convicted=False,
        custody_start=datetime.date(2006, 3, 20),
        languages="English, Spanish",
    )
    services.add_cdcr_number(actor=organizer, case=case, number="ZZ0001", valid_from=None)
    services.record_consent(
        actor=organizer,
        case=case,
        recorded_on=today - datetime.timedelta(days=40),
        public_page=True,
        story=True,
        name=True,
        photo=False,
        note="Demo consent (fictional).",
    )
    services.record_stage(
        actor=organizer,
        case=case,
        stage=Stage.PREPARING,
        date=today - datetime.timedelta(days=60),
        documents="Commutation application draft",
        next_steps="Collect support letters and program certificates.",
    )
    services.set_pathway(
        actor=organizer,
        case=case,
        pathway=Pathway.FELONY_MURDER,
        state=PathwayState.POSSIBLY_RELEVANT,
        note="Ask appellate counsel to review the record (demo).",
    )
    services.add_task(
        actor=organizer,
        case=case,
        title="Request program certificates from the facility (demo)",
        due_on=today - datetime.timedelta(days=3),
        owner=organizer,
    )
    services.add_task(
        actor=organizer,
        case=case,
        title="Serve notice of intent on the district attorney (demo)",
        due_on=today + datetime.timedelta(days=14),
        owner=organizer,
    )
    for email, name, relationship, city, how, body, status, language in LETTERS:
        letter = services.submit_letter(
            case=case,
            email=email,
            writer_name=name,
            relationship=relationship,
            city=city,
            how_known=how,
            body=body,
            include_in_packet=True,
            language=language,
        )
        if status != LetterStatus.PENDING:
            services.review_letter(actor=organizer, letter=letter, status=status)
    contact, _created = find_or_create_supporter(
        email="ana.demo@example.org", first_name="Ana", last_name="Demo"
    )
    services.add_contact(
        actor=organizer,
        case=case,
        email=contact.email,
        first_name="Ana",
        last_name="Demo",
        kind="family",
        relationship="Sister (demo)",
    )
    return case


def _link_petition(context, case):
    # The case's own petition (loaded earlier by the petitions app), never the first one found:
    # the case page links it and the packet prints its signers.
    petition = context.made.get("petitions", {}).get("person")
    if petition is not None and case.petition_id != petition.pk:
        Case.objects.filter(pk=case.pk).update(petition=petition)
        case.petition = petition


def _pages(context, case):
    upsert_page(
        parent=context.homes["en"],
        model=CasePage,
        slug="bring-teresa-home",
        en={
            "title": "Bring Teresa home (demo case)",
            "summary": "A fictional example of a commutation campaign page.",
            "public_name": "Teresa (fictional)",
            "story": STORY_EN,
        },
        es={
            "title": "Que Teresa vuelva a casa (caso de demostración)",
            "slug": "que-teresa-vuelva",
            "summary": "Un ejemplo ficticio de página de campaña de conmutación.",
            "public_name": "Teresa (ficticia)",
            "story": STORY_ES,
        },
        case=case,
    )
