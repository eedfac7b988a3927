"""Reads: who a mailing reaches, and how it went."""

from django.db.models import Count, Exists, OuterRef, Q

from droplwop.supporters.models import Activity, Subscription, SubscriptionStatus, Supporter

from .models import Mailing, Send, SendStatus, Suppression


def _consented(email_list_id):
    subscriptions = Subscription.objects.filter(
        supporter=OuterRef("pk"), status=SubscriptionStatus.SUBSCRIBED
    )
    if email_list_id:
        subscriptions = subscriptions.filter(email_list_id=email_list_id)
    return Exists(subscriptions)


def get_audience(mailing: Mailing):
    """Supporters the mailing would reach now: consented, not suppressed, matching the segment."""
    people = (
        Supporter.objects.filter(anonymized_at__isnull=True)
        .filter(_consented(mailing.email_list_id))
        .exclude(Exists(Suppression.objects.filter(supporter=OuterRef("pk"))))
    )
    tag_ids = list(mailing.segment_tags.values_list("pk", flat=True)) if mailing.pk else []
    if tag_ids:
        tagged = Supporter.tags.through.objects.filter(
            supporter_id=OuterRef("pk"), tag_id__in=tag_ids
        )
        people = people.filter(Exists(tagged))
    if mailing.segment_language:
        people = people.filter(preferred_language=mailing.segment_language)
    if mailing.segment_zip_prefix:
        people = people.filter(zip_code__startswith=mailing.segment_zip_prefix.strip())
    if mailing.segment_activity_kind:
        actions = Activity.objects.filter(
            supporter=OuterRef("pk"), kind=mailing.segment_activity_kind.strip()
        )
        if mailing.segment_object_type:
            actions = actions.filter(object_type=mailing.segment_object_type.strip())
        if mailing.segment_object_id:
            actions = actions.filter(object_id=mailing.segment_object_id.strip())
        people = people.filter(Exists(actions))
    return people.order_by()


def count_audience(mailing: Mailing) -> int:
    return get_audience(mailing).count()


def get_batch_recipients(mailing: Mailing, claim_token: str):
    """A claimed batch with what sending needs, checked again against consent and suppression."""
    sends = Send.objects.filter(claim_token=claim_token, status=SendStatus.CLAIMED).order_by("pk")
    consent = Subscription.objects.filter(
        supporter=OuterRef("supporter_id"), status=SubscriptionStatus.SUBSCRIBED
    )
    if mailing.email_list_id:
        consent = consent.filter(email_list_id=mailing.email_list_id)
    return sends.annotate(
        consented=Exists(consent),
        suppressed=Exists(Suppression.objects.filter(supporter=OuterRef("supporter_id"))),
    ).values_list(
        "pk",
        "language",
        "supporter_id",
        "supporter__email",
        "supporter__first_name",
        "supporter__last_name",
        "supporter__city",
        "supporter__anonymized_at",
        "consented",
        "suppressed",
    )


def get_mailing_stats(mailing: Mailing) -> dict:
    delivered = Q(status__in=[SendStatus.SENT, SendStatus.UNCERTAIN])
    waiting = Q(status__in=[SendStatus.QUEUED, SendStatus.CLAIMED, SendStatus.INFLIGHT])
    return Send.objects.filter(mailing=mailing).aggregate(
        recipients=Count("pk"),
        sent=Count("pk", filter=delivered),
        uncertain=Count("pk", filter=Q(status=SendStatus.UNCERTAIN)),
        waiting=Count("pk", filter=waiting),
        failed=Count("pk", filter=Q(status=SendStatus.FAILED)),
        skipped=Count("pk", filter=Q(status=SendStatus.SKIPPED)),
        bounced=Count("pk", filter=Q(bounced_at__isnull=False)),
        complained=Count("pk", filter=Q(complained_at__isnull=False)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )


def has_unfinished_sends(mailing_id: int) -> bool:
    return Send.objects.filter(
        mailing_id=mailing_id,
        status__in=[SendStatus.QUEUED, SendStatus.CLAIMED, SendStatus.INFLIGHT],
    ).exists()


def list_mailings_with_stats(mailings):
    """The admin list's figures, counted in the same query as the mailings."""
    delivered = Q(sends__status__in=[SendStatus.SENT, SendStatus.UNCERTAIN])
    return mailings.annotate(
        stat_sent=Count("sends", filter=delivered),
        stat_failed=Count("sends", filter=Q(sends__status=SendStatus.FAILED)),
        stat_bounced=Count("sends", filter=Q(sends__bounced_at__isnull=False)),
        stat_unsubscribed=Count("sends", filter=Q(sends__unsubscribed_at__isnull=False)),
    )
