"""Foresight tests read the real bundled 10.7.3 file (SM_DTH_MIGR, Open SDG ECA): as CSV rows for the pure
evaluator, and imported into the store for the signposts."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from migmon.foresight.selectors import forget_cached_states

DEATHS_FILE = "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv"


def deaths_by_year(data_dir: Path, country: str) -> dict[int, float | None]:
    """SM_DTH_MIGR of one country (as the file names it), year → value, straight from the bundled file."""
    with (data_dir / DEATHS_FILE).open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["GeoAreaName"] == country]
    return {int(row["Year"]): float(row["Value"]) for row in rows}


def load_deaths(data_dir: Path) -> None:
    out = StringIO()
    call_command("load_geography", stdout=out, stderr=out)
    call_command("load_framework", stdout=out, stderr=out)
    call_command("import_data", str(data_dir / DEATHS_FILE), stdout=out, stderr=out)
    cache.clear()
    forget_cached_states()


@pytest.fixture
def deaths_data(db, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    load_deaths(data_dir)
    yield
    forget_cached_states()
