"""The HTTP layer every /api/v1 router shares: strict queries, 304s, CORS, HEAD, the index, docs and JSON 404s."""

from __future__ import annotations

import pytest
from django.test import Client

from migmon.core.answer_store import STORE

OBSERVATIONS = "/api/v1/observations"
TOTALS = "/api/v1/incidents/totals"


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def one_incident(db):
    """A register with one change, so that it has a Last-Modified."""
    from migmon.incidents.services import incident_create

    return incident_create(actor=None, values={"incident_id": "2026.HTTP1", "year": 2026, "region": "Mediterranean"})


# --- unknown query parameters -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "unknown"),
    [
        ("/api/v1/goals?strat=2015", "strat"),
        ("/api/v1/areas?kind=country&lang=fr", "lang"),
        ("/api/v1/series/SM_DTH_MIGR?with_data=1", "with_data"),  # a parameter of another endpoint
        ("/api/v1/?x=1", "x"),
        (f"{TOTALS}?by=region&colour=red", "colour"),
        ("/api/v1/incidents?formt=csv", "formt"),
        ("/api/v1/incidents/clusters?zoom=2&bbox=1", "bbox"),
    ],
)
def test_an_unknown_query_parameter_is_a_400_naming_it_on_every_router(client, url, unknown):
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == unknown and repr(unknown) in body["message"]
    assert set(body) == {"message", "parameter"}


@pytest.mark.django_db
def test_the_400_names_every_unknown_parameter_and_what_the_endpoint_accepts(client):
    body = client.get(f"{TOTALS}?bye=region&colour=red").json()
    assert body["parameter"] == "bye"
    assert "'bye', 'colour'" in body["message"] and "by" in body["message"] and "region" in body["message"]


@pytest.mark.django_db
def test_observations_accept_dimension_names_and_nothing_else(client, sample):
    assert client.get(OBSERVATIONS, {"series": "SM_DTH_MIGR", "sex": "F"}).status_code == 200
    assert client.get(OBSERVATIONS, {"series": "SM_DTH_MIGR", "SEX": "_T"}).status_code == 200
    refused = client.get(OBSERVATIONS, {"series": "SM_DTH_MIGR", "strat": "2015"})
    assert refused.status_code == 400 and refused.json()["parameter"] == "strat"
    assert "dimension names" in refused.json()["message"]


# --- conditional requests on both routers ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/goals", f"{OBSERVATIONS}?series=SM_DTH_MIGR", f"{TOTALS}?by=year"])
def test_both_routers_answer_304_per_rfc_9110(client, sample, one_incident, url):
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    for sent in (etag, f"W/{etag}", f'"nope", {etag}', "*"):
        again = client.get(url, headers={"If-None-Match": sent})
        assert again.status_code == 304 and again["ETag"] == etag, sent
        assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    # If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3).
    both = client.get(url, headers={"If-None-Match": '"nope"', "If-Modified-Since": modified})
    assert both.status_code == 200 and both.content == first.content


