"""A per-client rate limit counted in the shared cache, so that ``300/60`` means 300 across every worker.

A fixed window: the count of a client's requests lives under a key naming the client and the window's start,
counted atomically: ``INCR`` in Redis, one upsert in migmon's database cache (:mod:`migmon.core.cache`), and
``cache.add`` / ``cache.incr`` in the tests' process memory. The client is the remote address, or the first
``X-Forwarded-For`` hop when ``MIGMON_API_TRUST_PROXY`` is on. The limit comes from ``MIGMON_API_RATE_LIMIT``
(``0`` turns it off).
"""

from __future__ import annotations

import time

import orjson
from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse

from migmon.core.cache import DatabaseCache

TOO_MANY = {"message": "Too many requests: wait and retry.", "parameter": None}


def parse_rate(text: str) -> tuple[int, int]:
    """``"120/60"`` → (120 requests, 60 seconds); ``"0"`` → (0, 1), no limit."""
    count, _, seconds = text.partition("/")
    return int(count), int(seconds or 1)


def client_id(request: HttpRequest) -> str:
    if settings.MIGMON_API_TRUST_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def count_request(key: str, timeout: int) -> int:
    """Add one to the shared counter ``key`` (created with ``timeout``) and return its new value."""
    backend = caches["default"]
    if isinstance(backend, DatabaseCache):
        return backend.count(key, expires_at=int(time.time()) + timeout)
    try:
        return cache.incr(key)
    except ValueError:  # first request of the window, or the key just expired
        if cache.add(key, 1, timeout=timeout):
            return 1
        return cache.incr(key)  # another worker added it meanwhile


def retry_after(request: HttpRequest) -> int | None:
    """Count this request once; return the seconds to wait when the client is over the limit, else None.

    A request is counted once even when asked twice (the answer store asks, then the API's throttle when the
    stored answer turned out stale): the outcome is kept on the request.
    """
    if hasattr(request, "_migmon_rate_wait"):
        return request._migmon_rate_wait
    request._migmon_rate_wait = wait = _count(request)  # type: ignore[attr-defined]
    return wait


def _count(request: HttpRequest) -> int | None:
    limit, window = parse_rate(settings.MIGMON_API_RATE_LIMIT)
    if limit <= 0:
        return None
    now = time.time()
    window_start = int(now // window) * window
    count = count_request(f"migmon.rate:{client_id(request)}:{window_start}", timeout=window + 1)
    if count > limit:
        return max(1, int(window_start + window - now + 0.999))
    return None


def too_many_requests(wait: int) -> HttpResponse:
    """The 429 answer: JSON like every API error, with ``Retry-After`` in seconds."""
    response = HttpResponse(orjson.dumps(TOO_MANY), status=429, content_type="application/json")
    response["Retry-After"] = str(wait)
    return response
