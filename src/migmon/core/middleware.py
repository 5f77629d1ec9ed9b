"""Refuse NUL bytes in the path or the query string before any view sees them.

PostgreSQL text cannot hold a NUL byte, so a filter value such as ``region=%00`` or a path segment such as
``/fr/data/series/%00/`` would otherwise turn into a server error deep in a query (schemathesis and the page
fuzzer found them). A query parameter gets a 400 that names it; a path is a 404, since no address holds a NUL.
The API answers JSON, pages plain text.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotFound


class RejectNulBytesMiddleware:
    """Answer 404 when the path holds a NUL byte, 400 when a query parameter name or value does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            message = "no page has a NUL byte in its address"
            if request.path.startswith("/api/"):
                body = orjson.dumps({"message": message, "parameter": None})
                return HttpResponse(body, status=404, content_type="application/json")
            return HttpResponseNotFound(message, content_type="text/plain; charset=utf-8")
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                message = f"query parameter {name.replace(chr(0), '')!r} contains a NUL byte"
                if request.path.startswith("/api/"):
                    body = orjson.dumps({"message": message, "parameter": name.replace("\x00", "")})
                    return HttpResponse(body, status=400, content_type="application/json")
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
