"""Organizers' screens: offline gifts (audited, in the same totals), the donations report with
filters, totals per fund and per day, and a CSV export that spreadsheets cannot run."""

import datetime

import pytest
from django.utils import timezone

from droplwop.core.models import AuditEntry
from droplwop.donations import selectors
from droplwop.donations.models import Donation, Fund

pytestmark = pytest.mark.django_db


def offline(**overrides):
    data = {
        "fund": Fund.objects.get(slug="lwop-walk-for-life").pk,
        "amount": "$1,200.00",
        "received_on": timezone.localdate().isoformat(),
        "method": "check",
        "email": "calc@example.org",
        "first_name": "=cmd|' /C calc'!A0",
        "last_name": "Church",
        "language": "en",
        "note": "Check 1042",
        "send_receipt": "on",
    }
    data.update(overrides)
    return data


def test_an_offline_check_is_audited_and_counted_with_online_gifts(
    client, demo, organizer, django_capture_on_commit_callbacks, mailoutbox
):
    fund = Fund.objects.get(slug="lwop-walk-for-life")
    before = selectors.get_fund_progress(fund).total_cents
    client.force_login(organizer)
    data = offline(email="church@example.org", first_name="Grace")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/donations/offline/", data)
    assert response.status_code == 302
    gift = Donation.objects.get(supporter__email="church@example.org")
    assert (gift.status, gift.source, gift.method, gift.recorded_by) == (
        "confirmed",
        "offline",
        "check",
        organizer,
    )
    assert selectors.get_fund_progress(fund).total_cents == before + 120000
    audit = AuditEntry.objects.get(action="donations.offline_gift_recorded", object_id=str(gift.pk))
    assert audit.actor == organizer
    assert gift.supporter.activities.filter(kind="donations.given").exists()
    assert [m.to for m in mailoutbox] == [["church@example.org"]]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "twelve", "Enter an amount in dollars using numbers"),
        ("amount", "0", "Enter an amount above zero."),
        ("received_on", "2999-01-01", "The date cannot be in the future."),
        ("email", "", "A named donor needs an email"),
    ],
)
def test_bad_offline_gifts_are_explained_and_not_stored(
    client, demo, organizer, field, value, message
):
    client.force_login(organizer)
    before = Donation.objects.count()
    response = client.post("/admin/donations/offline/", offline(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Donation.objects.count() == before


def test_an_anonymous_cash_gift_counts_without_a_person(client, demo, organizer):
    client.force_login(organizer)
    data = offline(email="", first_name="", last_name="", method="cash", amount="40")
    client.post("/admin/donations/offline/", data)
    gift = Donation.objects.get(method="cash", amount_cents=4000)
    assert gift.supporter is None


def test_editors_never_see_donations(client, demo, editor):
    client.force_login(editor)
    before = Donation.objects.count()
    for response in (
        client.get("/admin/donations/"),
        client.post("/admin/donations/offline/", offline()),
        client.get("/admin/donations/?export=csv"),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Donation.objects.count() == before


def test_report_shows_totals_per_fund_a_day_chart_and_filters(client, demo, organizer):
    client.force_login(organizer)
    html = client.get("/admin/donations/").content.decode()
    assert "Totals per fund" in html
    assert "LWOP Walk for Life" in html
    assert "<svg" in html and "<rect" in html
    filtered = client.get("/admin/donations/?source=offline").content.decode()
    assert "Check from a congregation" not in filtered  # notes are not listed
    assert (
        filtered.count("<td>Offline: Check</td>")
        == Donation.objects.filter(source="offline", method="check").count()
    )


def test_totals_per_day_are_zero_filled_and_net_of_refunds(demo):
    today = timezone.localdate()
    days = selectors.list_totals_by_day(Donation.objects.all(), days=7, today=today)
    assert len(days) == 7 and days[-1][0] == today
    fund = Fund.objects.get(slug="general")
    Donation.objects.create(
        fund=fund, amount_cents=5000, refunded_cents=1000, status="confirmed", received_on=today
    )
    before = dict(days)[today]
    after = dict(selectors.list_totals_by_day(Donation.objects.all(), days=7, today=today))[today]
    assert after - before == 4000
    assert (
        dict(selectors.list_totals_by_day(Donation.objects.all(), days=7, today=today))[
            today - datetime.timedelta(days=6)
        ]
        >= 0
    )


def test_csv_export_follows_the_filters_and_defuses_formulas(client, demo, organizer):
    client.force_login(organizer)
    client.post("/admin/donations/offline/", offline(send_receipt=""))
    response = client.get("/admin/donations/?source=offline&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    assert "'=cmd|' /C calc'!A0" in text
    assert ",online," not in text
