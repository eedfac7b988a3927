import pytest

from droplwop.pages.models import NewsPage

ORIGIN = "http://testserver"


@pytest.fixture
def post_en(demo):
    return NewsPage.objects.get(locale__language_code="en", slug="coalition-welcomes-commutations")


@pytest.fixture
def post_es(post_en):
    return post_en.get_translation(
        post_en.get_translations().filter(locale__language_code="es").first().locale
    )


@pytest.fixture
def send_comment(client):
    """POST the public comment form as a browser on this site would."""

    def send(post, language="en", origin=ORIGIN, **fields):
        data = {"name": "Ana Ruiz", "email": "ana@example.org", "body": "Thank you.", **fields}
        headers = {"HTTP_ORIGIN": origin} if origin else {}
        return client.post(f"/{language}/comments/{post.pk}/", data, **headers)

    return send
