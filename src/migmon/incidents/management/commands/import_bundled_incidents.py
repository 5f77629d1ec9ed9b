"""``manage.py import_bundled_incidents``: the Missing Migrants files shipped in data/, oldest export first.

Idempotent: a file already imported (same sha256) is a no-op. Export dates come from each folder's
PROVENANCE.md, because the files themselves do not all say when they were exported:

=======================================================  ===================  ===============================
file                                                     exported (UTC)       basis
=======================================================  ===================  ===============================
iom-missing-migrants-alldata/…allData.xlsx               2025-06-26           last change in the source repo;
                                                                              data to 2025-04-29
iom-missing-migrants-api-json/2025-json.json.gz          2025-09-15           fetch date (commit f2b4dcba)
iom-missing-migrants-export-2026/…2026-05-06--19_42_11   2026-05-06 19:42:11  download timestamp in the name
=======================================================  ===================  ===============================

The API JSON files for 2014–2024 were fetched on 2024-08-02, before the xlsx was exported: every incident
they hold is superseded by the xlsx, so they are not imported (the register would only report them skipped).
The 2025 JSON and the 2026 CSV are complete for their year as of their export, so they supersede: 2025
incidents of the xlsx that the newer 2025 file no longer has are withdrawn, with the reason recorded.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from migmon.incidents import selectors
from migmon.incidents.aggregates import published_totals_refresh
from migmon.indicators.services import ImportStatus

from .import_incidents import import_files

BUNDLED: list[tuple[str, datetime, bool]] = [
    (
        "iom-missing-migrants-alldata/Missing_Migrants_Global_Figures_allData.xlsx",
        datetime(2025, 6, 26, tzinfo=UTC),
        False,
    ),
    ("iom-missing-migrants-api-json/2025-json.json.gz", datetime(2025, 9, 15, tzinfo=UTC), True),
    (
        "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv",
        datetime(2026, 5, 6, 19, 42, 11, tzinfo=UTC),
        True,
    ),
]


class Command(BaseCommand):
    help = "Import the bundled IOM Missing Migrants files in export order (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        basis = "PROVENANCE.md (see import_bundled_incidents)"
        imports = [
            (
                settings.DATA_DIR / relative,
                {"exported_at": exported_at, "exported_at_basis": basis, "supersede": supersede, "refresh": False},
            )
            for relative, exported_at, supersede in BUNDLED
        ]
        results = import_files(self, imports, dry_run=False)
        # Totals, map cells and the 10.7.3 series once, after the last file (not after each one). Also when
        # nothing was new but the derived tables are empty (added by a later migration).
        if any(not result.status.startswith(ImportStatus.NO_OP) for result in results) or not (
            selectors.map_cells_built()
        ):
            published_totals_refresh()
