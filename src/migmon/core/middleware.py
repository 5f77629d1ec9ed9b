"""Refuse query strings that carry NUL bytes before any view sees them.

PostgreSQL text cannot hold a NUL byte, so a filter value such as ``region=%00`` would otherwise turn into a
server error deep in a query (schemathesis found it). The answer is a 400 that names the parameter: JSON
for the API, plain text elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """Answer 400 when a query parameter name or value contains a NUL byte."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                message = f"query parameter {name.replace(chr(0), '')!r} contains a NUL byte"
                if request.path.startswith("/api/"):
                    body = orjson.dumps({"message": message, "parameter": name.replace("\x00", "")})
                    return HttpResponse(body, status=400, content_type="application/json")
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
