import pytest

pytestmark = pytest.mark.django_db

# The app's own screens answer 403; Wagtail's viewsets send a refused user to the admin home.
STAFF_URLS = [
    ("/admin/supporters/duplicates/", 403),
    ("/admin/supporters/imports/", 403),
    ("/admin/supporters/export/", 403),
    ("/admin/supporters_people/", 302),
    ("/admin/supporters_lists/", 302),
]


@pytest.mark.parametrize("url, status", STAFF_URLS)
def test_editor_is_refused(client, editor, url, status):
    client.force_login(editor)
    refused = client.get(url)
    assert refused.status_code == status
    if status == 302:
        assert refused["Location"] == "/admin/"
    response = client.get(url, follow=True)
    assert "maria" not in response.content.decode().lower()


def test_editor_never_sees_the_menu_or_a_person(client, editor, person):
    client.force_login(editor)
    assert client.get(f"/admin/supporters/people/{person.pk}/export.json").status_code == 403
    assert client.get(f"/admin/supporters/people/{person.pk}/privacy/").status_code == 403
    home = client.get("/admin/").content.decode()
    assert "/admin/supporters_people/" not in home


@pytest.mark.parametrize("url", [url for url, _status in STAFF_URLS])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_organizer_sees_people_and_the_timeline(client, organizer, person):
    from droplwop.supporters.services import record_activity

    record_activity(
        supporter=person, kind="events.registered", summary="Registered for the town hall"
    )
    client.force_login(organizer)
    assert "/admin/supporters_people/" in client.get("/admin/").content.decode()
    page = client.get(f"/admin/supporters_people/inspect/{person.pk}/").content.decode()
    assert "Registered for the town hall" in page
    assert client.get("/admin/supporters/duplicates/").status_code == 200


def test_organizer_sees_lists_with_counts(client, organizer, person, lists):
    from droplwop.supporters.services import subscribe

    subscribe(
        supporter=person, email_list=lists["updates"], source="t", consent_text="y", confirmed=True
    )
    client.force_login(organizer)
    page = client.get("/admin/supporters_lists/").content.decode()
    assert "Test updates" in page
    assert "Waiting for confirmation" in page
