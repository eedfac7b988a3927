"""Demo events: the monthly statewide meeting, Strategy Week, the VSP walk-a-thon, a CCWF day, a workgroup."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from droplwop.core.demo_tools import add_menu_item, upsert_page
from droplwop.core.holidays import is_holiday, third_monday

from .models import Event, EventIndexPage, EventKind, EventPage, OccurrenceException, Session
from .services import register_for_event

PACIFIC = ZoneInfo("America/Los_Angeles")
DEMO_ZOOM = "https://zoom.example.org/j/"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PACIFIC)


def _event(slug, *, sessions, exceptions=(), **fields):
    """Create the event with its dates once; later runs leave it (and any edits) alone."""
    event = Event.objects.filter(slug=slug).first()
    if event is not None:
        return event
    event = Event.objects.create(slug=slug, **fields)
    for starts, ends, extra in sessions:
        Session.objects.create(event=event, starts_at=starts, ends_at=ends, **extra)
    for original, new_start, new_end in exceptions:
        OccurrenceException.objects.create(
            event=event, original_start=original, new_starts_at=new_start, new_ends_at=new_end
        )
    return event


def _meeting_exceptions(first: date):
    """December's meeting is cancelled for the holidays; a third Monday that is a holiday (MLK
    Day, Presidents' Day) moves a week later."""
    found = []
    for year in range(first.year, timezone.localdate().year + 2):
        for month in range(1, 13):
            day = third_monday(year, month)
            if day <= first:
                continue
            if month == 12:
                found.append((_at(day, 19), None, None))
            elif is_holiday(day):
                later = day + timedelta(days=7)
                found.append((_at(day, 19), _at(later, 19), _at(later, 20, 30)))
    return found


def _monthly_meeting():
    first = third_monday(2026, 3)
    return _event(
        "statewide-monthly-meeting",
        title_en="Statewide monthly meeting",
        title_es="Reunión estatal mensual",
        summary_en="Everyone working to end LWOP meets on Zoom on the third Monday of each month at 7 PM: campaign news, workgroup reports and the next steps.",
        summary_es="Todas las personas que trabajan para acabar con LWOP se reúnen por Zoom el tercer lunes de cada mes a las 7 p.m.: noticias de la campaña, informes de los grupos de trabajo y los próximos pasos.",
        kind=EventKind.ONLINE,
        language="both",
        recurrence_rule="FREQ=MONTHLY;BYDAY=+3MO",
        join_url=DEMO_ZOOM + "statewide",
        dial_in="+1 669 555 0100",
        passcode="dropLWOP",
        join_instructions_en="Spanish interpretation is available: choose Spanish in Zoom's Interpretation menu.",
        join_instructions_es="Hay interpretación al español: elige «Spanish» en el menú «Interpretation» de Zoom.",
        sessions=[(_at(first, 19), _at(first, 20, 30), {})],
        exceptions=_meeting_exceptions(first),
    )


STRATEGY_SESSIONS = [
    (
        18,
        20,
        "Opening: ways to reduce and end LWOP",
        "Apertura: caminos para reducir y acabar con LWOP",
        "Opportunities and obstacles in California, and efforts across the country.",
        "Oportunidades y obstáculos en California, y esfuerzos en todo el país.",
    ),
    (
        18,
        20,
        "Legislation and policy",
        "Legislación y políticas",
        "Discussion and brainstorming.",
        "Conversación y lluvia de ideas.",
    ),
    (
        18,
        20,
        "Increasing commutations",
        "Más conmutaciones",
        "Discussion and brainstorming.",
        "Conversación y lluvia de ideas.",
    ),
    (
        18,
        20,
        "Resentencing",
        "Nuevas sentencias",
        "Discussion and brainstorming.",
        "Conversación y lluvia de ideas.",
    ),
    (
        18,
        20,
        "Influencing and countering district attorneys",
        "Influir en los fiscales y hacerles frente",
        "Discussion and brainstorming.",
        "Conversación y lluvia de ideas.",
    ),
    (
        9,
        12,
        "Closing Saturday: our plans together",
        "Sábado de cierre: nuestros planes juntos",
        "All the ideas of the week, our goals, and how everyone can take part.",
        "Todas las ideas de la semana, nuestras metas y cómo puede participar cada persona.",
    ),
]


def _strategy_week():
    today = timezone.localdate()
    monday = today + timedelta(days=21 - today.weekday())
    while any(is_holiday(monday + timedelta(days=n)) for n in range(len(STRATEGY_SESSIONS))):
        monday += timedelta(days=7)
    sessions = []
    for offset, (start_h, end_h, title_en, title_es, topic_en, topic_es) in enumerate(
        STRATEGY_SESSIONS
    ):
        day = monday + timedelta(days=offset)
        sessions.append(
            (
                _at(day, start_h),
                _at(day, end_h),
                {
                    "title_en": title_en,
                    "title_es": title_es,
                    "topic_en": topic_en,
                    "topic_es": topic_es,
                },
            )
        )
    return _event(
        "strategy-week",
        title_en="Strategy Week",
        title_es="Semana de estrategia",
        summary_en="Five evenings and a closing Saturday online to share what we know and plan the next steps on legislation, commutations, resentencing and district attorneys.",
        summary_es="Cinco tardes y un sábado de cierre en línea para compartir lo que sabemos y planear los próximos pasos sobre legislación, conmutaciones, nuevas sentencias y fiscales.",
        kind=EventKind.ONLINE,
        language="both",
        capacity=150,
        join_url=DEMO_ZOOM + "strategy-week",
        passcode="week2026",
        join_instructions_en="The same link works for every session.",
        join_instructions_es="El mismo enlace sirve para todas las sesiones.",
        sessions=sessions,
    )


