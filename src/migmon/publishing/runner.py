"""The two jobs an upload goes through, run by the background worker: check (the real import, rolled back)
and publish (the same import, committed).

Both run the loader's one entry point, :func:`~migmon.indicators.services.release_import`, so the check judges
exactly what publishing would do. The check always imports with ``keep_going`` so that every bad row is
reported and the good ones are counted; the upload is then refused when it has errors and the data manager did
not ask to keep going. Publishing runs all the upload's files in one transaction: a failure, a cancel or a
killed worker leaves the published data exactly as before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from migmon.core.sqlite_writes import checkpoint, one_import_at_a_time
from migmon.indicators.release_changes import release_changes, release_kept
from migmon.indicators.services import (
    FileSource,
    ImportFailed,
    ImportResult,
    ImportStatus,
    read_options,
    release_import,
)
from migmon.publishing import jobs
from migmon.publishing.models import AuditAction, AuditEntry, Upload, UploadFile, UploadStatus

logger = logging.getLogger(__name__)

#: Changed values kept per file for the preview table; all are counted.
MAX_CHANGES = 5000
#: Least time between two writes of the progress file.
PROGRESS_EVERY_SECONDS = 0.2

Observer = Callable[[jobs.Progress], None]


class _Tracker:
    """The loader's progress callback: counts rows, writes the progress file, and honours a cancel."""

    def __init__(self, upload: Upload, files: list[UploadFile], stage: str, observe: Observer | None) -> None:
        self.upload_id = upload.pk
        self.observe = observe
        self.progress = jobs.Progress(
            stage=stage,
            files_total=len(files),
            bytes_total=sum(f.size for f in files),
            rows_total=sum(f.records for f in files) if stage == "publish" else 0,
        )
        self._written = 0.0
        self.write()

    def write(self) -> None:
        jobs.progress_write(self.upload_id, self.progress)
        self._written = self.progress.updated

    def file_started(self, upload_file: UploadFile) -> None:
        self.progress.file = upload_file.name
        self._write_now_and_then()

    def file_done(self, upload_file: UploadFile) -> None:
        self.progress.files_done += 1
        self.progress.bytes_done += upload_file.size
        if self.progress.files_done == self.progress.files_total:
            self.write()
        else:
            self._write_now_and_then()

    def _write_now_and_then(self) -> None:
        """Write at most every :data:`PROGRESS_EVERY_SECONDS`: 23 small files took 46 file replacements."""
        if time.time() - self._written >= PROGRESS_EVERY_SECONDS:
            self.write()

    def __call__(self, rows: int) -> None:
        self.progress.rows_done += rows
        if jobs.cancel_requested(self.upload_id):
            raise jobs.JobCancelled
        if self.observe is not None:
            self.observe(self.progress)
        if time.time() - self._written >= PROGRESS_EVERY_SECONDS:
            self.write()


def _source(upload_file: UploadFile) -> FileSource:
    upload = upload_file.upload
    options = read_options(area=upload.area or None, series=upload.series or None)
    return FileSource(Path(upload_file.stored), options=options)


def _problem_rows(messages: list[str], name: str) -> list[dict[str, Any]]:
    return [{"severity": "error", "file": name, "message": message} for message in messages]


def _record_check(upload_file: UploadFile, result: ImportResult, keep_going: bool) -> None:
    upload_file.dataset = result.dataset
    upload_file.message = result.message
    upload_file.records = result.records
    upload_file.added, upload_file.changed = result.added, result.changed
    upload_file.unchanged, upload_file.rejected = result.unchanged, result.rejected
    upload_file.problems = result.problems
    if result.status == ImportStatus.NO_OP:
        upload_file.outcome = "already imported"
    elif upload_file.errors and not keep_going:
        upload_file.outcome = "refused"
    else:
        upload_file.outcome = "ready"


