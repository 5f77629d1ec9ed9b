"""GET /api/v1/: a small index of the endpoints, read from the OpenAPI schema so it never drifts from it."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

import orjson
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from migmon.api import schemas
from migmon.api.core import api
from migmon.api.rendering import json_response
from migmon.core.http_cache import Version, conditional_answer


@cache
def endpoint_index() -> dict[str, Any]:
    """Title, links to the docs and the schema, and one line per GET endpoint (path, summary, tags)."""
    schema = api.get_openapi_schema()
    endpoints = [
        {"path": path, "summary": operation.get("summary", ""), "tags": operation.get("tags", [])}
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method == "get"
    ]
    return {
        "title": api.title,
        "version": api.version,
        "docs": reverse("api-v1:openapi-view"),
        "openapi": reverse("api-v1:openapi-json"),
        "endpoints": endpoints,
    }


@cache
def index_version() -> Version:
    return Version(tag=hashlib.blake2b(orjson.dumps(endpoint_index()), digest_size=8).hexdigest())


@api.get(
    "/",
    response={200: schemas.Index, 400: schemas.Error, 429: schemas.Error},
    tags=["index"],
    summary="This index: every endpoint, with links to the documentation and the OpenAPI schema",
)
def index(request: HttpRequest) -> HttpResponse:
    def render() -> HttpResponse:
        return json_response(endpoint_index())

    return conditional_answer(request, version=index_version, render=render, max_age=settings.MIGMON_API_MAX_AGE)
