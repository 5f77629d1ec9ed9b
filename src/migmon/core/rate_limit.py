"""A per-client rate limit counted in the shared cache, so that ``300/60`` means 300 across every worker.

A fixed window: the count of a client's requests lives under a key naming the client and the window's start,
counted atomically (:func:`count_request`): ``SET NX`` + ``INCRBY`` in one round trip to Redis, one upsert in
migmon's database cache (:mod:`migmon.core.cache`), and ``cache.add`` / ``cache.incr`` in the tests' process
memory. The client is the remote address, or the first ``X-Forwarded-For`` hop when ``MIGMON_API_TRUST_PROXY`` is
on. The limit comes from ``MIGMON_API_RATE_LIMIT`` (``0`` turns it off).

The API's limit is counted in *leases* (:class:`Leases`), so that a request costs a round trip to the shared
store only now and then: a worker that sees a client again in a window takes a block of up to
:data:`LEASE_MOST` numbers from the client's shared counter at once (one ``INCRBY``/upsert of the block's size)
and serves the next requests from it; numbers above the limit are refused, and once the counter is past the
limit the worker refuses locally until the window ends. Numbers are handed out by the shared counter only, so
**the limit is never exceeded**, whatever the number of workers; the price is the other way round: numbers a
worker has taken and not used are lost to the client's other workers, so a client whose requests spread over
*W* workers may be refused at most (*W* − 1) × (:data:`LEASE_MOST` − 1) requests before its limit (and a block
is at most a quarter of what is left, so the loss shrinks near the limit). A client's first request in a window
takes one number: a visitor who asks once costs one number, not a block.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import orjson
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse

from migmon.core.cache import DatabaseCache

TOO_MANY = {"message": "Too many requests: wait and retry.", "parameter": None}
#: The largest block of numbers a worker takes from a client's shared counter at once.
LEASE_MOST = 16
#: A block is at most this fraction of what the worker last saw left of the limit.
LEASE_SHARE = 4


def parse_rate(text: str) -> tuple[int, int]:
    """``"120/60"`` → (120 requests, 60 seconds); ``"0"`` → (0, 1), no limit."""
    count, _, seconds = text.partition("/")
    return int(count), int(seconds or 1)


def client_id(meta: Mapping[str, Any]) -> str:
    """Who is counted, from a request's ``META`` (or the WSGI environ it was made from)."""
    if settings.MIGMON_API_TRUST_PROXY:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded).split(",")[0].strip()
    return str(meta.get("REMOTE_ADDR", "unknown"))


def count_request(key: str, timeout: int, amount: int = 1) -> int:
    """Add ``amount`` to the shared counter ``key`` (created with ``timeout``) and return its new value."""
    backend = caches["default"]
    if isinstance(backend, DatabaseCache):
        return backend.count(key, expires_at=int(time.time()) + timeout, amount=amount)
    if isinstance(backend, RedisCache):
        return _redis_count(backend, key, timeout, amount)
    try:
        return cache.incr(key, amount)
    except ValueError:  # first request of the window, or the key just expired
        if cache.add(key, amount, timeout=timeout):
            return amount
        return cache.incr(key, amount)  # another worker added it meanwhile


def _redis_count(backend: RedisCache, key: str, timeout: int, amount: int) -> int:
    """``SET key 0 EX timeout NX`` then ``INCRBY key amount`` in one transaction: one round trip (Django's
    ``incr`` asks ``EXISTS`` first). Integers are stored as such, so ``cache.get`` reads the count back."""
    full_key = backend.make_and_validate_key(key)
    client = backend._cache.get_client(full_key, write=True)
    with client.pipeline() as pipe:
        pipe.set(full_key, 0, ex=timeout, nx=True)
        pipe.incrby(full_key, amount)
        return int(pipe.execute()[1])


@dataclass
class _Lease:
    """What a worker holds of one client's counter in one window."""

    available: int = 0  # numbers taken from the shared counter, within the limit, not yet used
    seen: int = 0  # the highest value the shared counter answered
    claiming: bool = False  # a thread is taking a block: the others meanwhile take one number each


