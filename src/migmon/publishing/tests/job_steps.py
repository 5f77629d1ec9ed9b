"""``python -m migmon.publishing.tests.job_steps STEP …``: one step of an upload's life in its own process, for
``test_worker_kill.py`` (which runs a real ``db_worker`` beside): ``stage PATH`` prints the new upload's id,
``publish ID`` enqueues its publication, ``reap`` marks jobs whose worker stopped as failed."""

from __future__ import annotations

import sys


def main(step: str, *args: str) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from migmon.publishing.models import Upload
    from migmon.publishing.services import jobs_reap, upload_create, upload_publish

    user, _ = get_user_model().objects.get_or_create(username="kill-test")
    if step == "stage":
        with open(args[0], "rb") as handle:
            staged = SimpleUploadedFile(args[0].rsplit("/", 1)[-1], handle.read())
        sys.stdout.write(f"{upload_create(user=user, files=[staged]).pk}\n")
    elif step == "publish":
        upload_publish(upload=Upload.objects.get(pk=int(args[0])), user=user)
    elif step == "reap":
        sys.stdout.write(f"{jobs_reap()}\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
