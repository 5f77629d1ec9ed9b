"""``migmon releases``: every release, newest first, as a table."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from rich.table import Table

from migmon.indicators.management.commands._output import console_for
from migmon.indicators.selectors import releases_list


class Command(BaseCommand):
    # Data commands need the database only; URL and template checks belong to `migmon check`.
    requires_system_checks: list[str] = []
    help = "List releases (imports): dataset, file, edition, counts and status, newest first."

    def add_arguments(self, parser):
        parser.add_argument("--dataset", help="only this dataset code")
        parser.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")

    def handle(self, *args, dataset: str | None, limit: int, **options):
        table = Table(title="Releases")
        for column in ("#", "dataset", "file", "edition", "imported", "importer", "added", "changed", "unchanged"):
            table.add_column(column)
        table.add_column("rejected")
        table.add_column("status")
        releases = list(releases_list(dataset=dataset)[:limit])
        for release in releases:
            table.add_row(
                str(release.pk),
                release.dataset.code,
                release.file_name,
                release.edition,
                f"{release.imported_at:%Y-%m-%d %H:%M}",
                f"{release.importer} {release.importer_version}",
                f"{release.added:,}",
                f"{release.changed:,}",
                f"{release.unchanged:,}",
                f"{release.rejected:,}",
                release.get_status_display(),
            )
        console = console_for(self)
        if releases:
            console.print(table)
        else:
            console.print("No releases yet: import data with `migmon import PATH…`.")
