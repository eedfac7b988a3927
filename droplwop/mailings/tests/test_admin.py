import pytest

from droplwop.mailings.models import Mailing, MailingStatus

pytestmark = pytest.mark.django_db


def test_an_organizer_previews_both_languages_and_sends(
    client, organizer, make_supporter, make_mailing, smtp_server, django_capture_on_commit_callbacks
):
    make_supporter("one@example.org", first_name="Uno")
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

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/mailings/send/{mailing.pk}/send/")
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT
    assert [m["To"] for m in smtp_server.messages[1:]] == ["one@example.org"]
    listing = client.get("/admin/mailings/").content.decode()
    assert "Sent" in listing and "Unsubscribed" in listing
    again = client.post(f"/admin/mailings/send/{mailing.pk}/send/", follow=True)
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
