"""Work done after the request: load by id, call a service or the mailer."""

from django_tasks import task

from . import delivery, mailer
from .models import DeliveryFile, PetitionUpdate, Signature


@task()
def send_confirmation_task(signature_id: int) -> None:
    signature = (
        Signature.objects.select_related("petition", "supporter").filter(pk=signature_id).first()
    )
    if signature is None or signature.is_confirmed:
        return
    mailer.send_confirmation(signature)


@task()
def send_already_signed_task(signature_id: int) -> None:
    signature = (
        Signature.objects.select_related("petition", "supporter").filter(pk=signature_id).first()
    )
    if signature is not None and not signature.supporter.anonymized_at:
        mailer.send_already_signed(signature)


@task()
def send_update_task(update_id: int) -> None:
    update = PetitionUpdate.objects.select_related("petition").filter(pk=update_id).first()
    if update is not None:
        mailer.send_update(update)


@task()
def build_delivery_task(delivery_id: int) -> None:
    delivery_file = DeliveryFile.objects.select_related("petition").filter(pk=delivery_id).first()
    if delivery_file is not None:
        delivery.build(delivery_file)
