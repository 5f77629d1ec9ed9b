"""Load the real bundled data the portal tests need, through the project's own commands."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command

SDG_10_7_3 = "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv"
DESA_2024_DESTINATION = "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"


def load_portal_data(data_dir: Path, *files: str) -> None:
    """Geography, framework, then each file as a release (quietly)."""
    out = StringIO()
    call_command("load_geography", stdout=out, stderr=out)
    call_command("load_framework", stdout=out, stderr=out)
    if files:
        call_command("import_data", *[str(data_dir / name) for name in files], stdout=out, stderr=out)
    cache.clear()
