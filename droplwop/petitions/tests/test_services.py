import threading

import pytest
from django.core import mail
from django.db import connection

from droplwop.core.models import AuditEntry
from droplwop.petitions import selectors, services
from droplwop.petitions.links import signature_from_token
from droplwop.petitions.models import Petition, Signature
from droplwop.supporters.models import Activity, Subscription


def sign(petition, email="ana@example.org", **kwargs):
    return services.sign_petition(
        petition=petition,
        email=email,
        first_name="Ana",
        last_name="O'Brien",
        zip_code="90011",
        **kwargs,
    )


def test_signing_counts_once_and_lands_on_the_timeline(petition):
    result = sign(petition, wants_updates=True, consent_text="Keep me informed")
    assert result.outcome == "signed"
    assert selectors.count_signatures(petition) == 1
    supporter = result.signature.supporter
    assert Activity.objects.filter(supporter=supporter, kind="petitions.signed").count() == 1
    subscription = Subscription.objects.get(supporter=supporter, email_list=petition.email_list)
    assert subscription.consent_text == "Keep me informed"
    assert subscription.source == f"petition:{petition.pk}"

    again = sign(petition, email="  ANA@example.org ")
    assert again.outcome == "already"
    assert again.signature.pk == result.signature.pk
    assert selectors.count_signatures(petition) == 1
    assert Signature.objects.filter(petition=petition).count() == 1


def test_paper_signatures_add_to_the_total(petition, organizer):
    sign(petition)
    services.set_paper_count(petition=petition, count=250, actor=organizer)
    assert selectors.count_signatures(Petition.objects.get(pk=petition.pk)) == 251
    assert AuditEntry.objects.filter(action="petitions.paper_count_set").exists()


def test_a_closed_petition_stores_nothing(closed):
    with pytest.raises(services.PetitionClosed):
        sign(closed)
    assert not Signature.objects.filter(petition=closed).exists()


def test_confirmation_email_in_the_signers_language_then_counted_once(
    petition, django_capture_on_commit_callbacks
):
    petition.confirmation_required = True
    petition.save()
    with django_capture_on_commit_callbacks(execute=True):
        result = sign(petition, language="es")
    assert result.outcome == "confirm"
    assert selectors.count_signatures(petition) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert "Confirma tu firma" in message.subject or "confirma" in message.body.lower()
    token = message.body.split("/es/petitions/confirm/")[1].split("/")[0]
    signature = signature_from_token("confirm", token)
    assert signature.pk == result.signature.pk
    assert services.confirm_signature(signature=signature) is True
    assert services.confirm_signature(signature=signature) is False
    assert selectors.count_signatures(petition) == 1


def test_removing_a_signature_is_audited_and_uncounted(petition, organizer):
    result = sign(petition)
    services.remove_signature(signature=result.signature, actor=organizer, reason="asked")
    assert selectors.count_signatures(petition) == 0
    entry = AuditEntry.objects.get(action="petitions.signature_removed")
    assert entry.actor == organizer
    assert entry.data["reason"] == "asked"


def test_delivery_list_is_confirmed_signers_in_order(petition):
    sign(petition, email="first@example.org", comment="Bring them home")
    petition.confirmation_required = True
    petition.save()
    sign(petition, email="unconfirmed@example.org")
    rows = list(selectors.list_signers_for_delivery(petition))
    assert rows == [{"name": "Ana O'Brien", "city": "", "comment": "Bring them home"}]


def test_updates_go_to_confirmed_signers_who_opted_in(
    petition, organizer, smtp_server, django_capture_on_commit_callbacks
):
    from droplwop.petitions.models import PetitionUpdate

    sign(petition, email="yes@example.org", wants_updates=True, language="es")
    sign(petition, email="no@example.org", wants_updates=False)
    update = PetitionUpdate.objects.create(
        petition=petition,
        title_en="Delivered",
        title_es="Entregada",
        body_en="We delivered it.",
        body_es="La entregamos.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_update(update=update, actor=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_update(update=update, actor=organizer)
    assert len(smtp_server.messages) == 1
    assert smtp_server.to("yes@example.org")
    assert "Entregada" in str(smtp_server.messages[0])


@pytest.mark.django_db(transaction=True)
def test_concurrent_signing_with_one_email_counts_once(petition):
    barrier = threading.Barrier(6)
    outcomes = []

    def worker():
        try:
            barrier.wait()
            outcomes.append(
                sign(Petition.objects.get(pk=petition.pk), email="race@example.org").outcome
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already"] * 5 + ["signed"]
    assert Signature.objects.filter(petition=petition).count() == 1
    assert selectors.count_signatures(petition) == 1
