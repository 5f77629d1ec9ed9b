"""``python tests/paused_import.py PATH N``: import PATH, and pause inside the open transaction after N records.

Run by ``tests/test_import_kill.py`` in a subprocess it then kills. The pause is the loader's ordinary
``progress`` callback (called after each chunk is written), so production code carries no test hook: once N
records are written it prints ``paused after … records`` on stderr and sleeps until the test's SIGKILL.
"""

from __future__ import annotations

import sys
import time


def main(path: str, after: int, *, seconds: float = 300) -> None:
    import django

    django.setup()
    from migmon.indicators.services import FileSource, release_import

    written = 0

    def pause_once_past(count: int) -> None:
        nonlocal written
        written += count
        if written >= after:
            sys.stderr.write(f"paused after {written} records\n")
            sys.stderr.flush()
            time.sleep(seconds)

    release_import(source=FileSource(path), progress=pause_once_past)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
