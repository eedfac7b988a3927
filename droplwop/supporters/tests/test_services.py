import threading

import pytest
from django.db import connection

from droplwop.core.models import AuditEntry
from droplwop.supporters import selectors, services
from droplwop.supporters.merging import MergeError, merge_supporters
from droplwop.supporters.models import (
    Activity,
    Subscription,
    SubscriptionStatus,
    Supporter,
    SupporterEmail,
    Tag,
)

pytestmark = pytest.mark.django_db


def test_email_is_normalized_and_matches_one_record():
    first, created = services.find_or_create_supporter(email="  Ana@EXAMPLE.org ", first_name="Ana")
    again, created_again = services.find_or_create_supporter(
        email="ana@example.org", phone="213 555 0100"
    )
    assert created and not created_again
    assert again.pk == first.pk
    again.refresh_from_db()
    assert again.email == "ana@example.org"
    assert again.phone == "213 555 0100"
    assert again.first_name == "Ana"


def test_idna_domain_is_stored_in_ascii():
    supporter, _ = services.find_or_create_supporter(email="José@Bücher.example")
    assert supporter.email == "josé@xn--bcher-kva.example"
    same, created = services.find_or_create_supporter(email="josé@bücher.example")
    assert not created and same.pk == supporter.pk


def test_known_person_costs_one_query(django_assert_max_num_queries):
    services.find_or_create_supporter(email="q@example.org", first_name="Q")
    with django_assert_max_num_queries(1):
        services.find_or_create_supporter(email="q@example.org", first_name="Q")


def test_other_address_finds_the_person():
    supporter, _ = services.find_or_create_supporter(email="main@example.org")
    SupporterEmail.objects.create(supporter=supporter, email="old@example.org")
    found, created = services.find_or_create_supporter(email="OLD@example.org")
    assert not created and found.pk == supporter.pk


