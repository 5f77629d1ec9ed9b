"""Fixtures for the API tests: a sample store from real rows, and no rate limit unless a test sets one."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from migmon.core.answer_store import STORE
from migmon.indicators.tests.sample import load_sample


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    cache.clear()
    STORE.clear()
    yield
    cache.clear()
    STORE.clear()


@pytest.fixture
def sample(db, data_dir):
    return load_sample(data_dir)
