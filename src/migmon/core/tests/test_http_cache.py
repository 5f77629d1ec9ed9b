"""Conditional answers follow RFC 9110: weak If-None-Match (lists, ``*``), If-Modified-Since only without it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.http import http_date

from migmon.core.http_cache import Replay, Version, conditional_answer, entity_tag

MODIFIED = datetime(2026, 11, 2, 10, 30, 15, tzinfo=UTC)
VERSION = Version(tag="42.7", modified=MODIFIED)


def answer(headers: dict[str, str] | None = None, *, method: str = "get", path: str = "/api/v1/goals?b=2&a=1"):
    request = getattr(RequestFactory(), method)(path, headers=headers or {})
    rendered = []

    def render() -> HttpResponse:
        rendered.append(True)
        return HttpResponse(b'{"ok": true}', content_type="application/json")

    response = conditional_answer(request, version=lambda: VERSION, render=render, max_age=300)
    return response, bool(rendered)


def etag() -> str:
    response, _ = answer()
    return response["ETag"]


def test_a_full_answer_carries_its_validators_and_is_marked_for_replay():
    response, rendered = answer()
    assert rendered and response.status_code == 200
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')  # strong
    assert response["Last-Modified"] == http_date(MODIFIED.timestamp())
    assert response["Cache-Control"] == "public, max-age=300"
    assert isinstance(response.replay, Replay) and response.replay.tag == "42.7"


def test_the_etag_depends_on_the_version_and_the_query_not_on_parameter_order():
    request = RequestFactory().get("/api/v1/goals?b=2&a=1")
    same = RequestFactory().get("/api/v1/goals?a=1&b=2")
    other = RequestFactory().get("/api/v1/goals?a=1")
    assert entity_tag("42.7", request) == entity_tag("42.7", same)
    assert entity_tag("42.7", request) != entity_tag("42.8", request)
    assert entity_tag("42.7", request) != entity_tag("42.7", other)


@pytest.mark.parametrize(
    "if_none_match",
    [
        "{etag}",
        "W/{etag}",  # weak comparison: W/"x" matches "x"
        '"other", {etag}',  # a list
        '"other",W/{etag} , "third"',
        "*",
    ],
)
def test_if_none_match_matching_gives_304_without_rendering(if_none_match):
    tag = etag()
    response, rendered = answer({"If-None-Match": if_none_match.format(etag=tag)})
    assert response.status_code == 304 and not rendered
    assert response["ETag"] == tag and response["Cache-Control"] == "public, max-age=300"
    assert response.content == b""


def test_if_none_match_not_matching_renders_even_when_if_modified_since_would_match():
    response, rendered = answer(
        {"If-None-Match": '"not-this-one"', "If-Modified-Since": http_date(MODIFIED.timestamp() + 3600)}
    )
    assert response.status_code == 200 and rendered


@pytest.mark.parametrize(("offset", "status"), [(0, 304), (3600, 304), (-1, 200)])
def test_if_modified_since_alone_compares_the_modification_time(offset, status):
    response, _ = answer({"If-Modified-Since": http_date(MODIFIED.timestamp() + offset)})
    assert response.status_code == status


def test_if_match_is_compared_strongly_and_fails_with_412():
    tag = etag()
    assert answer({"If-Match": tag})[0].status_code == 200
    assert answer({"If-Match": f"W/{tag}"})[0].status_code == 412
    assert answer({"If-Match": '"other"'})[0].status_code == 412


def test_errors_are_neither_stamped_nor_replayed():
    request = RequestFactory().get("/api/v1/goals")
    response = conditional_answer(
        request, version=lambda: VERSION, render=lambda: HttpResponse(status=400), max_age=300
    )
    assert response.status_code == 400 and not response.has_header("ETag") and not hasattr(response, "replay")
