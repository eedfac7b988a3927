"""Work done outside the request: each task loads by id and calls a service."""

from django.conf import settings
from django_tasks import task

from droplwop.core.emails import send_templated_email

from .import_run import run_import, run_preview
from .links import confirmation_path, preferences_path
from .models import EmailList, Subscription, SubscriptionStatus, Supporter


@task()
def send_confirmation_task(supporter_id: int, list_ids: list[int], language: str) -> int:
    supporter = Supporter.objects.filter(pk=supporter_id, anonymized_at__isnull=True).first()
    if supporter is None:
        return 0
    still_pending = Subscription.objects.filter(
        supporter=supporter, email_list_id__in=list_ids, status=SubscriptionStatus.PENDING
    ).values_list("email_list_id", flat=True)
    lists = list(EmailList.objects.filter(pk__in=still_pending))
    if not lists:
        return 0
    return send_templated_email(
        "supporters/emails/confirm",
        {
            "supporter": supporter,
            "list_names": [email_list.name_in(language) for email_list in lists],
            "confirm_url": settings.SITE_URL
            + confirmation_path(supporter, [email_list.pk for email_list in lists], language),
            "preferences_url": settings.SITE_URL + preferences_path(supporter, language),
        },
        to=supporter.email,
        language=language,
    )


@task()
def run_import_task(job_id: int) -> str:
    return run_import(job_id=job_id).status


@task()
def preview_import_task(job_id: int) -> str:
    return run_preview(job_id=job_id).status
