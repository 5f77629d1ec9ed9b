"""``migmon rollback RELEASE``: undo one release (restore what it replaced, remove what it added)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from migmon.indicators.models import Release
from migmon.indicators.selectors import release_get
from migmon.indicators.services import RollbackRefused, release_rollback


class Command(BaseCommand):
    # Data commands need the database only; URL and template checks belong to `migmon check`.
    requires_system_checks: list[str] = []
    help = "Roll back one release by its number (see `migmon releases`)."

    def add_arguments(self, parser):
        parser.add_argument("release", metavar="RELEASE", help="release number, e.g. 12 or #12")

    def handle(self, *args, release: str, **options):
        number = release.lstrip("#")
        if not number.isdigit():
            raise CommandError(f"release must be a number such as 12, not {release!r}")
        try:
            found = release_get(pk=int(number))
        except Release.DoesNotExist:
            raise CommandError(f"no release #{number} (see `migmon releases`)") from None
        try:
            result = release_rollback(release=found)
        except RollbackRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(self.style.SUCCESS(result.message))
