"""Enqueue background work only once the surrounding transaction has committed."""

from functools import partial

from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """A task sees only committed rows, and a rolled-back request sends nothing."""
    transaction.on_commit(partial(task.enqueue, *args, **kwargs))