class Leases:
    """Per process: the blocks of numbers taken from the shared counters of the current window (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._window: tuple[str, int] = ("", 0)  # (the rate, the window's start)
        self._clients: dict[str, _Lease] = {}

    def forget(self) -> None:
        with self._lock:
            self._window, self._clients = ("", 0), {}

    def allow(self, client: str, *, rate: str, limit: int, window: int, window_start: int) -> bool:
        """Use one number of ``client``'s counter for this window: True when it is within ``limit``."""
        with self._lock:
            lease = self._lease(client, rate, window_start)
            if lease is not None:
                if lease.available:
                    lease.available -= 1
                    return True
                if lease.seen >= limit:
                    return False  # the shared counter is past the limit: no number left in this window
                size = 1
                if lease.seen and not lease.claiming:
                    size = min(LEASE_MOST, max(1, (limit - lease.seen) // LEASE_SHARE))
                    lease.claiming = size > 1
            else:
                size = 1  # a request of a window already over here: count it exactly
        try:
            total = count_request(f"migmon.rate:{client}:{window_start}", timeout=window + 1, amount=size)
        finally:
            if lease is not None and size > 1:
                lease.claiming = False
        within = max(0, min(size, limit - (total - size)))  # the block is total - size + 1 … total
        with self._lock:
            if lease is not None:
                lease.seen = max(lease.seen, total)
                lease.available += max(0, within - 1)
        return within > 0

    def _lease(self, client: str, rate: str, window_start: int) -> _Lease | None:
        """The client's lease in this window; a new window drops the last one's. None for a request whose window
        is already over here (it was computed just before the turn)."""
        current_rate, current_start = self._window
        if (rate, window_start) != self._window:
            if rate == current_rate and window_start < current_start:
                return None
            self._window, self._clients = (rate, window_start), {}
        return self._clients.setdefault(client, _Lease())


LEASES = Leases()


def _forget_leases_when_the_limit_changes(setting: str, **kwargs: Any) -> None:
    if setting == "MIGMON_API_RATE_LIMIT":
        LEASES.forget()


setting_changed.connect(_forget_leases_when_the_limit_changes, dispatch_uid="migmon.core.rate_limit.leases")


#: Where the outcome of a request's count is kept, in its ``META`` (the WSGI environ Django's request is made from).
COUNTED = "migmon.rate_limit.wait"


def retry_after(request: HttpRequest) -> int | None:
    """Count this request once; return the seconds to wait when the client is over the limit, else None."""
    return retry_after_for(request.META)


def retry_after_for(meta: MutableMapping[str, Any]) -> int | None:
    """:func:`retry_after` for a request's ``META`` or WSGI environ.

    A request is counted once even when asked several times (the WSGI replay of :mod:`migmon.api.replay`, then
    the answer store when the stored answer turned out stale, then the API's throttle): the outcome is kept in
    ``meta``, which Django's request carries on from the environ.
    """
    if COUNTED in meta:
        return meta[COUNTED]
    meta[COUNTED] = wait = _count(meta)
    return wait


def _count(meta: Mapping[str, Any]) -> int | None:
    limit, window = parse_rate(settings.MIGMON_API_RATE_LIMIT)
    if limit <= 0:
        return None
    now = time.time()
    window_start = int(now // window) * window
    rate = settings.MIGMON_API_RATE_LIMIT
    if LEASES.allow(client_id(meta), rate=rate, limit=limit, window=window, window_start=window_start):
        return None
    return max(1, int(window_start + window - now + 0.999))


def too_many_requests(wait: int) -> HttpResponse:
    """The 429 answer: JSON like every API error, with ``Retry-After`` in seconds."""
    response = HttpResponse(orjson.dumps(TOO_MANY), status=429, content_type="application/json")
    response["Retry-After"] = str(wait)
    return response
