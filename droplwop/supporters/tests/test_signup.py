import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from droplwop.supporters.models import Subscription, SubscriptionStatus, Supporter

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def _signup_url(language="en"):
    with translation.override(language):
        return reverse("supporters:signup")


def _post(client, data, language="en", **extra):
    return client.post(_signup_url(language), data, **{**ORIGIN, **extra})


def _form(email_lists, **overrides):
    return {
        "first_name": "Rosa",
        "last_name": "Díaz",
        "email": " Rosa.Diaz@Example.ORG ",
        "zip_code": "90012",
        "language": "es",
        "lists": [email_lists["updates"].pk, email_lists["organizers"].pk],
        **overrides,
    }


def _confirm_link(message):
    return re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)


def test_signup_is_pending_until_the_emailed_link_is_confirmed(
    client, lists, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, _form(lists))
    assert response.status_code == 302
    supporter = Supporter.objects.get(email="rosa.diaz@example.org")
    statuses = set(
        Subscription.objects.filter(supporter=supporter).values_list("status", flat=True)
    )
    assert statuses == {SubscriptionStatus.PENDING}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rosa.diaz@example.org"]
    assert "Confirma" in message.subject or "confirma" in message.body
    assert "Novedades de prueba" in message.body
    path = _confirm_link(message).split("testserver", 1)[-1].split("8000", 1)[-1]
    # Opening the link (what a mail scanner does) confirms nothing.
    assert client.get(path).status_code == 200
    assert not Subscription.objects.filter(
        supporter=supporter, status=SubscriptionStatus.SUBSCRIBED
    ).exists()
    for _ in range(2):
        response = client.post(path, follow=True)
        assert response.status_code == 200
    assert set(
        Subscription.objects.filter(supporter=supporter).values_list("status", flat=True)
    ) == {SubscriptionStatus.SUBSCRIBED}
    assert "Organizadores de prueba" in response.content.decode()
    supporter.refresh_from_db()
    assert supporter.preferred_language == "es"


def test_tampered_confirmation_link_confirms_nothing(
    client, lists, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, _form(lists))
    path = "/" + _confirm_link(mail.outbox[0]).split("/", 3)[3]
    token = path.rstrip("/").rsplit("/", 1)[1]
    for bad in (path.replace(token, token[:-3] + "abc"), path.replace(token, "x" + token)):
        response = client.post(bad)
        assert response.status_code == 400
        assert "no se cambió nada" in response.content.decode()
    assert not Subscription.objects.filter(
        supporter__email="rosa.diaz@example.org", status=SubscriptionStatus.SUBSCRIBED
    ).exists()


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"email": "not-an-email"}, "email"),
        ({"zip_code": "9001"}, "zip_code"),
        ({"lists": []}, "lists"),
        ({"first_name": ""}, "first_name"),
        ({"email": "a" * 300 + "@example.org"}, "email"),
    ],
)
def test_bad_signup_keeps_what_was_typed_and_stores_nothing(client, lists, overrides, field):
    response = _post(client, _form(lists, **overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="signup-{field}_error"' in page
    assert 'value="Díaz"' in page
    assert not Supporter.objects.filter(last_name="Díaz").exists()


def test_signup_from_another_site_is_refused(client, lists):
    response = client.post(_signup_url(), _form(lists), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not Supporter.objects.filter(last_name="Díaz").exists()


def test_honeypot_stores_nothing_but_looks_fine(client, lists):
    response = _post(client, _form(lists, website="http://spam.example"))
    assert response.status_code == 302
    assert not Supporter.objects.filter(last_name="Díaz").exists()


def test_signup_flood_is_rate_limited(client, lists):
    for number in range(20):
        assert _post(client, _form(lists, email=f"p{number}@example.org")).status_code == 302
    response = _post(client, _form(lists, email="p99@example.org"))
    assert response.status_code == 429
    assert not Supporter.objects.filter(email="p99@example.org").exists()


def test_signup_form_in_spanish(client, lists):
    response = client.get(_signup_url("es"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Novedades de prueba" in page


def test_signup_block_renders_the_form_for_any_page(lists):
    from droplwop.supporters.blocks import SignupBlock

    block = SignupBlock()
    with translation.override("es"):
        html = block.render(block.to_python({"heading": "Únete", "text": "Recibe noticias."}))
    assert "<h2" in html and "Únete" in html
    assert 'action="/es/supporters/signup/"' in html
    assert "Novedades de prueba" in html


def test_a_signup_is_one_small_insert_filed_later_once(client, lists, monkeypatch):
    from droplwop.core import deferred
    from droplwop.core.deferred import tasks
    from droplwop.core.models import PendingSubmission
    from droplwop.supporters.intake import file_signups

    queued = []
    monkeypatch.setattr(
        tasks, "file_pending_task", SimpleNamespace(enqueue=lambda: queued.append(1))
    )
    response = _post(client, _form(lists))

    assert response.status_code == 302 and queued
    assert not Supporter.objects.filter(email="rosa.diaz@example.org").exists()
    rows = list(PendingSubmission.objects.all())
    file_signups(rows)
    file_signups(rows)  # a batch filed again after a crash
    assert deferred.file_pending() == 1
    supporter = Supporter.objects.get(email="rosa.diaz@example.org")
    assert Subscription.objects.filter(supporter=supporter).count() == 2
