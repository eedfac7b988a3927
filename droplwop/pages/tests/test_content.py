"""Every page type in both languages, the library filters, dates per language, the demo."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from droplwop.core.models import MainMenuItem
from droplwop.pages.models import NewsIndexPage, NewsPage, Resource

PAGES = [
    ("/en/", "/es/"),
    ("/en/about/", "/es/acerca/"),
    ("/en/get-involved/", "/es/participa/"),
    ("/en/news/", "/es/noticias/"),
    ("/en/news/coalition-welcomes-commutations/", "/es/noticias/coalicion-celebra-conmutaciones/"),
    ("/en/resources/", "/es/recursos/"),
]


@pytest.mark.parametrize(("english", "spanish"), PAGES)
def test_every_page_type_renders_in_both_languages_and_switches(client, demo, english, spanish):
    for path, other, language in ((english, spanish, "en"), (spanish, english, "es")):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        # The language switcher lands on the translated page.
        assert f'href="{other}" hreflang="{"es" if language == "en" else "en"}"' in html


def test_news_filters_keep_the_language_and_the_filter(client, demo):
    html = client.get("/es/noticias/?kind=statement").content.decode()
    assert "Declaración sobre el fallo en el caso People v. Hardin" in html
    assert "La coalición celebra nuevas conmutaciones" not in html
    assert 'href="/en/news/" hreflang="en"' in html
    html = client.get("/es/noticias/?tag=clemencia").content.decode()
    assert "Publicaciones con la etiqueta «clemencia»." in html
    assert "Más de 125 personas" not in html


def test_dates_are_written_in_the_page_language(client, demo):
    assert "2 de abril de 2024" in client.get("/es/noticias/").content.decode()
    assert "April 2, 2024" in client.get("/en/news/").content.decode()
    html = client.get("/es/noticias/coalicion-celebra-conmutaciones/").content.decode()
    assert "Comunicado de prensa" in html and "Contacto de prensa" in html


def test_press_release_shows_its_media_contact_and_statement_does_not(client, demo):
    html = client.get("/en/news/coalition-welcomes-commutations/").content.decode()
    assert "media@droplwop.example.org" in html
    html = client.get("/en/news/statement-people-v-hardin/").content.decode()
    assert "Media contact" not in html


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("kind=guide", "Volunteer orientation guide", "The facts"),
        ("language=es", "Volunteer orientation guide (Spanish)", "Felony Murder Sentencing"),
        ("kind=report&language=en", "Felony Murder Sentencing", "orientation"),
        ("kind=bogus&language=%3Cscript%3E", "Volunteer orientation guide", "&lt;script"),
    ],
)
def test_resources_filter_by_kind_and_language(client, demo, query, present, absent):
    response = client.get(f"/en/resources/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert present in html
    assert absent not in html.split('<ul class="card-list">', 1)[-1]


def test_spanish_library_lists_spanish_descriptions(client, demo):
    html = client.get("/es/recursos/?language=es").content.decode()
    assert "Guía de orientación para voluntarios" in html
    assert "Cadena perpetua sin libertad condicional en California: los datos" in html
    assert ".pdf" in html or "PDF" in html


def test_demo_content_has_what_the_campaign_needs(demo):
    en = Locale.objects.get(language_code="en")
    posts = NewsPage.objects.live().filter(locale=en)
    assert posts.count() >= 6
    kinds = set(posts.values_list("kind", flat=True))
    assert kinds == {"news", "press_release", "statement"}
    assert all(p.media_contact_email for p in posts.filter(kind="press_release"))
    for post in posts:
        assert post.get_translation_or_none(Locale.objects.get(language_code="es")).live
    resources = Resource.objects.filter(locale=en)
    assert {"guide", "report", "video", "fact_sheet"} <= set(
        resources.values_list("kind", flat=True)
    )
    assert resources.filter(document__isnull=False).count() >= 4
    labels = set(MainMenuItem.objects.values_list("label", flat=True))
    assert {"About", "News", "Get involved", "Resources", "Noticias", "Participa"} <= labels


def _counts():
    return (
        Page.objects.count(),
        Resource.objects.count(),
        MainMenuItem.objects.count(),
        NewsIndexPage.objects.count(),
        sum(page.revisions.count() for page in Page.objects.all()),
    )


def test_demo_loads_twice_without_changes(demo):
    before = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == before


def test_demo_site_is_where_the_server_is(demo, settings):
    # The admin's "view live" links are Wagtail's full_url: they must reach the running server.
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert home.full_url == settings.SITE_URL + "/en/"
