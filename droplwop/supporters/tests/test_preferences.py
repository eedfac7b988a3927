import pytest

from droplwop.core.models import AuditEntry
from droplwop.supporters import services
from droplwop.supporters.links import preferences_path
from droplwop.supporters.models import Subscription, SubscriptionStatus

pytestmark = pytest.mark.django_db


def _status(person, email_list):
    return Subscription.objects.get(supporter=person, email_list=email_list).status


def test_preferences_page_opens_in_the_persons_language(client, person, lists):
    services.subscribe(
        supporter=person,
        email_list=lists["updates"],
        source="test",
        consent_text="yes",
        confirmed=True,
    )
    response = client.get(preferences_path(person))
    assert response.status_code == 200
    page = response.content.decode()
    assert "maria.lopez@example.org" in page
    assert "Novedades de prueba" in page
    assert 'lang="es"' in page


def test_preferences_change_lists_and_language(client, person, lists):
    services.subscribe(
        supporter=person,
        email_list=lists["updates"],
        source="test",
        consent_text="yes",
        confirmed=True,
    )
    url = preferences_path(person)
    response = client.post(url, {"lists": [lists["organizers"].pk], "language": "en"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.preferred_language == "en"
    assert _status(person, lists["updates"]) == SubscriptionStatus.UNSUBSCRIBED
    assert _status(person, lists["organizers"]) == SubscriptionStatus.SUBSCRIBED
    assert AuditEntry.objects.filter(action="supporter.preferences_changed").exists()


def test_unsubscribe_from_all_twice_is_harmless(client, person, lists):
    for email_list in lists.values():
        services.subscribe(
            supporter=person, email_list=email_list, source="t", consent_text="y", confirmed=True
        )
    url = preferences_path(person)
    for _ in range(2):
        response = client.post(url, {"unsubscribe_all": "1"}, follow=True)
        assert response.status_code == 200
    assert set(Subscription.objects.filter(supporter=person).values_list("status", flat=True)) == {
        SubscriptionStatus.UNSUBSCRIBED
    }


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "nonsense", lambda t: t[1:]])
def test_tampered_preferences_link_changes_nothing_and_says_so(client, person, lists, mangle):
    services.subscribe(
        supporter=person, email_list=lists["updates"], source="t", consent_text="y", confirmed=True
    )
    url = preferences_path(person, "en")
    token = url.rstrip("/").rsplit("/", 1)[1]
    bad = url.replace(token, mangle(token))
    response = client.post(bad, {"unsubscribe_all": "1"})
    assert response.status_code == 400
    assert "nothing was changed" in response.content.decode()
    assert _status(person, lists["updates"]) == SubscriptionStatus.SUBSCRIBED
