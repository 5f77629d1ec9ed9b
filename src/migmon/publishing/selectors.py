"""Reads of the publishing app: uploads, their files, progress and audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from migmon.publishing import jobs
from migmon.publishing.models import AuditEntry, Upload, UploadFile


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
