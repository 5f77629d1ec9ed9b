"""A few printing slots per machine, shared by every server process: at most N PDFs are printed at once.

WeasyPrint takes a core for a second or more per profile; without a bound, a burst of PDF requests takes every
worker thread and every core, and the pages wait behind them. A slot is an exclusive ``flock`` on one of N files
in a folder (``var/print-slots/`` in production): the kernel arbitrates between processes and threads alike
(each attempt opens its own file description), and a process that dies releases its slot with its descriptors,
so no count can leak. Instances on other machines have slots of their own.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POLL_SECONDS = 0.05


class NoSlotFree(Exception):
    """Every slot stayed taken for the whole wait."""


def _try_slot(directory: Path, index: int) -> int | None:
    """The open, locked descriptor of slot ``index``, or None when another holder has it."""
    descriptor = os.open(directory / f"slot-{index}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


@contextmanager
def print_slot(directory: Path, slots: int, wait_seconds: float) -> Iterator[None]:
    """Hold one of ``slots`` slots in ``directory`` for the ``with`` block; :class:`NoSlotFree` after the wait."""
    directory.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        for index in range(max(1, slots)):
            descriptor = _try_slot(directory, index)
            if descriptor is not None:
                try:
                    yield
                finally:
                    os.close(descriptor)  # closing the last descriptor releases the lock
                return
        if time.monotonic() >= deadline:
            raise NoSlotFree
        time.sleep(POLL_SECONDS)
