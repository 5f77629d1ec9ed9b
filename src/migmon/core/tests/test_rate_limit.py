"""The API's rate limit in leases: never more than the limit across workers, rarely a round trip to the store.

Two :class:`~migmon.core.rate_limit.Leases` in one process share the tests' cache exactly as two workers share
the production store (the cross-process version with real servers' settings is
``migmon/api/tests/test_rate_limit_shared.py``).
"""

from __future__ import annotations

import math
import random

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from migmon.core import rate_limit
from migmon.core.rate_limit import LEASE_MOST, Leases

WINDOW = {"rate": "test", "window": 60, "window_start": 1_800_000_000}


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    rate_limit.LEASES.forget()
    yield
    cache.clear()
    rate_limit.LEASES.forget()


@pytest.fixture
def store_calls(monkeypatch):
    """Every call to the shared store, as (key, amount)."""
    calls = []
    count = rate_limit.count_request

    def counting(key, timeout, amount=1):
        calls.append((key, amount))
        return count(key, timeout, amount)

    monkeypatch.setattr(rate_limit, "count_request", counting)
    return calls


def test_one_worker_lets_exactly_the_limit_through():
    worker = Leases()
    allowed = [worker.allow("198.51.100.1", limit=300, **WINDOW) for _ in range(400)]
    assert allowed == [True] * 300 + [False] * 100


def test_a_first_request_takes_one_number_and_later_ones_take_blocks(store_calls):
    worker = Leases()
    for _ in range(200):
        worker.allow("198.51.100.2", limit=10_000, **WINDOW)
    assert store_calls[0][1] == 1 and max(amount for _, amount in store_calls) == LEASE_MOST
    assert len(store_calls) == 1 + math.ceil(199 / LEASE_MOST)  # 14 round trips for 200 requests, not 200


def test_past_the_limit_refusals_cost_no_round_trip(store_calls):
    worker = Leases()
    for _ in range(50):
        worker.allow("198.51.100.3", limit=20, **WINDOW)
    before = len(store_calls)
    assert not any(worker.allow("198.51.100.3", limit=20, **WINDOW) for _ in range(1000))
    assert len(store_calls) == before


@pytest.mark.parametrize("seed", range(5))
def test_two_workers_together_never_let_more_than_the_limit_through(seed):
    """Requests spread at random over two workers, until both refuse: exactly the limit gets through."""
    pick = random.Random(seed)
    workers = [Leases(), Leases()]
    allowed = sum(pick.choice(workers).allow("198.51.100.4", limit=300, **WINDOW) for _ in range(1000))
    assert allowed == 300


def test_a_worker_that_stops_being_asked_costs_the_client_at_most_one_block():
    """The documented slack: numbers one worker took and no longer uses are lost to the other worker."""
    first, second = Leases(), Leases()
    assert all(first.allow("198.51.100.5", limit=300, **WINDOW) for _ in range(2))  # one number, then a block
    allowed = 2 + sum(second.allow("198.51.100.5", limit=300, **WINDOW) for _ in range(400))
    assert 300 - (LEASE_MOST - 1) <= allowed < 300


def test_blocks_shrink_near_the_limit(store_calls):
    worker = Leases()
    for _ in range(40):
        worker.allow("198.51.100.6", limit=40, **WINDOW)
    assert [amount for _, amount in store_calls] == [1, 9, 7, 5, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1]


def test_each_client_and_each_window_has_its_own_count():
    worker = Leases()
    assert all(worker.allow("198.51.100.7", limit=3, **WINDOW) for _ in range(3))
    assert not worker.allow("198.51.100.7", limit=3, **WINDOW)
    assert worker.allow("198.51.100.8", limit=3, **WINDOW)
    later = {**WINDOW, "window_start": WINDOW["window_start"] + 60}
    assert worker.allow("198.51.100.7", limit=3, **later)
    # A request whose window turned while it waited is counted exactly, in its own (old) window.
    assert not worker.allow("198.51.100.7", limit=3, **WINDOW)


def test_a_new_limit_starts_from_the_shared_count_again(settings):
    settings.MIGMON_API_RATE_LIMIT = "2/60"
    request = RequestFactory().get("/api/v1/goals", REMOTE_ADDR="198.51.100.9")
    assert rate_limit.retry_after(request) is None
    cache.clear()  # as the API tests do between tests
    settings.MIGMON_API_RATE_LIMIT = "1/60"  # forgets what this process held
    assert rate_limit.retry_after(RequestFactory().get("/api/v1/goals", REMOTE_ADDR="198.51.100.9")) is None
    assert rate_limit.retry_after(RequestFactory().get("/api/v1/goals", REMOTE_ADDR="198.51.100.9")) is not None


def test_a_request_is_counted_once_however_often_it_is_asked(settings, store_calls):
    settings.MIGMON_API_RATE_LIMIT = "5/60"
    request = RequestFactory().get("/api/v1/goals", REMOTE_ADDR="198.51.100.10")
    assert rate_limit.retry_after(request) is None and rate_limit.retry_after(request) is None
    assert len(store_calls) == 1
