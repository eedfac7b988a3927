"""Claiming one send (a message or a reminder to one person) so it goes out once, across workers."""

from django.db import IntegrityError, transaction


def claim(model, **fields) -> object | None:
    """Write the claim row first; a second worker (or a restarted one) finds it and stops."""
    try:
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError:
        return None
