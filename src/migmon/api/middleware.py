"""HTTP behaviour shared by every answer under /api/: HEAD, CORS, language-neutral headers, JSON errors.

- ``HEAD`` is answered as ``GET`` without the body (same status and headers, ``Content-Length`` included), so
  every GET endpoint takes HEAD without declaring it (ninja would answer 405).
- Reads are public: ``Access-Control-Allow-Origin: *`` on GET and HEAD answers (errors too, so a browser
  client can read them), the headers a client needs exposed (ETag, Link, Retry-After…), and ``OPTIONS``
  answers the CORS preflight.
- The API does not depend on the visitor's language: the ``Content-Language`` and ``Vary: Accept-Language``
  that Django's locale middleware adds would only split shared caches, so they are removed.
- An error answer that is not JSON (ninja's 405, an unexpected 500 page) becomes ``{"message", "parameter"}``.

It is the outermost middleware: answers replayed by :mod:`migmon.core.answer_store` pass through it too.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson
from django.http import HttpRequest, HttpResponse, HttpResponseBase

PREFIX = "/api/"
READ_METHODS = "GET, HEAD, OPTIONS"
EXPOSED_HEADERS = "ETag, Last-Modified, Link, Retry-After, Content-Disposition"
PREFLIGHT_MAX_AGE = "86400"


def preflight(request: HttpRequest) -> HttpResponse:
    """The answer to ``OPTIONS``: which methods and request headers a cross-origin read may use."""
    response = HttpResponse(status=204)
    response["Allow"] = READ_METHODS
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = READ_METHODS
    requested = request.headers.get("Access-Control-Request-Headers")
    if requested:
        response["Access-Control-Allow-Headers"] = requested
    response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def release(response: HttpResponseBase) -> None:
    """Free what a replaced answer holds (an open file) without ``response.close()``.

    ``close()`` also sends Django's ``request_finished``, which belongs to the end of the request: sent in the
    middle, it resets the replica router's scope and lets ``close_old_connections`` drop the database connection
    (inside a transaction Django always drops it: PostgreSQL then refused every later query of the test that
    held the transaction, and SQLite reopened its connection for the rest of the request)."""
    closers: list[Callable[[], object]] = getattr(response, "_resource_closers", [])  # what close() runs first
    for closer in closers:
        closer()
    closers.clear()


def as_json_error(response: HttpResponseBase) -> HttpResponseBase:
    """Keep a JSON error as it is; give any other error the API's JSON shape (status and headers kept)."""
    if response.get("Content-Type", "").startswith("application/json"):
        return response
    message = response.reason_phrase
    if response.status_code == 405 and response.has_header("Allow"):
        message = f"{message}: use {response['Allow']}."
    answer = HttpResponse(
        orjson.dumps({"message": message, "parameter": None}),
        status=response.status_code,
        content_type="application/json",
    )
    for name in ("Allow", "Retry-After"):
        if response.has_header(name):
            answer[name] = response[name]
    release(response)
    return answer


def without_body(response: HttpResponseBase) -> HttpResponseBase:
    """The answer to HEAD: the GET answer's status and headers, no body."""
    if isinstance(response, HttpResponse):
        length = len(response.content)
        response.content = b""
        response["Content-Length"] = str(length)
        return response
    head = HttpResponse(status=response.status_code)
    for name, value in response.items():
        head.headers[name] = value
    release(response)
    return head


def language_neutral(response: HttpResponseBase) -> None:
    response.headers.pop("Content-Language", None)
    vary = response.get("Vary")
    if vary:
        kept = [part.strip() for part in vary.split(",") if part.strip().lower() != "accept-language"]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


def finished(response: HttpResponseBase, *, read: bool) -> HttpResponseBase:
    """What this layer makes of every answer: language-neutral, JSON if an error, and for a read (GET, HEAD
    included) open to every origin. :mod:`migmon.api.replay` applies it once to each stored answer it serves."""
    language_neutral(response)
    if response.status_code >= 400:
        response = as_json_error(response)
    if read:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


class ApiHttpMiddleware:
    """See the module docstring; paths outside /api/ pass untouched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return preflight(request)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = finished(self.get_response(request), read=request.method == "GET")
        return without_body(response) if head else response