@pytest.mark.django_db(transaction=True)
def test_racing_signups_make_one_record():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers; the race needs PostgreSQL")
    results, barrier = [], threading.Barrier(4)

    def sign():
        barrier.wait()
        try:
            results.append(services.find_or_create_supporter(email="race@example.org")[0].pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1
    assert Supporter.objects.filter(email="race@example.org").count() == 1


def test_merge_moves_everything_and_resolves_a_unique_clash(lists, organizer):
    keep, _ = services.find_or_create_supporter(email="keep@example.org", first_name="Lena")
    gone, _ = services.find_or_create_supporter(
        email="l.e.n.a@example.org", last_name="Ortiz", zip_code="90012"
    )
    services.subscribe(supporter=keep, email_list=lists["organizers"], source="a", consent_text="y")
    services.subscribe(supporter=gone, email_list=lists["organizers"], source="b", consent_text="y")
    services.subscribe(
        supporter=gone, email_list=lists["updates"], source="b", consent_text="y", confirmed=True
    )
    services.record_activity(supporter=gone, kind="petitions.signed", summary="Signed")
    tag, _ = Tag.objects.get_or_create(name="test merge tag")
    gone.tags.add(tag)

    summary = merge_supporters(keep=keep, merge=gone, actor=organizer)

    assert not Supporter.objects.filter(pk=gone.pk).exists()
    keep.refresh_from_db()
    assert (keep.last_name, keep.zip_code) == ("Ortiz", "90012")
    assert list(keep.tags.all()) == [tag]
    assert Subscription.objects.filter(supporter=keep).count() == 2
    assert Activity.objects.filter(supporter=keep, kind="petitions.signed").exists()
    assert [d["model"] for d in summary["dropped"]] == ["supporters.subscription"]
    audit = AuditEntry.objects.get(action="supporter.merged")
    assert audit.actor == organizer
    assert audit.data["dropped"][0]["row"]["source"] == "b"
    found, created = services.find_or_create_supporter(email="l.e.n.a@example.org")
    assert not created and found.pk == keep.pk


def test_merge_keeps_a_confirmed_consent_over_a_pending_one(lists, organizer):
    keep, _ = services.find_or_create_supporter(email="k2@example.org")
    gone, _ = services.find_or_create_supporter(email="g2@example.org")
    services.subscribe(supporter=keep, email_list=lists["updates"], source="k", consent_text="y")
    services.subscribe(
        supporter=gone, email_list=lists["updates"], source="g", consent_text="y", confirmed=True
    )
    merge_supporters(keep=keep, merge=gone, actor=organizer)
    subscription = Subscription.objects.get(supporter=keep, email_list=lists["updates"])
    assert (subscription.status, subscription.source) == (SubscriptionStatus.SUBSCRIBED, "g")


def test_merge_into_itself_is_refused(organizer):
    person, _ = services.find_or_create_supporter(email="self@example.org")
    with pytest.raises(MergeError):
        merge_supporters(keep=person, merge=person, actor=organizer)


def test_likely_duplicates():
    services.find_or_create_supporter(email="j.doe@gmail.com")
    services.find_or_create_supporter(email="jdoe+news@googlemail.com")
    services.find_or_create_supporter(
        email="a@example.org", first_name="Rita", last_name="Moe", zip_code="94110"
    )
    services.find_or_create_supporter(
        email="b@example.org", first_name=" rita", last_name="MOE", zip_code="94110"
    )
    services.find_or_create_supporter(email="c@example.org", phone="(415) 555-0199")
    services.find_or_create_supporter(email="d@example.org", phone="+1 415 555 0199")
    services.find_or_create_supporter(
        email="e@example.org", first_name="Rita", last_name="Moe", zip_code="90012"
    )
    found = {
        frozenset((p["first"].email, p["second"].email)): p["reasons"]
        for p in selectors.list_likely_duplicates(limit=100_000)
    }
    assert found[frozenset(("j.doe@gmail.com", "jdoe+news@googlemail.com"))] == ["email"]
    assert found[frozenset(("a@example.org", "b@example.org"))] == ["name_zip"]
    assert found[frozenset(("c@example.org", "d@example.org"))] == ["phone"]
    assert not any("e@example.org" in pair for pair in found)


def test_subscribing_many_follows_the_rules_of_subscribing_one(
    lists, django_capture_on_commit_callbacks, mailoutbox
):
    organizers, updates = lists["organizers"], lists["updates"]
    organizers.double_opt_in = False
    organizers.save()
    people = {
        name: services.find_or_create_supporter(email=f"{name}@example.org", first_name=name)[0]
        for name in ("new", "left", "member", "waiting")
    }
    services.subscribe(
        supporter=people["left"], email_list=organizers, source="form", consent_text="old"
    )
    Subscription.objects.filter(supporter=people["left"]).update(
        status=SubscriptionStatus.UNSUBSCRIBED
    )
    member = services.subscribe(
        supporter=people["member"], email_list=organizers, source="form", consent_text="old"
    )
    before = Activity.objects.count()

    def entry(name, email_list):
        return {
            "supporter": people[name],
            "email_list": email_list,
            "source": "petition:7",
            "consent_text": "Keep me informed",
        }

    with django_capture_on_commit_callbacks(execute=True):
        services.subscribe_many(
            [
                entry("new", organizers),
                entry("new", organizers),  # the same pair twice counts once
                entry("left", organizers),
                entry("member", organizers),
                entry("waiting", updates),  # a double opt-in list
            ]
        )

    def state(name, email_list):
        return Subscription.objects.get(supporter=people[name], email_list=email_list)

    new, back, kept, waiting = (
        state("new", organizers),
        state("left", organizers),
        state("member", organizers),
        state("waiting", updates),
    )
    assert (new.status, new.source, new.consent_text) == (
        "subscribed",
        "petition:7",
        "Keep me informed",
    )
    assert new.confirmed_at is not None
    assert (back.status, back.unsubscribed_at, back.consent_text) == (
        "subscribed",
        None,
        "Keep me informed",
    )
    assert (kept.pk, kept.source, kept.consent_text) == (member.pk, "form", "old")
    assert (waiting.status, waiting.confirmed_at) == ("pending", None)
    lines = Activity.objects.order_by("pk")[before:]
    assert sorted((a.supporter.first_name, a.kind) for a in lines) == [
        ("left", "supporters.subscribed"),
        ("new", "supporters.subscribed"),
        ("waiting", "supporters.subscription_pending"),
    ]
    assert [m.to for m in mailoutbox] == [["waiting@example.org"]]