def _walkathon():
    return _event(
        "vsp-walk-for-life",
        title_en="LWOP Walk for Life at Valley State Prison",
        title_es="Caminata por la Vida LWOP en Valley State Prison",
        summary_en="The LWOP support group at Valley State Prison walks to raise money for Shriners Children's Northern California. Register to hear when the date is set.",
        summary_es="El grupo de apoyo LWOP de Valley State Prison camina para recaudar fondos para Shriners Children's del Norte de California. Regístrate para saber cuándo se fija la fecha.",
        kind=EventKind.FACILITY,
        facility="Valley State Prison (VSP), Chowchilla",
        date_to_be_decided=True,
        sessions=[],
    )


def _ccwf_day():
    day = date(2024, 8, 3)
    return _event(
        "ccwf-shoes-of-the-forgotten",
        title_en="Shoes of the Forgotten at CCWF",
        title_es="Shoes of the Forgotten en CCWF",
        summary_en="An educational and motivational day inside the Central California Women's Facility, with resources from outside organizations for people serving LWOP.",
        summary_es="Un día educativo y de motivación dentro de Central California Women's Facility, con recursos de organizaciones de afuera para las personas que cumplen LWOP.",
        kind=EventKind.FACILITY,
        facility="Central California Women's Facility (CCWF), Chowchilla",
        registration_open=False,
        sessions=[(_at(day, 9), _at(day, 15), {})],
    )


def _workgroup():
    today = timezone.localdate()
    day = today + timedelta(days=(2 - today.weekday()) % 7 + 7)
    while is_holiday(day):
        day += timedelta(days=7)
    return _event(
        "legislative-workgroup",
        title_en="Legislative workgroup meeting",
        title_es="Reunión del grupo de trabajo legislativo",
        summary_en="The workgroup that follows bills which can reduce and end LWOP. Newcomers welcome.",
        summary_es="El grupo que sigue los proyectos de ley que pueden reducir y acabar con LWOP. Bienvenidas las personas nuevas.",
        kind=EventKind.ONLINE,
        language="en",
        join_url=DEMO_ZOOM + "legislative-workgroup",
        sessions=[(_at(day, 18), _at(day, 19), {})],
    )


def _pages(index_en, event, slug_en, slug_es):
    return upsert_page(
        parent=index_en,
        model=EventPage,
        slug=slug_en,
        en={"title": event.title_en, "summary": event.summary_en[:300]},
        es={"title": event.title_es, "summary": event.summary_es[:300], "slug": slug_es},
        event=event,
    )


def _registrations(strategy, monthly):
    if strategy.registrations.exists():
        return
    people = [
        ("rosa.demo@example.org", "Rosa", "Martínez", "es", None),
        ("james.demo@example.org", "James", "Carter", "en", None),
        ("lena.demo@example.org", "Lena", "Park", "en", "first-two"),
    ]
    sessions = list(strategy.sessions.all())
    for email, first, last, language, choice in people:
        register_for_event(
            event=strategy,
            email=email,
            first_name=first,
            last_name=last,
            language=language,
            session_ids=[s.pk for s in sessions[:2]] if choice else None,
            source="demo",
        )
    register_for_event(
        event=monthly,
        email="rosa.demo@example.org",
        first_name="Rosa",
        language="es",
        source="demo",
    )


def load(context):
    # Earlier loaders add children through other instances: read the home's child count afresh.
    home = type(context.homes["en"]).objects.get(pk=context.homes["en"].pk)
    index_en, index_es = upsert_page(
        parent=home,
        model=EventIndexPage,
        slug="events",
        en={
            "title": "Events",
            "summary": "Meetings, trainings and gatherings of the coalition, online and in person.",
            "intro": "<p>Join a meeting, a training or a gathering. Everyone is welcome.</p>",
        },
        es={
            "title": "Eventos",
            "slug": "eventos",
            "summary": "Reuniones, capacitaciones y encuentros de la coalición, en línea y en persona.",
            "intro": "<p>Participa en una reunión, una capacitación o un encuentro. Todas las personas son bienvenidas.</p>",
        },
    )
    monthly = _monthly_meeting()
    strategy = _strategy_week()
    events = [
        (monthly, "statewide-monthly-meeting", "reunion-estatal-mensual"),
        (strategy, "strategy-week", "semana-de-estrategia"),
        (_walkathon(), "walk-for-life", "caminata-por-la-vida"),
        (_ccwf_day(), "shoes-of-the-forgotten", "shoes-of-the-forgotten"),
        (_workgroup(), "legislative-workgroup", "grupo-legislativo"),
    ]
    pages = {}
    for event, slug_en, slug_es in events:
        pages[event.slug] = _pages(index_en, event, slug_en, slug_es)
    _registrations(strategy, monthly)
    add_menu_item(
        context,
        pages={"en": index_en, "es": index_es},
        labels={"en": "Events", "es": "Eventos"},
        order=30,
    )
    context.made["events"] = {"index": (index_en, index_es), "pages": pages}
