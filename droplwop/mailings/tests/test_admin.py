import pytest

from droplwop.core.models import OrganizationSettings
from droplwop.mailings.models import Mailing, MailingStatus

pytestmark = pytest.mark.django_db


def _postal_address(value="PO Box 1\nSacramento, CA 95812"):
    row = OrganizationSettings.load()
    row.mailing_address = value
    row.save()


def test_an_organizer_previews_both_languages_and_sends(
    client, organizer, make_supporter, make_mailing, smtp_server, django_capture_on_commit_callbacks
):
    make_supporter("one@example.org", first_name="Uno")
    _postal_address()
    mailing = make_mailing()
    organizer.first_name = "Olivia"
    organizer.save()
    client.force_login(organizer)

    assert client.get("/admin/mailings/").status_code == 200
    dashboard = client.get(f"/admin/mailings/send/{mailing.pk}/")
    assert "It would go to 1 person now." in dashboard.content.decode()
    english = client.get(f"/admin/mailings/send/{mailing.pk}/preview/en/").content.decode()
    spanish = client.get(f"/admin/mailings/send/{mailing.pk}/preview/es/?part=text")
    assert "Hello Olivia, the hearing is Tuesday." in english
    assert "Hola Olivia, la audiencia es el martes." in spanish.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/mailings/send/{mailing.pk}/test/",
            {"email": "staff@example.org", "language": "es"},
        )
    assert smtp_server.to("staff@example.org")[0]["Subject"] == "[Test] Noticias para Olivia"

    confirm = client.get(f"/admin/mailings/send/{mailing.pk}/?confirm=send").content.decode()
    assert "Send “Test mailing” to 1 person now?" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/mailings/send/{mailing.pk}/send/", {"audience": "1"})
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT
    assert [m["To"] for m in smtp_server.messages[1:]] == ["one@example.org"]
    listing = client.get("/admin/mailings/").content.decode()
    assert "Sent" in listing and "Unsubscribed" in listing
    again = client.post(f"/admin/mailings/send/{mailing.pk}/send/", {"audience": "1"}, follow=True)
    assert "already been sent" in again.content.decode()
    assert len(smtp_server.messages) == 2


def test_an_editor_cannot_see_or_send_mailings(client, editor, make_mailing):
    mailing = make_mailing()
    client.force_login(editor)

    for url in (
        "/admin/mailings/",
        f"/admin/mailings/send/{mailing.pk}/",
        f"/admin/mailings/send/{mailing.pk}/preview/en/",
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(f"/admin/mailings/send/{mailing.pk}/send/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Mailing.objects.get(pk=mailing.pk).status == MailingStatus.DRAFT


def test_the_coalitions_postal_address_is_at_the_foot_of_every_mailing(
    client, organizer, make_mailing
):
    from droplwop.core.models import OrganizationSettings

    mailing = make_mailing()
    client.force_login(organizer)
    dashboard = client.get(f"/admin/mailings/send/{mailing.pk}/").content.decode()
    assert "US law requires one at the foot of every bulk email" in dashboard

    settings_row = OrganizationSettings.load()
    settings_row.mailing_address = "PO Box 1\nSacramento, CA 95812"
    settings_row.save()

    dashboard = client.get(f"/admin/mailings/send/{mailing.pk}/").content.decode()
    assert "US law requires" not in dashboard
    html = client.get(f"/admin/mailings/send/{mailing.pk}/preview/es/").content.decode()
    text = client.get(f"/admin/mailings/send/{mailing.pk}/preview/en/?part=text").content.decode()
    assert "PO Box 1<br>Sacramento, CA 95812" in html
    assert "PO Box 1\nSacramento, CA 95812" in text


def test_send_now_goes_only_after_confirming_the_current_recipient_count(
    client, organizer, make_supporter, make_mailing
):
    make_supporter("one@example.org")
    _postal_address()
    mailing = make_mailing()
    client.force_login(organizer)
    for posted in ({}, {"audience": "5"}):
        response = client.post(f"/admin/mailings/send/{mailing.pk}/send/", posted, follow=True)
        html = response.content.decode()
        assert "Check the number of recipients and confirm again" in html
        assert "to 1 person now?" in html
        assert Mailing.objects.get(pk=mailing.pk).status == MailingStatus.DRAFT


def test_sending_is_blocked_without_the_postal_address_in_both_languages(
    client, organizer, make_supporter, make_mailing
):
    from wagtail.users.models import UserProfile

    make_supporter("one@example.org")
    _postal_address("")
    mailing = make_mailing()
    client.force_login(organizer)
    dashboard = client.get(f"/admin/mailings/send/{mailing.pk}/").content.decode()
    assert "Sending is blocked until the postal address is added." in dashboard
    assert "mailings_admin" not in dashboard and f"/send/{mailing.pk}/send/" not in dashboard
    profile = UserProfile.get_for_user(organizer)
    profile.preferred_language = "es"
    profile.save()
    for action, data in (
        ("send", {"audience": "1"}),
        ("schedule", {"send_at": "2030-01-01T10:00"}),
    ):
        response = client.post(f"/admin/mailings/send/{mailing.pk}/{action}/", data, follow=True)
        assert "No se envió nada: primero agrega la dirección postal" in response.content.decode()
    assert Mailing.objects.get(pk=mailing.pk).status == MailingStatus.DRAFT
