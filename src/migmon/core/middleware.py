"""Refuse NUL bytes in the path or the query string before any view sees them.

PostgreSQL text cannot hold a NUL byte, so a filter value such as ``region=%00`` or a path segment such as
``/fr/data/series/%00/`` would otherwise turn into a server error deep in a query (schemathesis and the page
fuzzer found them). A query parameter gets a 400 that names it; a path is a 404, since no address holds a NUL.
The API answers JSON, pages plain text.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson
from django.http import HttpRequest, HttpResponse


def refusal(request: HttpRequest, status: int, message: str, parameter: str | None) -> HttpResponse:
    """The refusal in the API's JSON shape under /api/, as plain text elsewhere."""
    if request.path.startswith("/api/"):
        body = orjson.dumps({"message": message, "parameter": parameter})
        return HttpResponse(body, status=status, content_type="application/json")
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RejectNulBytesMiddleware:
    """Answer 404 when the path holds a NUL byte, 400 when a query parameter name or value does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            return refusal(request, 404, "no page has a NUL byte in its address", None)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                shown = name.replace("\x00", "")
                return refusal(request, 400, f"query parameter {shown!r} contains a NUL byte", shown)
        return self.get_response(request)
