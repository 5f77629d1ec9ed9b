"""Progress tests load real bundled files: geography, framework, the register seed and a few SDG series."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from migmon.progress.selectors import forget_cached_table

SDG = "sdg-indicators-open-sdg-eca"
FILES = (
    f"{SDG}/indicator_10-7-2-SG_CPA_MIGRS.csv",
    f"{SDG}/indicator_10-c-1-SI_RMT_COST.csv",
    f"{SDG}/indicator_10-c-1-SI_RMT_COST_BC.csv",
    f"{SDG}/indicator_17-3-2.csv",
)


def load_progress_data(data_dir: Path, files: tuple[str, ...] = FILES) -> None:
    out = StringIO()
    call_command("load_geography", stdout=out, stderr=out)
    call_command("load_framework", stdout=out, stderr=out)
    call_command("seed_progress_targets", stdout=out, stderr=out)
    call_command("import_data", *[str(data_dir / name) for name in files], stdout=out, stderr=out)
    cache.clear()
    forget_cached_table()


@pytest.fixture
def progress_data(db, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    load_progress_data(data_dir)
    yield
    forget_cached_table()
