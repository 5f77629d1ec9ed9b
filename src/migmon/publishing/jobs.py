"""A job's live state in files beside its upload: progress, heartbeat and a cancel request.

Why files and not rows: on SQLite an import holds the database's write lock for its whole transaction, so the
worker could not write a progress row and the web could not write a cancel flag until the import ends; the
files work the same on both databases. The worker's heartbeat thread touches ``heartbeat`` every
:data:`HEARTBEAT_SECONDS`; :func:`reap_stale` marks a job whose heartbeat stopped for :data:`STALE_SECONDS` as
failed, so a killed worker never leaves a job "running" (its transaction died with it: the data is as before).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from migmon.publishing.storage import upload_dir

HEARTBEAT_SECONDS = 2.0
STALE_SECONDS = 30.0


class JobCancelled(Exception):  # noqa: N818 - the name says what happened
    """Raised inside the import when a cancel was requested; the transaction rolls back."""


@dataclass
class Progress:
    """What a job has done so far; ``rows_total`` is known when publishing (the check counted them)."""

    stage: str = ""
    started: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)
    file: str = ""
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    rows_done: int = 0
    rows_total: int = 0

    @property
    def rate(self) -> float:
        """Rows per second since the job started."""
        elapsed = max(self.updated - self.started, 1e-3)
        return self.rows_done / elapsed

    @property
    def seconds_left(self) -> float | None:
        """Time left from the rate of rows, or of bytes when the number of rows is not known yet."""
        elapsed = max(self.updated - self.started, 1e-3)
        if self.rows_total and self.rows_done:
            return max(self.rows_total - self.rows_done, 0) / (self.rows_done / elapsed)
        if self.bytes_total and self.bytes_done:
            return max(self.bytes_total - self.bytes_done, 0) / (self.bytes_done / elapsed)
        return None

    def as_dict(self) -> dict[str, object]:
        shown = asdict(self)
        shown["rate"] = round(self.rate, 1)
        left = self.seconds_left
        shown["seconds_left"] = None if left is None else round(left, 1)
        return shown


def _path(upload_id: int, name: str) -> Path:
    return upload_dir(upload_id) / name


def progress_write(upload_id: int, progress: Progress) -> None:
    """Replace the progress file atomically (a reader never sees half a file)."""
    progress.updated = time.time()
    target = _path(upload_id, "progress.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps(asdict(progress)))
    os.replace(partial, target)


def progress_read(upload_id: int) -> Progress | None:
    try:
        return Progress(**json.loads(_path(upload_id, "progress.json").read_text()))
    except (OSError, ValueError, TypeError):
        return None


def cancel_request(upload_id: int) -> None:
    path = _path(upload_id, "cancel")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def cancel_requested(upload_id: int) -> bool:
    return _path(upload_id, "cancel").exists()


def cancel_clear(upload_id: int) -> None:
    _path(upload_id, "cancel").unlink(missing_ok=True)


def heartbeat_age(upload_id: int) -> float | None:
    """Seconds since the worker last showed life, or None when no worker has started the job."""
    try:
        return time.time() - _path(upload_id, "heartbeat").stat().st_mtime
    except OSError:
        return None


@contextmanager
def heartbeat(upload_id: int) -> Iterator[None]:
    """Touch the heartbeat file from a daemon thread while the body runs; remove it after."""
    path = _path(upload_id, "heartbeat")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                path.touch()
            except OSError:
                return

    thread = threading.Thread(target=beat, name=f"heartbeat-{upload_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        path.unlink(missing_ok=True)


def is_stale(upload_id: int) -> bool:
    """A started job whose worker stopped beating (killed, machine restarted)."""
    age = heartbeat_age(upload_id)
    return age is not None and age > STALE_SECONDS
