"""The ``migmon`` console script: Django's management commands under short, task-named verbs.

``migmon import PATH…`` runs ``import_data``, ``migmon releases`` runs ``list_releases`` and so on;
any other verb is handed to Django unchanged (``migmon migrate``, ``migmon check``).
"""

from __future__ import annotations

import os
import sys

VERB_TO_COMMAND = {
    "import": "import_data",
    "releases": "list_releases",
    "rollback": "rollback_release",
    "export": "export_observations",
}


def main(argv: list[str] | None = None) -> None:
    """Run one verb with the project's settings, like ``manage.py`` does."""
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migmon.config.settings.production")
    if len(args) > 1 and args[1] in VERB_TO_COMMAND:
        args[1] = VERB_TO_COMMAND[args[1]]
    args[0] = "migmon"
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
