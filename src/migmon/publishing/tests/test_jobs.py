"""An upload's life on the real 10.7.3 file: check (nothing written), report, preview, publish, no-op, discard,
cancel, four-eyes, the stale-heartbeat reaper and a rollback with the CLI's refusal rule."""

from __future__ import annotations

import os
import time

import pytest
from django.utils import translation

from migmon.indicators.models import Observation, Release, ReleaseStatus
from migmon.publishing import jobs, runner, storage
from migmon.publishing.models import AuditAction, AuditEntry, UploadStatus
from migmon.publishing.services import (
    PublishingRefused,
    RollbackRefused,
    jobs_reap,
    release_rollback_audited,
    upload_cancel,
    upload_create,
    upload_discard,
    upload_publish,
)

pytestmark = pytest.mark.django_db

BAD_ROW = '2021,"SM_DTH_MIGR","Atlantis",7\n'


def albania_2020() -> float | None:
    return Observation.objects.get(series__code="SM_DTH_MIGR", area__iso3="ALB", period="2020").value


def test_the_check_reports_a_bad_row_and_writes_nothing(published, manager, indicator_file):
    upload = upload_create(user=manager, files=[indicator_file(albania=4, extra=BAD_ROW)])

    upload.refresh_from_db()
    checked = upload.files.get()
    assert upload.status == UploadStatus.REFUSED
    errors = [p for p in checked.problems if p["severity"] == "error"]
    assert len(errors) == 1
    assert errors[0]["file"] == "indicator_10-7-3.csv" and errors[0]["row"] == 183
    assert errors[0]["value"] == "Atlantis"
    assert (checked.changed, checked.rejected) == (1, 1)
    assert albania_2020() == 3
    assert Release.objects.count() == 1


def test_a_fixed_file_previews_exactly_one_change_and_publishes_it(published, manager, indicator_file):
    upload = upload_create(user=manager, files=[indicator_file(albania=4)])
    upload.refresh_from_db()
    checked = upload.files.get()

    assert upload.status == UploadStatus.CHECKED
    assert (checked.added, checked.changed, checked.unchanged, checked.kept) == (0, 1, 180, 0)
    assert [(c["area"], c["period"], c["old"]["value"], c["new"]["value"]) for c in checked.changes] == [
        ("ALB", "2020", 3, 4)
    ]
    assert albania_2020() == 3  # the check wrote nothing

    upload_publish(upload=upload, user=manager)

    upload.refresh_from_db()
    assert upload.status == UploadStatus.PUBLISHED and upload.published_by == manager
    assert albania_2020() == 4
    release = Release.objects.get(pk=upload.files.get().release_id)
    assert release.changed == 1 and release.file_name == "indicator_10-7-3.csv"
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "file_name", "sha256"))
    assert actions == [
        (AuditAction.UPLOAD, "indicator_10-7-3.csv", checked.sha256),
        (AuditAction.PUBLISH, "indicator_10-7-3.csv", checked.sha256),
    ]


def test_the_same_file_again_is_a_no_op_that_says_so(published, manager, data_dir):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import INDICATOR

    same = SimpleUploadedFile("indicator_10-7-3.csv", (data_dir / INDICATOR).read_bytes())
    upload = upload_create(user=manager, files=[same])
    checked = upload.files.get()

    assert checked.outcome == "already imported"
    assert f"release #{published.pk}" in checked.message
    upload_publish(upload=upload, user=manager)
    assert Release.objects.count() == 1


def test_four_eyes_refuses_the_uploader(settings, published, manager, second_manager, indicator_file):
    settings.MIGMON_PUBLISH_FOUR_EYES = True
    upload = upload_create(user=manager, files=[indicator_file(albania=4)])

    with translation.override("en"), pytest.raises(PublishingRefused, match="Four-eyes"):
        upload_publish(upload=upload, user=manager)
    assert albania_2020() == 3
    upload_publish(upload=upload, user=second_manager)
    assert albania_2020() == 4


def test_a_refused_upload_cannot_be_published_and_discard_deletes_its_files(published, manager, indicator_file):
    upload = upload_create(user=manager, files=[indicator_file(albania=4, extra=BAD_ROW)])
    folder = storage.upload_dir(upload.pk)
    assert folder.exists()

    with pytest.raises(PublishingRefused):
        upload_publish(upload=upload, user=manager)
    upload_discard(upload=upload, user=manager)

    assert not folder.exists()
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DISCARDED
    assert AuditEntry.objects.filter(action=AuditAction.DISCARD).count() == 1
    with pytest.raises(PublishingRefused):
        upload_discard(upload=upload, user=manager)


def test_keep_going_publishes_the_good_rows(published, manager, indicator_file):
    upload = upload_create(user=manager, files=[indicator_file(albania=4, extra=BAD_ROW)], keep_going=True)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.CHECKED

    upload_publish(upload=upload, user=manager)

    assert albania_2020() == 4
    assert Release.objects.get(pk=upload.files.get().release_id).rejected == 1


def test_a_cancelled_publication_leaves_the_data_as_before(published, manager, indicator_file):
    upload = upload_create(user=manager, files=[indicator_file(albania=4)])
    upload.refresh_from_db()
    upload.status = UploadStatus.PUBLISHING
    upload.save()
    jobs.cancel_request(upload.pk)

    runner.publish_upload(upload.pk)

    upload.refresh_from_db()
    assert upload.status == UploadStatus.CANCELLED and "nothing was published" in upload.reason
    assert albania_2020() == 3 and Release.objects.count() == 1


def test_progress_counts_rows_and_the_cancel_request_needs_a_running_job(published, manager, indicator_file):
    upload = upload_create(user=manager, files=[indicator_file(albania=4)])
    progress = jobs.progress_read(upload.pk)

    assert progress is not None and progress.stage == "check"
    assert (progress.rows_done, progress.files_done, progress.files_total) == (181, 1, 1)
    assert progress.bytes_done == progress.bytes_total == upload.files.get().size
    with pytest.raises(PublishingRefused):
        upload_cancel(upload=upload, user=manager)


def test_the_reaper_fails_a_job_whose_worker_stopped_beating(published, manager, indicator_file):
    upload = upload_create(user=manager, files=[indicator_file(albania=4)])
    upload.refresh_from_db()
    upload.status = UploadStatus.PUBLISHING
    upload.save()
    beat = storage.upload_dir(upload.pk) / "heartbeat"
    beat.touch()
    assert jobs_reap() == 0  # alive

    old = time.time() - jobs.STALE_SECONDS - 1
    os.utime(beat, (old, old))

    assert jobs_reap() == 1
    upload.refresh_from_db()
    assert upload.status == UploadStatus.FAILED and "worker stopped" in upload.reason


def test_rollback_keeps_the_cli_refusal_rule_and_is_audited(published, manager, indicator_file):
    upload = upload_create(user=manager, files=[indicator_file(albania=4)])
    upload_publish(upload=upload, user=manager)
    later = Release.objects.get(pk=upload.files.get().release_id)

    with pytest.raises(RollbackRefused, match=f"#{later.pk}"):
        release_rollback_audited(release=published, user=manager)
    release_rollback_audited(release=later, user=manager)

    assert albania_2020() == 3
    later.refresh_from_db()
    assert later.status == ReleaseStatus.ROLLED_BACK
    entry = AuditEntry.objects.get(action=AuditAction.ROLLBACK)
    assert entry.release_id == later.pk and entry.counts == {"restored": 181, "removed": 0}
