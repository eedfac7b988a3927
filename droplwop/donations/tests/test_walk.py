"""The walk-a-thon: walker pages (proxy pages with consent, never a CDCR number), pledges,
results entered after the walk, pledge emails on a real SMTP server, and paying a pledge."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from droplwop.core.models import AuditEntry
from droplwop.donations import services
from droplwop.donations.models import Donation, Participant, Pledge

from .helpers import completed_session, make_event, post_event

pytestmark = pytest.mark.django_db


def pledge_form(**overrides):
    data = {
        "kind": "per_lap",
        "rate": "2",
        "cap": "",
        "first_name": "Lena",
        "last_name": "",
        "email": "lena@example.org",
        "website": "",
    }
    data.update(overrides)
    return data


def walker(fund, slug="miguel"):
    return Participant.objects.get(fund=fund, slug=slug)


def test_walker_page_says_it_is_run_for_a_walker_inside(client, walk):
    fund, pages = walk
    html = client.get(pages["en"].url + "walkers/miguel/").content.decode()
    assert "Walking with Miguel" in html
    assert "is walking inside and cannot go online, so an organizer runs this page" in html
    assert "Gifts to this campaign go to Shriners Children" in html
    es = client.get(pages["es"].url + "walkers/miguel/").content.decode()
    assert "Caminando con Miguel" in es


def test_an_unpublished_or_unknown_walker_is_not_found(client, walk):
    fund, pages = walk
    Participant.objects.filter(slug="darnell").update(is_published=False)
    assert client.get(pages["en"].url + "walkers/darnell/").status_code == 404
    assert client.get(pages["en"].url + "walkers/nobody/").status_code == 404


def test_a_cdcr_number_is_refused_anywhere_on_a_walker_page(walk):
    fund, _pages = walk
    participant = Participant(
        fund=fund, slug="x", display_name="Joe", story_en="Inmate AB1234 at VSP", is_proxy=False
    )
    with pytest.raises(ValidationError) as caught:
        participant.full_clean()
    assert "story_en" in caught.value.message_dict


def test_a_proxy_page_needs_the_walkers_recorded_consent(walk):
    fund, _pages = walk
    participant = Participant(fund=fund, slug="y", display_name="Luis", is_proxy=True)
    with pytest.raises(ValidationError) as caught:
        participant.full_clean()
    assert {"consent_given_on", "consent_method", "manager_role"} <= set(caught.value.message_dict)


def test_pledging_records_the_pledge_on_the_person_and_emails_them(
    client, walk, smtp_server, django_capture_on_commit_callbacks
):
    fund, pages = walk
    url = f"/en/donate/pledge/{pages['en'].pk}/miguel/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, pledge_form(cap="$50"), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303
    pledge = Pledge.objects.get(supporter__email="lena@example.org")
    assert (pledge.kind, pledge.rate_cents, pledge.cap_cents) == ("per_lap", 200, 5000)
    assert pledge.supporter.activities.filter(kind="donations.pledged").exists()
    thanks = client.get(response["Location"]).content.decode()
    assert "You pledged $2 per lap for Miguel." in thanks
    [message] = smtp_server.to("lena@example.org")
    assert "Your pledge for Miguel" in message["Subject"]
    # Pledging again before the walk updates the same pledge: one per person per walker.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, pledge_form(rate="3"), HTTP_ORIGIN="http://testserver")
    assert Pledge.objects.filter(supporter__email="lena@example.org").count() == 1
    assert Pledge.objects.get(supporter__email="lena@example.org").rate_cents == 300


def test_a_bad_pledge_amount_is_explained_on_the_walker_page(client, walk):
    fund, pages = walk
    response = client.post(
        f"/es/donate/pledge/{pages['es'].pk}/miguel/",
        pledge_form(rate="dos dólares"),
        HTTP_ORIGIN="http://testserver",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Escribe una cantidad en dólares con números" in html
    assert 'value="dos dólares"' in html
    assert not Pledge.objects.filter(supporter__email="lena@example.org").exists()


@pytest.mark.parametrize(
    ("kind", "rate", "cap", "laps", "miles", "expected"),
    [
        ("per_lap", 200, None, Decimal("12"), None, 2400),
        ("per_lap", 200, 1500, Decimal("12"), None, 1500),
        ("per_mile", 1000, None, None, Decimal("3.25"), 3250),
        ("per_mile", 333, None, None, Decimal("1.5"), 500),
        ("flat", 2500, None, None, None, 2500),
        ("per_mile", 1000, None, Decimal("12"), None, None),
    ],
)
def test_pledge_amounts_are_computed_from_the_walk(kind, rate, cap, laps, miles, expected):
    pledge = Pledge(kind=kind, rate_cents=rate, cap_cents=cap)
    assert services.compute_pledge_cents(pledge, laps=laps, miles=miles) == expected


def test_results_email_each_pledger_a_link_and_paying_it_fulfils_the_pledge(
    client, walk, organizer, smtp_server, fake_stripe, django_capture_on_commit_callbacks
):
    fund, pages = walk
    miguel = walker(fund)
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/donations/walk/{fund.pk}/",
            {f"w{miguel.pk}-laps": "20", f"w{miguel.pk}-miles": ""},
        )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(
        action="donations.walk_results_entered", object_id=str(miguel.pk)
    ).exists()
    rosa = Pledge.objects.get(participant=miguel, supporter__email="rosa.demo@example.org")
    james = Pledge.objects.get(participant=miguel, supporter__email="james.demo@example.org")
    assert (rosa.status, rosa.amount_due_cents) == ("due", 4000)  # $2 a lap x 20, under the cap
    assert (james.status, james.amount_due_cents) == ("due", 2500)  # flat
    [to_rosa] = smtp_server.to("rosa.demo@example.org")
    assert "$40" in to_rosa["Subject"]
    body = to_rosa.get_body(("plain",)).get_content()
    assert "Vueltas caminadas: 20" in body  # Rosa pledged in Spanish
    pay_path = re.search(r"https?://[^/\s]+(/es/donate/pledge/pay/\S+/)", body).group(1)

    # The same results entered again email nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/donations/walk/{fund.pk}/",
            {f"w{miguel.pk}-laps": "20", f"w{miguel.pk}-miles": ""},
        )
    assert len(smtp_server.to("rosa.demo@example.org")) == 1

    client.logout()
    assert "$40" in client.get(pay_path).content.decode()
    response = client.post(pay_path)
    assert response.status_code == 303
    assert response["Location"].startswith(fake_stripe.url)
    donation = Donation.objects.get(pledge=rosa)
    assert donation.amount_cents == 4000
    post_event(client, make_event("checkout.session.completed", completed_session(donation)))
    rosa.refresh_from_db()
    assert rosa.status == Pledge.Status.PAID
    assert "está pagada" in client.get(pay_path).content.decode()


def test_a_pledge_link_before_results_says_so(client, walk):
    from droplwop.donations import links

    fund, _pages = walk
    pledge = Pledge.objects.filter(participant__fund=fund, status="pledged").first()
    html = client.get(links.pledge_path(pledge, "en")).content.decode()
    assert "are not in yet" in html
    assert client.post(links.pledge_path(pledge, "en")).status_code == 200
    assert not Donation.objects.filter(pledge=pledge).exists()


def test_an_editor_cannot_enter_walk_results(client, walk, editor):
    fund, _pages = walk
    client.force_login(editor)
    response = client.get(f"/admin/donations/walk/{fund.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_a_walker_with_pledges_is_not_deleted_and_the_organizer_is_told_why(
    client, walk, organizer
):
    fund, _pages = walk
    miguel = walker(fund)
    services.make_pledge(
        participant=miguel, kind="flat", rate_cents=2500, cap_cents=None, email="lena@example.org"
    )
    pledges = miguel.pledges.count()
    client.force_login(organizer)
    response = client.post(
        f"/admin/donation_walkers/delete/{miguel.pk}/", HTTP_ACCEPT_LANGUAGE="es", follow=True
    )
    assert response.redirect_chain == [(f"/admin/donation_walkers/edit/{miguel.pk}/", 302)]
    assert "tiene promesas, así que no se puede eliminar" in response.content.decode()
    assert Participant.objects.filter(pk=miguel.pk).exists()
    assert miguel.pledges.count() == pledges


def test_a_pledge_is_one_small_insert_filed_later_once(client, walk, monkeypatch):
    from types import SimpleNamespace

    from django.core import mail

    from droplwop.core import deferred
    from droplwop.core.deferred import tasks
    from droplwop.core.models import PendingSubmission
    from droplwop.donations.services.intake import file_pledges

    queued = []
    monkeypatch.setattr(
        tasks, "file_pending_task", SimpleNamespace(enqueue=lambda: queued.append(1))
    )
    fund, pages = walk
    url = f"/en/donate/pledge/{pages['en'].pk}/miguel/"
    response = client.post(url, pledge_form(cap="$50"), HTTP_ORIGIN="http://testserver")

    assert response.status_code == 303 and queued
    assert not Pledge.objects.filter(supporter__email="lena@example.org").exists()
    thanks = client.get(response["Location"]).content.decode()
    assert "You pledged $2 per lap for Miguel." in thanks and "at most $50" in thanks
    mail.outbox.clear()
    rows = list(PendingSubmission.objects.all())
    file_pledges(rows)
    file_pledges(rows)  # a batch filed again after a crash
    assert deferred.file_pending() == 1
    pledge = Pledge.objects.get(supporter__email="lena@example.org")
    assert (pledge.kind, pledge.rate_cents, pledge.cap_cents) == ("per_lap", 200, 5000)
    assert pledge.supporter.activities.filter(kind="donations.pledged").count() == 1


def test_the_pledge_thanks_page_never_shows_anothers_pledge(client, walk):
    fund, pages = walk
    url = f"/en/donate/pledge/{pages['en'].pk}/miguel/"
    client.post(url, pledge_form(rate="7"), HTTP_ORIGIN="http://testserver")
    services.record_walk_results(actor=None, participant=walker(fund), laps=10, miles=None)

    again = client.post(url, pledge_form(rate="3"), HTTP_ORIGIN="http://testserver")

    thanks = client.get(again["Location"]).content.decode()
    assert "You pledged $3 per lap for Miguel." in thanks and "$7" not in thanks
    assert Pledge.objects.get(supporter__email="lena@example.org").rate_cents == 700


def test_a_forged_pledge_thanks_link_is_not_found(client, walk):
    assert client.get("/en/donate/pledge/thanks/1:flat:100:/").status_code == 404
