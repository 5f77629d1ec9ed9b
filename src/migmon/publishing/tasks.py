"""The background tasks (Django's tasks API, django-tasks backport): the database backend's worker runs them,
started beside the web server by ``make run`` and ``make dev``, stopped with it."""

from __future__ import annotations

from django_tasks import task

from migmon.publishing import runner


@task()
def check_upload_task(upload_id: int) -> None:
    runner.check_upload(upload_id)


@task()
def publish_upload_task(upload_id: int) -> None:
    runner.publish_upload(upload_id)
