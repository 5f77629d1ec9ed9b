"""``import_bundled_data``: import the real statistics shipped in data/, so a first start shows real numbers.

Idempotent: each file is a release, and a file already imported (same sha256, release still active) is a no-op,
so running it again changes nothing. Order matters for editions: the UN DESA 2020 edition goes in before the
2024 edition, which then updates the values that changed and keeps both in the history.

Not imported here:
- the IOM Missing Migrants files: incidents, loaded by ``import_bundled_incidents``;
- ``data/sdg-sdmx-samples``: their SERIES and REF_AREA are ``_T`` (the reader reports it, as it must), and the
  only usable one (17.3.2, Kazakhstan) would replace the UN Global SDG Database values for the same series,
  area and years with the national figures (0.22 vs 0.21884 for 2020): the store keeps one current value per
  observation, and the global database is the reference for the portal. They remain parser fixtures; the CSV
  files next to them have no series or area column at all.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from migmon.indicators.management.commands._output import console_for
from migmon.indicators.management.commands.import_data import summary_table
from migmon.indicators.services import FileSource, ImportFailed, ImportResult, release_import

#: Globs under DATA_DIR, in import order.
BUNDLED_FILES = (
    "sdg-indicators-open-sdg-eca/indicator_*.csv",
    "undesa-migrant-stock-2020/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
    "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
    "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx",
    "undesa-migrant-stock-od-2019-clean/UN_MigrantStockByOriginAndDestination_2019_clean.csv",
)


def bundled_paths(data_dir: Path | None = None) -> list[Path]:
    """The bundled files to import, in order (sorted within a glob)."""
    base = Path(data_dir or settings.DATA_DIR)
    paths: list[Path] = []
    for pattern in BUNDLED_FILES:
        found = sorted(base.glob(pattern))
        if not found:
            raise CommandError(f"bundled data file missing: data/{pattern}")
        paths.extend(found)
    return paths


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Import the real statistics bundled in data/ (idempotent: files already imported are skipped)."

    def handle(self, *args, **options):
        results: list[tuple[str, ImportResult | ImportFailed]] = []
        for path in bundled_paths():
            try:
                results.append((path.name, release_import(source=FileSource(path))))
            except ImportFailed as failure:
                results.append((path.name, failure))
        console_for(self).print(summary_table(results, dry_run=False))
        failures = [outcome for _, outcome in results if isinstance(outcome, ImportFailed)]
        if failures:
            raise CommandError(str(failures[0]))
