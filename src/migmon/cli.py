"""The ``migmon`` console script: Django's management commands under short, task-named verbs.

``migmon import PATH…`` runs ``import_data``, ``migmon releases`` runs ``list_releases``, ``migmon rollback``
runs ``rollback_release``, ``migmon export`` runs ``export_observations`` and ``migmon validate`` runs
``validate_data``; any other verb is handed to Django unchanged (``migmon migrate``, ``migmon check``). Settings
default to production, like ``make run``.

Bad input ends with a non-zero status and one line on stderr, never a traceback: commands raise
``CommandError`` (Django prints it as one line), and a database that is missing or not migrated is reported
the same way here.
"""

from __future__ import annotations

import os
import sys

VERB_TO_COMMAND = {
    "import": "import_data",
    "releases": "list_releases",
    "rollback": "rollback_release",
    "export": "export_observations",
    "validate": "validate_data",
}

USAGE = """usage: migmon VERB [options]

  migmon import PATH… [--dry-run] [--keep-going]   import data files as releases
         [--area CODE] [--series CODE]            (the area and series of files that name none)
  migmon validate FILE… [--area CODE] [--series CODE] [--format table|json]
         [--sdmx] [--start YEAR] [--end YEAR] [--dimension NAME=CODE] [--release N]
                                                   every problem of files, nothing imported; --sdmx: SDMX-ML
                                                   files, or the selection, against the SDG DSD
  migmon releases [--dataset CODE] [--limit N]     list releases (newest first, 100 by default)
  migmon rollback RELEASE                          roll one release back
  migmon export --series CODE [--area CODE] [--start YEAR] [--end YEAR]   write observations as a file
         [--dimension NAME=CODE] [--release N] [--reporting-type CODE]
         [--format csv|json|sdmx-csv|sdmx-ml] [--output FILE]
  migmon help                                      every other command (migrate, bootstrap, …)
"""


def main(argv: list[str] | None = None) -> None:
    """Run one verb with the project's settings, like ``manage.py`` does."""
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migmon.config.settings.production")
    if len(args) < 2:
        sys.stdout.write(USAGE)
        return
    if args[1] in VERB_TO_COMMAND:
        args[1] = VERB_TO_COMMAND[args[1]]
    args[0] = "migmon"
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(args)
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        hint = (
            "another process held the database's write lock for too long (a large import or publish?); "
            "try again when it has finished"
            if "database is locked" in reason
            else "is DATABASE_URL right, and was `migmon migrate` run?"
        )
        sys.stderr.write(f"migmon: database error: {reason} ({hint})\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("migmon: interrupted; the current import was rolled back\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