@pytest.mark.django_db
def test_a_replayed_answer_is_the_same_answer_and_a_new_release_is_seen_at_once(client, sample):
    from migmon.indicators.models import Release

    url = f"{OBSERVATIONS}?series=SM_DTH_MIGR"
    first = client.get(url)
    assert len(STORE) == 1
    replayed = client.get(url)
    assert replayed.content == first.content and replayed["ETag"] == first["ETag"]
    assert dict(replayed.items()) == dict(first.items())
    old = sample["release"]
    Release.objects.create(
        dataset=old.dataset, file_name="again.csv", sha256="1" * 64, importer="x", importer_version="1"
    )
    fresh = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert fresh.status_code == 200 and fresh["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_replayed_answers_still_count_against_the_rate_limit(client, sample, settings):
    settings.MIGMON_API_RATE_LIMIT = "2/60"
    url = f"{OBSERVATIONS}?series=SM_DTH_MIGR"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(url)["Retry-After"]


# --- CORS, HEAD ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/goals", "/api/v1/goals?strat=1", TOTALS, "/api/v1/nowhere"])
def test_every_get_answer_is_open_to_every_origin(client, url):
    response = client.get(url, headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_the_cors_preflight_for_get_is_answered(client):
    response = client.options(
        "/api/v1/observations",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "if-none-match"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/v1/", "/api/v1/goals", f"{OBSERVATIONS}?series=SM_DTH_MIGR", TOTALS, "/api/v1/incidents?format=csv"]
)
def test_head_answers_like_get_without_a_body(client, sample, url):
    get = client.get(url)
    STORE.clear()
    head = client.head(url)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    for name in ("Content-Type", "ETag", "Cache-Control", "Access-Control-Allow-Origin"):
        assert head[name] == get[name], name
    if not get.streaming:
        assert head["Content-Length"] == str(len(get.content))


@pytest.mark.django_db
def test_api_answers_do_not_vary_by_language(client):
    response = client.get("/api/v1/goals", headers={"Accept-Language": "es"})
    assert not response.has_header("Content-Language")
    assert "Accept-Language" not in response.get("Vary", "")


# --- index, docs, 404 ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_index_lists_every_endpoint_with_links_to_the_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200 and response["ETag"]
    index = response.json()
    assert index["docs"] == "/api/v1/docs" and index["openapi"] == "/api/v1/openapi.json"
    paths = {endpoint["path"] for endpoint in index["endpoints"]}
    assert {"/api/v1/observations", "/api/v1/goals", "/api/v1/incidents/totals", "/api/v1/"} <= paths
    assert all(endpoint["summary"] for endpoint in index["endpoints"])
    schema = client.get(index["openapi"]).json()["paths"]
    assert paths == {path for path, methods in schema.items() if "get" in methods}  # the index lists reads


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/docs", "/api/v1/docs/"])
def test_the_docs_answer_with_and_without_the_slash(client, url):
    response = client.get(url, headers={"Accept-Language": "fr"})
    assert response.status_code == 200, response.get("Location")
    assert b"openapi.json" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/nowhere", "/api/v1/goals/", "/api/v2/goals", "/api/", "/api/v1/series/NOPE"])
def test_404s_under_api_are_json_and_never_redirect_into_a_language(client, sample, url):
    response = client.get(url, headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"message", "parameter"}


@pytest.mark.django_db
def test_other_methods_get_a_json_405(client):
    response = client.post("/api/v1/goals")
    assert response.status_code == 405
    assert response.json()["message"].startswith("Method Not Allowed")


@pytest.mark.django_db
def test_a_json_405_or_head_answer_ends_nothing_before_the_request_does(client, sample):
    """Replacing ninja's 405 (or a GET answer for HEAD) used to close the replaced answer, which sends
    ``request_finished`` mid-request: Django then dropped the database connection of the open transaction, and
    on PostgreSQL every later query of the test failed (the permission matrix read 503s after ``/api/v1/imports``)."""
    from django.core.signals import request_finished
    from django.db import connection

    finished = []

    def count(**kwargs) -> None:
        finished.append(kwargs)

    request_finished.connect(count)
    try:
        assert client.get("/api/v1/imports").status_code == 405
        assert client.head("/api/v1/goals").status_code == 200
    finally:
        request_finished.disconnect(count)
    assert len(finished) == 2  # once per request, from the test client at the end
    assert connection.in_atomic_block and connection.connection is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


@pytest.mark.django_db
def test_an_unexpected_failure_is_a_json_500_without_details(monkeypatch):
    from migmon.api import selectors

    def broken() -> None:
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(selectors, "goals", broken)
    STORE.clear()
    response = Client(raise_request_exception=False).get("/api/v1/goals")
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert response.json() == {"message": "Internal Server Error", "parameter": None}
    assert b"secret detail" not in response.content


@pytest.mark.django_db
def test_the_openapi_document_has_no_repeated_key(client):
    """JSON parsers keep the last of two equal keys, but Swagger UI reads the document as YAML, which refuses
    them: a "200" from openapi_extra beside ninja's 200 once left /api/v1/docs blank."""
    import json

    repeated: list[list[str]] = []

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in items]
        if len(keys) != len(set(keys)):
            repeated.append(keys)
        return dict(items)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert repeated == []
