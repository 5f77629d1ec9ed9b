"""Reads of the publishing app: uploads, their files, progress and audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from migmon.publishing import jobs
from migmon.publishing.models import AuditAction, AuditEntry, Upload, UploadFile


def uploads_list() -> QuerySet[Upload]:
    return Upload.objects.select_related("created_by", "published_by").prefetch_related("files")


def upload_get(*, pk: int) -> Upload:
    return uploads_list().get(pk=pk)


def upload_progress(upload: Upload) -> dict[str, object] | None:
    progress = jobs.progress_read(upload.pk)
    return None if progress is None else progress.as_dict()


def upload_file_get(*, upload: Upload, pk: int) -> UploadFile:
    return upload.files.get(pk=pk)


def audit_list() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("user", "upload")


def release_original(release_id: int) -> UploadFile | None:
    """The uploaded file a release was published from (None for releases imported on the command line)."""
    return UploadFile.objects.filter(release_id=release_id).select_related("upload").first()


def release_publishers(release_ids: list[int]) -> dict[int, str]:
    """Who published each release through the web (the audit log's publish entries)."""
    entries = AuditEntry.objects.filter(action=AuditAction.PUBLISH, release_id__in=release_ids)
    return {
        release_id: username
        for release_id, username in entries.values_list("release_id", "user__username")
        if release_id is not None
    }


def releases_published_by(username: str) -> list[int]:
    entries = AuditEntry.objects.filter(action=AuditAction.PUBLISH, user__username=username)
    return [pk for pk in entries.values_list("release_id", flat=True) if pk is not None]
