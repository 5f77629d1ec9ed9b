"""Where staged uploads live: one folder per upload under ``MIGMON_UPLOADS_DIR``, never served to the public.

The folder holds the files as uploaded and the job's live state (:mod:`migmon.publishing.jobs`); discarding
the upload deletes it. A published file stays, so the release's original can be downloaded.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename


def upload_dir(upload_id: int) -> Path:
    return Path(settings.MIGMON_UPLOADS_DIR) / str(upload_id)


def store(upload_id: int, number: int, uploaded: UploadedFile) -> tuple[Path, int, str]:
    """Copy an uploaded file into the upload's folder; its path, size and sha256."""
    folder = upload_dir(upload_id) / f"{number:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    # One folder per file, so that the staged copy keeps the uploaded name the release and the report show.
    path = folder / get_valid_filename(Path(uploaded.name or "file").name)[:200]
    digest = hashlib.sha256()
    size = 0
    with path.open("wb") as out:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return path, size, digest.hexdigest()


def remove(upload_id: int) -> None:
    shutil.rmtree(upload_dir(upload_id), ignore_errors=True)
