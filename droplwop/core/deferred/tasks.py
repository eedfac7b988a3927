"""The filing task of core.deferred."""

from django_tasks import task

from . import file_pending


@task()
def file_pending_task() -> None:
    file_pending()
