import pytest

from droplwop.supporters.models import EmailList


@pytest.fixture
def lists(db):
    organizers, _ = EmailList.objects.get_or_create(
        slug="test-organizers",
        defaults={"name_en": "Test organizers", "name_es": "Organizadores de prueba"},
    )
    updates, _ = EmailList.objects.get_or_create(
        slug="test-updates",
        defaults={
            "name_en": "Test updates",
            "name_es": "Novedades de prueba",
            "double_opt_in": True,
        },
    )
    return {"organizers": organizers, "updates": updates}


@pytest.fixture
def person(db):
    from droplwop.supporters.services import find_or_create_supporter

    supporter, _ = find_or_create_supporter(
        email="Maria.Lopez@Example.org", first_name="María", last_name="López", language="es"
    )
    return supporter
