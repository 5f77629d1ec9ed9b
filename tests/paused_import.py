"""``python tests/paused_import.py N import PATH…``: run ``migmon import PATH…``, pausing once N records are in.

Run by ``tests/test_import_kill.py`` in a subprocess it then kills. The pause is a wrapper this script installs
around :meth:`~migmon.indicators.release_writer.ReleaseWriter.write_chunk`, in this process only, so
production code carries no test hook: once a chunk has been written inside the open transaction and N records
are in, it prints ``paused after … records`` on stderr and sleeps until the test's SIGKILL.
"""

from __future__ import annotations

import os
import sys
import time

PAUSE_SECONDS = 300


def install_pause(after: int) -> None:
    from migmon.indicators.release_writer import ReleaseWriter

    write_chunk = ReleaseWriter.write_chunk

    def write_then_pause(self: ReleaseWriter, items: list) -> None:
        write_chunk(self, items)
        if self.book.records >= after:
            sys.stderr.write(f"paused after {self.book.records} records\n")
            sys.stderr.flush()
            time.sleep(PAUSE_SECONDS)

    ReleaseWriter.write_chunk = write_then_pause


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migmon.config.settings.production")
    django.setup()
    install_pause(int(argv[1]))
    from migmon import cli

    cli.main(["migmon", *argv[2:]])


if __name__ == "__main__":
    main(sys.argv)
