"""Giving pages in both languages, the thermometer (total, donors, days left) and the
fundraiser on the home page."""

import datetime

import pytest

from droplwop.donations import selectors
from droplwop.donations.models import Donation, Fund

pytestmark = pytest.mark.django_db


def test_thermometer_counts_confirmed_net_gifts_distinct_donors_and_days_left(demo):
    fund = Fund.objects.create(slug="t", name_en="T", name_es="T", goal=1000)
    fund.ends_on = datetime.date(2030, 1, 11)
    fund.save()
    today = datetime.date(2030, 1, 1)
    common = {"fund": fund, "received_on": today}
    Donation.objects.create(**common, amount_cents=30000, status="confirmed")
    Donation.objects.create(**common, amount_cents=20000, refunded_cents=5000, status="confirmed")
    Donation.objects.create(**common, amount_cents=99900, status="pending")
    Donation.objects.create(**common, amount_cents=99900, status="failed")
    progress = selectors.get_fund_progress(fund, today=today)
    assert progress.total_cents == 45000
    assert progress.donors == 2  # two anonymous gifts; pending and failed ones never count
    assert progress.percent == 45
    assert progress.days_left == 10
    ended = selectors.get_fund_progress(fund, today=datetime.date(2030, 2, 1))
    assert (ended.days_left, ended.ended) == (0, True)


@pytest.mark.parametrize(
    ("path", "texts"),
    [
        ("/en/walk-for-life/", ["raised of a $10,000 goal", "Walkers", "Miguel"]),
        ("/es/caminata-por-la-vida/", ["recaudados de una meta de $10,000", "Caminantes"]),
    ],
)
def test_fundraiser_page_shows_goal_walkers_and_beneficiary(client, demo, path, texts):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    for text in texts:
        assert text in html
    assert "Shriners Children" in html
    assert "<progress" in html
    assert "style=" not in html


@pytest.mark.parametrize(("path", "label"), [("/en/", "Fundraiser"), ("/es/", "Recaudación")])
def test_home_page_shows_the_fundraiser_with_its_progress(client, demo, path, label):
    html = client.get(path).content.decode()
    assert label in html
    assert 'class="progress"' in html


def test_menu_links_to_the_donate_page_in_each_language(client, demo):
    assert 'href="/en/donate/"' in client.get("/en/").content.decode()
    assert 'href="/es/donar/"' in client.get("/es/").content.decode()
