"""Portal tests read the same real-row sample as the API tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from migmon.indicators.tests.sample import load_sample


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sample(db, data_dir):
    return load_sample(data_dir)
