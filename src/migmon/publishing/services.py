"""Writes of the publishing app: stage an upload, publish, discard, cancel, roll back — each one audited.

The jobs themselves are in :mod:`migmon.publishing.runner`; these functions change an upload's status with a
conditional update (two clicks or two systems cannot start the same job twice) and enqueue the job.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migmon.importers.options import ReadOptions
from migmon.indicators.models import Release
from migmon.indicators.services import RollbackRefused, RollbackResult, release_rollback
from migmon.publishing import jobs, storage
from migmon.publishing.models import RUNNING, AuditAction, AuditEntry, Upload, UploadFile, UploadStatus
from migmon.publishing.tasks import check_upload_task, publish_upload_task

#: Stored in English like the runner's reasons (the log and the API show them as written).
WORKER_STOPPED = "The worker stopped during the job; the published data is as it was before."


class PublishingRefused(Exception):  # noqa: N818 - the name says what happened
    """The action is not allowed in the upload's state or for this user; the message says why, ``parameter``
    which of the caller's inputs is at fault (``files``, ``area``, ``series``)."""

    def __init__(self, message: str, parameter: str = "files") -> None:
        super().__init__(message)
        self.parameter = parameter


def _option_refusal(option: str, value: str) -> str:
    """Why an import option cannot be used, in the user's language."""
    if option == "series":
        return _("Series %(value)s: expected an SDG series code: capitals, digits and _ (SM_POP_REFG_OR).") % {
            "value": value
        }
    return _("Area %(value)s: expected an area code or name of at most 80 printable characters.") % {"value": value}


def upload_limit_bytes() -> int:
    return int(settings.MIGMON_UPLOAD_MAX_MB) * 1024 * 1024


def upload_create(
    *, user: User, files: Iterable[UploadedFile], keep_going: bool = False, area: str = "", series: str = ""
) -> Upload:
    """Stage the files, record the upload in the audit log, and enqueue its check; ``area`` and ``series`` are
    the CLI's ``--area`` and ``--series`` (for files that name none)."""
    files = list(files)
    if not files:
        raise PublishingRefused(_("Choose at least one file."))
    area, series = area.strip(), series.strip()
    for option, value, _rule in ReadOptions(area=area, series=series).problems():
        raise PublishingRefused(_option_refusal(option, value), parameter=option)
    limit = upload_limit_bytes()
    for uploaded in files:
        if uploaded.size is not None and uploaded.size > limit:
            raise PublishingRefused(
                _("%(name)s is larger than the limit of %(limit)s MB.")
                % {"name": uploaded.name, "limit": settings.MIGMON_UPLOAD_MAX_MB}
            )
    with transaction.atomic():
        upload = Upload.objects.create(created_by=user, keep_going=keep_going, area=area, series=series)
        for number, uploaded in enumerate(files, start=1):
            path, size, sha256 = storage.store(upload.pk, number, uploaded)
            staged = UploadFile.objects.create(
                upload=upload, name=path.name, stored=str(path), size=size, sha256=sha256
            )
            _audit(AuditAction.UPLOAD, user, upload, file_name=staged.name, sha256=sha256, counts={"bytes": size})
        check_upload_task.enqueue(upload.pk)
    return upload


def upload_publish(*, upload: Upload, user: User) -> Upload:
    """Enqueue the publication of a checked upload; with the four-eyes rule, not by the person who uploaded."""
    if settings.MIGMON_PUBLISH_FOUR_EYES and upload.created_by_id == user.pk:
        raise PublishingRefused(_("Four-eyes rule: another data manager must publish what you uploaded."))
    with transaction.atomic():
        moved = Upload.objects.filter(pk=upload.pk, status=UploadStatus.CHECKED).update(
            status=UploadStatus.PUBLISHING, published_by=user, reason=""
        )
        if not moved:
            raise PublishingRefused(_("Only a checked upload can be published."))
        jobs.cancel_clear(upload.pk)
        publish_upload_task.enqueue(upload.pk)
    upload.refresh_from_db()
    return upload


def upload_discard(*, upload: Upload, user: User) -> Upload:
    """Delete the staged files of an upload that is not published nor being worked on."""
    open_states = (UploadStatus.CHECKED, UploadStatus.REFUSED, UploadStatus.FAILED, UploadStatus.CANCELLED)
    with transaction.atomic():
        if not Upload.objects.filter(pk=upload.pk, status__in=open_states).update(status=UploadStatus.DISCARDED):
            raise PublishingRefused(_("Only an upload that is not published nor running can be discarded."))
        for staged in upload.files.all():
            _audit(AuditAction.DISCARD, user, upload, file_name=staged.name, sha256=staged.sha256)
    storage.remove(upload.pk)
    upload.refresh_from_db()
    return upload


def upload_cancel(*, upload: Upload, user: User) -> None:
    """Ask the running job to stop; it rolls its transaction back at the next chunk."""
    upload.refresh_from_db(fields=["status"])
    if upload.status not in RUNNING:
        raise PublishingRefused(_("Only a running job can be cancelled."))
    jobs.cancel_request(upload.pk)
    _audit(AuditAction.CANCEL, user, upload)


def jobs_reap() -> int:
    """Mark as failed every job whose worker stopped beating; its transaction died with it."""
    reaped = 0
    for upload in Upload.objects.filter(status__in=RUNNING):
        if jobs.is_stale(upload.pk):
            reaped += Upload.objects.filter(pk=upload.pk, status=upload.status).update(
                status=UploadStatus.FAILED,
                reason=WORKER_STOPPED,
                finished_at=timezone.now(),
            )
    return reaped


def release_rollback_audited(*, release: Release, user: User) -> RollbackResult:
    """Roll a release back with the CLI's refusal rule (RollbackRefused) and record it."""
    result = release_rollback(release=release)
    _audit(
        AuditAction.ROLLBACK,
        user,
        None,
        release_id=release.pk,
        file_name=release.file_name,
        sha256=release.sha256,
        counts={"restored": result.restored, "removed": result.removed},
    )
    return result


def _audit(action: str, user: User, upload: Upload | None, **fields: object) -> AuditEntry:
    return AuditEntry.objects.create(action=action, user_id=user.pk, upload=upload, **fields)


__all__ = [
    "PublishingRefused",
    "RollbackRefused",
    "jobs_reap",
    "release_rollback_audited",
    "upload_cancel",
    "upload_create",
    "upload_discard",
    "upload_publish",
]