def _check_file(upload: Upload, upload_file: UploadFile, tracker: _Tracker) -> None:
    source = _source(upload_file)
    try:
        with transaction.atomic():
            result = release_import(source=source, keep_going=True, progress=tracker)
            if result.release is not None:
                changes = release_changes(result.release)
                kept: list[dict[str, Any]] = []
                total = 0
                for change in changes:
                    total += 1
                    if len(kept) < MAX_CHANGES:
                        kept.append(asdict(change))
                upload_file.changes, upload_file.changes_total = kept, total
                upload_file.kept = release_kept(result.release)
            transaction.set_rollback(True)
    except ImportFailed as failed:
        upload_file.outcome = "refused"
        upload_file.message = str(failed)
        upload_file.problems = _problem_rows(failed.problems, upload_file.name)
        return
    upload_file.format_name = source.format_name
    _record_check(upload_file, result, upload.keep_going)


def _finish(upload: Upload, status: str, reason: str = "") -> None:
    upload.status = status
    upload.reason = reason
    upload.finished_at = timezone.now()
    upload.save(update_fields=["status", "reason", "finished_at"])


def check_upload(upload_id: int, *, observe: Observer | None = None) -> None:
    """Check every file of the upload and store its report and preview; nothing published changes."""
    upload = Upload.objects.get(pk=upload_id)
    if upload.status != UploadStatus.CHECKING:
        return
    files = list(upload.files.all())
    with jobs.heartbeat(upload_id), one_import_at_a_time(f"checking upload #{upload_id}", notify=logger.info):
        tracker = _Tracker(upload, files, "check", observe)
        try:
            for upload_file in files:
                tracker.file_started(upload_file)
                _check_file(upload, upload_file, tracker)
                upload_file.save()
                tracker.file_done(upload_file)
        except jobs.JobCancelled:
            _finish(upload, UploadStatus.CANCELLED, "cancelled while checking")
            return
        except Exception as exc:
            logger.exception("checking upload #%s failed", upload_id)
            _finish(upload, UploadStatus.FAILED, f"the check stopped: {exc}")
            return
    refused = any(f.outcome == "refused" for f in files)
    _finish(upload, UploadStatus.REFUSED if refused else UploadStatus.CHECKED)


def publish_upload(upload_id: int, *, observe: Observer | None = None) -> None:
    """Import every file of the upload for real, all in one transaction, and record it in the audit log."""
    upload = Upload.objects.get(pk=upload_id)
    if upload.status != UploadStatus.PUBLISHING:
        return
    files = list(upload.files.all())
    with jobs.heartbeat(upload_id), one_import_at_a_time(f"publishing upload #{upload_id}", notify=logger.info):
        tracker = _Tracker(upload, files, "publish", observe)
        try:
            with transaction.atomic():
                for upload_file in files:
                    tracker.file_started(upload_file)
                    result = release_import(source=_source(upload_file), keep_going=upload.keep_going, progress=tracker)
                    _record_check(upload_file, result, upload.keep_going)
                    upload_file.outcome = "published" if result.status == ImportStatus.IMPORTED else result.status
                    upload_file.release_id = result.release.pk if result.release is not None else None
                    upload_file.save()
                    _audit_publish(upload, upload_file)
                    tracker.file_done(upload_file)
                upload.published_at = timezone.now()
                upload.save(update_fields=["published_at"])
        except jobs.JobCancelled:
            _finish(upload, UploadStatus.CANCELLED, "cancelled while publishing; nothing was published")
            return
        except ImportFailed as failed:
            _finish(upload, UploadStatus.FAILED, f"nothing was published: {failed}")
            return
        except Exception as exc:
            logger.exception("publishing upload #%s failed", upload_id)
            _finish(upload, UploadStatus.FAILED, f"nothing was published: {exc}")
            return
    _finish(upload, UploadStatus.PUBLISHED)
    checkpoint()  # here, in the job, so that no web request copies the write-ahead log of a large publish


def _audit_publish(upload: Upload, upload_file: UploadFile) -> None:
    AuditEntry.objects.create(
        action=AuditAction.PUBLISH,
        user_id=upload.published_by_id,
        upload=upload,
        release_id=upload_file.release_id,
        file_name=upload_file.name,
        sha256=upload_file.sha256,
        counts=file_counts(upload_file),
        note=upload_file.message,
    )


def file_counts(upload_file: UploadFile) -> dict[str, int]:
    return {
        "added": upload_file.added,
        "changed": upload_file.changed,
        "unchanged": upload_file.unchanged,
        "kept": upload_file.kept,
        "rejected": upload_file.rejected,
    }
