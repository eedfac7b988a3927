"""The signup form promises a confirmation email only for the lists that send one, and the
thank-you page says "check your email" only when one was sent."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from droplwop.supporters.models import EmailList

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def direct(lists):
    """A list that takes people without a confirmation email."""
    EmailList.objects.filter(pk=lists["organizers"].pk).update(double_opt_in=False)
    lists["organizers"].refresh_from_db()
    return lists


def url(name, language):
    with translation.override(language):
        return reverse(name)


def signup(client, lists, chosen, language, django_capture_on_commit_callbacks):
    data = {
        "first_name": "Rosa",
        "email": "rosa@example.org",
        "language": language,
        "lists": [lists[name].pk for name in chosen],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("supporters:signup", language), data, **ORIGIN)
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("language", "note", "check"),
    [
        ("en", "For Test updates, we will email you a link to confirm.", "Check your email"),
        (
            "es",
            "Para Novedades de prueba, te enviaremos un enlace por correo para confirmar.",
            "Revisa tu correo",
        ),
    ],
)
def test_only_the_lists_that_confirm_are_promised_an_email(
    client, direct, language, note, check, django_capture_on_commit_callbacks
):
    EmailList.objects.exclude(pk__in=[d.pk for d in direct.values()]).update(is_public=False)
    form = client.get(url("supporters:signup", language)).content.decode()
    assert note in form

    thanks = signup(client, direct, ["organizers"], language, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert check not in thanks

    thanks = signup(client, direct, ["updates"], language, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert check in thanks


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_promise_when_no_list_confirms(client, direct, language):
    EmailList.objects.update(double_opt_in=False)
    form = client.get(url("supporters:signup", language)).content.decode().lower()
    assert "email you a link" not in form
    assert "te enviaremos un enlace" not in form
    assert ("you can unsubscribe" if language == "en" else "puedes darte de baja") in form


def test_a_list_that_starts_asking_for_confirmation_shows_on_cached_pages(
    client, direct, settings, demo
):
    from droplwop.supporters.models import SignupPage

    settings.PAGE_CACHE_SECONDS = 300
    EmailList.objects.exclude(pk__in=[d.pk for d in direct.values()]).update(is_public=False)
    page = SignupPage.objects.live().filter(locale__language_code="en").first()
    assert page is not None
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    organizers = direct["organizers"]
    organizers.double_opt_in = True
    organizers.save()

    assert "We will email you a link to confirm." in client.get(page.url).content.decode()
