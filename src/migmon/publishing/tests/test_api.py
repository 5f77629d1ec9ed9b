"""The push API end to end with a data manager's token, and who may use it: nobody without a valid token of a
current data manager; a token opens the imports endpoints only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from migmon.indicators.models import Observation, Release
from migmon.publishing.models import ApiToken
from migmon.publishing.tokens import token_create, token_revoke

pytestmark = pytest.mark.django_db

BAD_ROW = '2021,"SM_DTH_MIGR","Atlantis",7\n'


def albania_2020() -> float | None:
    return Observation.objects.get(series__code="SM_DTH_MIGR", area__iso3="ALB", period="2020").value


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_push_check_read_the_report_and_publish(client, published, manager, indicator_file):
    _, token = token_create(user=manager, name="statistics office ETL")

    refused = client.post("/api/v1/imports", {"files": [indicator_file(albania=4, extra=BAD_ROW)]}, **bearer(token))
    assert refused.status_code == 202
    state = refused.json()
    assert state["status"] == "refused"
    assert state["counts"] == {"added": 0, "changed": 1, "unchanged": 180, "kept": 0, "rejected": 1}
    [problem] = [p for p in state["problems"] if p["severity"] == "error"]
    assert (problem["file"], problem["row"], problem["value"]) == ("indicator_10-7-3.csv", 183, "Atlantis")
    assert client.post(f"/api/v1/imports/{state['id']}/publish", **bearer(token)).status_code == 409
    assert client.post(f"/api/v1/imports/{state['id']}/discard", **bearer(token)).json()["status"] == "discarded"

    created = client.post("/api/v1/imports", {"files": [indicator_file(albania=4)]}, **bearer(token)).json()
    assert created["url"].endswith(f"/api/v1/imports/{created['id']}")
    followed = client.get(created["url"], **bearer(token)).json()
    assert followed["status"] == "checked" and followed["counts"]["changed"] == 1
    assert followed["progress"]["rows_done"] == 181

    published_state = client.post(f"/api/v1/imports/{created['id']}/publish", **bearer(token)).json()
    assert published_state["status"] == "published"
    assert albania_2020() == 4
    release = Release.objects.get(pk=published_state["files"][0]["release"])
    assert release.changed == 1
    assert ApiToken.objects.get().last_used_at is not None


def test_a_token_is_stored_hashed_and_revoking_it_closes_the_door(client, published, manager, indicator_file):
    stored, token = token_create(user=manager, name="ETL")
    assert token not in (stored.digest, stored.prefix) and len(stored.digest) == 64
    assert client.get("/api/v1/imports/1", **bearer(token)).status_code == 404  # let in: no such import

    token_revoke(user=manager, pk=stored.pk)

    assert client.get("/api/v1/imports/1", **bearer(token)).status_code == 401


def test_nobody_else_gets_in(client, published, manager, editor, indicator_file):
    _, editor_token = token_create(user=editor, name="not a data manager")
    _, token = token_create(user=manager, name="ETL")
    forged = token[:-4] + "AAAA"
    for headers in ({}, bearer("nonsense"), bearer(forged), bearer(editor_token)):
        assert client.post("/api/v1/imports", {"files": [indicator_file(albania=4)]}, **headers).status_code == 401
        assert client.get("/api/v1/imports/1", **headers).status_code == 401
        assert client.post("/api/v1/imports/1/publish", **headers).status_code == 401
        assert client.post("/api/v1/imports/1/discard", **headers).status_code == 401
    client.force_login(manager)  # a session is not a token
    assert client.get("/api/v1/imports/1").status_code == 401
    client.logout()
    # The token opens nothing but the imports: the admin wants a session.
    admin = client.get(reverse("publishing:uploads"), **bearer(token))
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
    assert albania_2020() == 3


def test_unknown_parameters_are_refused_and_the_endpoints_are_documented(client, published, manager):
    _, token = token_create(user=manager, name="ETL")
    answer = client.get("/api/v1/imports/1?verbose=1", **bearer(token))
    assert answer.status_code == 400 and answer.json()["parameter"] == "verbose"
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/imports", "/api/v1/imports/{import_id}", "/api/v1/imports/{import_id}/publish"} <= set(
        schema["paths"]
    )
    assert "/api/v1/imports/{import_id}/discard" in schema["paths"]


def test_the_admin_shows_a_new_token_once(client, manager):
    client.force_login(manager)
    page = client.post(reverse("publishing:tokens"), {"name": "ETL"}).content.decode()
    stored = ApiToken.objects.get()
    shown = page.split("data-publishing-token>")[1].split("<")[0]
    assert shown.startswith(f"mgm_{stored.prefix}_")
    assert shown not in client.get(reverse("publishing:tokens")).content.decode()


def test_push_with_the_area_and_series_a_file_does_not_name(client, published, manager, data_dir):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, token = token_create(user=manager, name="ETL")
    content = (data_dir / "sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml").read_bytes()  # SERIES and REF_AREA _T

    def push(**options: str):
        sent = SimpleUploadedFile("sdmx_17-3-2.xml", content, content_type="application/xml")
        return client.post("/api/v1/imports", {"files": [sent], **options}, **bearer(token))

    bad = push(area="KAZ", series="bx trf")
    assert bad.status_code == 400 and bad.json()["parameter"] == "series"
    state = push(area="398", series="BX_TRF_PWKR").json()
    assert state["status"] == "checked" and state["counts"]["added"] == 12
    assert client.post(f"/api/v1/imports/{state['id']}/publish", **bearer(token)).json()["status"] == "published"
    assert Observation.objects.filter(series__code="BX_TRF_PWKR", area__iso3="KAZ").count() == 12
