"""The NinjaAPI behind /api/v1: routers from :mod:`migmon.api.routers`, JSON errors, rate limit, strict queries."""

from __future__ import annotations

import importlib
import threading

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import Throttled, ValidationError
from ninja.throttling import BaseThrottle

from migmon.api.errors import ApiError
from migmon.api.rendering import json_response
from migmon.api.routers import ROUTERS
from migmon.core import rate_limit
from migmon.core.strict_query import reject_unknown_query_parameters
from migmon.indicators.selectors import QueryError

DESCRIPTION = """Open data on migration in the 2030 Agenda: the SDG framework (goals, targets, indicators, series),
the 23 objectives of the Global Compact for Migration, UN M49 areas, the releases every figure comes from, and
the observations themselves.

Every error is JSON: `{"message": "…", "parameter": "…"}`; an unknown query parameter is an error (400), never
ignored. Responses carry `ETag`, `Last-Modified` and `Cache-Control`; conditional requests (`If-None-Match`,
`If-Modified-Since`) get `304 Not Modified`. Every GET endpoint also answers `HEAD`, and reads are open to
every origin (`Access-Control-Allow-Origin: *`). Each client may make a limited number of requests per window,
counted across all servers; beyond it the answer is `429` with `Retry-After` (seconds)."""


class ClientRateThrottle(BaseThrottle):
    """Applies :func:`migmon.core.rate_limit.retry_after`; the wait is kept per thread for the 429 answer."""

    def __init__(self) -> None:
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        self._local.wait = rate_limit.retry_after(request)
        return self._local.wait is None

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


api = NinjaAPI(
    title="migmon API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    throttle=[ClientRateThrottle()],
)
api.add_decorator(reject_unknown_query_parameters, mode="operation")


def keep_out_of_languages(request: HttpRequest) -> None:
    """A 404 under /api/ stays an API answer: see :mod:`migmon.api.root_urls` (no redirect into /fr/…)."""
    request.urlconf = "migmon.api.root_urls"


@api.exception_handler(ApiError)
def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    if exc.status == 404:
        keep_out_of_languages(request)
    return json_response(exc.as_dict(), status=exc.status)


@api.exception_handler(QueryError)
def query_error(request: HttpRequest, exc: QueryError) -> HttpResponse:
    """The domain refused the query (unknown series or area, bad cursor…): a 400 naming the parameter."""
    return json_response({"message": exc.message, "parameter": exc.parameter}, status=400)


def not_found(request: HttpRequest) -> HttpResponse:
    """Every path under /api/ that names no endpoint (mounted last in :mod:`migmon.api.urls`)."""
    keep_out_of_languages(request)
    return json_response(
        {"message": f"No endpoint at {request.path}; see /api/v1/ for the list.", "parameter": None}, status=404
    )


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "params", "body")]
    parameter = location[0] if location else None
    message = f"{parameter}: {first.get('msg', 'invalid value')}" if parameter else str(first.get("msg", "invalid"))
    return json_response({"message": message, "parameter": parameter}, status=400)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return rate_limit.too_many_requests(int(exc.wait or 1))


def mount_routers() -> None:
    """Add every router listed in ROUTERS; a router that cannot be imported stops the start (no silent gap)."""
    for prefix, dotted in ROUTERS:
        module_name, _, attribute = dotted.rpartition(".")
        api.add_router(prefix, getattr(importlib.import_module(module_name), attribute))


mount_routers()
from migmon.api import index  # noqa: E402, F401 - registers GET /api/v1/ once every router is mounted
