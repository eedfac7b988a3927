import pytest
from django.utils import timezone

from droplwop.core.demo_tools import upsert_page
from droplwop.petitions.models import Petition, PetitionPage, Target
from droplwop.supporters.models import EmailList

ORIGIN = "http://testserver"


@pytest.fixture
def petition(db):
    news, _ = EmailList.objects.get_or_create(
        slug="test-petition-news",
        defaults={"name_en": "Petition news", "name_es": "Noticias", "double_opt_in": False},
    )
    record = Petition.objects.create(
        title="Test petition to the Governor",
        text="Commute every sentence of life without parole.",
        goal=100,
        public_list_enabled=True,
        email_list=news,
    )
    record.targets.add(
        Target.objects.create(name="Test Governor", title="Governor", office="Sacramento")
    )
    return record


@pytest.fixture
def pages(demo, petition):
    from wagtail.models import Page

    home = Page.objects.get(pk=demo["en"].pk).specific
    en, es = upsert_page(
        parent=home,
        model=PetitionPage,
        slug="test-petition",
        petition=petition,
        en={"title": "Test petition", "thank_you": "<p>Thanks from the test.</p>"},
        es={"title": "Petición de prueba", "slug": "peticion-de-prueba"},
    )
    return {"en": en, "es": es}


@pytest.fixture
def sign_post(client):
    """POST the signing form as a browser on our site would."""

    def post(page, **fields):
        data = {
            "first_name": "José",
            "last_name": "Nguyễn",
            "email": "jose@example.org",
            "zip_code": "94110",
            "comment": "",
            **fields,
        }
        lang = page.locale.language_code
        return client.post(
            f"/{lang}/petitions/sign/{page.pk}/",
            data,
            HTTP_ORIGIN=ORIGIN,
            HTTP_REFERER=ORIGIN + page.url,
        )

    return post


@pytest.fixture
def closed(petition):
    petition.closes_at = timezone.now()
    petition.save()
    return petition
