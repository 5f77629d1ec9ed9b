"""Fixtures for the reader tests: the malformed-input corpus folder."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[4] / "tests" / "data"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """tests/data: the faulty_* files (see tests/data/README.md)."""
    return CORPUS_DIR
