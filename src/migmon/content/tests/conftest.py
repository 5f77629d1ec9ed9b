"""Fixtures of the content tests: the seed folder and a database holding the imported seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

SEED_DIR = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def seed_dir() -> Path:
    return SEED_DIR


@pytest.fixture
def seeded(db):
    """The database after ``import_seeds``: the fr/en/es tree and the five seed pages."""
    call_command("import_seeds", verbosity=0)
