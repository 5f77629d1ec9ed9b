"""A per-client rate limit: a fixed window counter in Django's cache, answering 429 with Retry-After.

The client is the remote address (or the first X-Forwarded-For hop when ``MIGMON_API_TRUST_PROXY`` is on).
The limit comes from the environment (``MIGMON_API_RATE_LIMIT``, e.g. ``120/60`` = 120 requests per 60
seconds; ``0`` turns it off), so benches and tests can raise it. With the default local-memory cache each
server process counts on its own; set ``REDIS_URL`` for one shared count.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def parse_rate(text: str) -> tuple[int, int]:
    """``"120/60"`` → (120 requests, 60 seconds); ``"0"`` → (0, 1), no limit."""
    count, _, seconds = text.partition("/")
    return int(count), int(seconds or 1)


def client_id(request: HttpRequest) -> str:
    if settings.MIGMON_API_TRUST_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def retry_after(request: HttpRequest) -> int | None:
    """Count this request; return the seconds to wait when the client is over the limit, else None."""
    limit, window = parse_rate(settings.MIGMON_API_RATE_LIMIT)
    if limit <= 0:
        return None
    now = time.time()
    window_start = int(now // window) * window
    key = f"migmon.api.rate:{client_id(request)}:{window_start}"
    if cache.add(key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 1)
            count = 1
    if count > limit:
        return max(1, int(window_start + window - now + 0.999))
    return None
