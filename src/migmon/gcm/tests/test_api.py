"""/api/v1/pledges, /api/v1/reviews and the links of /api/v1/gcm-objectives/{n}: published rows only, strict
parameters, the shared HTTP layer (ETag, 304) and the licence notice."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from migmon.gcm import services
from migmon.gcm.tests.conftest import pledge_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledges(framework, roles):
    from migmon.geo.models import Area

    author, reviewer = roles["author"], roles["reviewer"]
    public = services.pledge_create(actor=author, values=pledge_values(stakeholders="Ministry of Labour"))
    services.step_submit(actor=author, subject=public)
    services.step_publish(actor=reviewer, subject=public)
    draft = services.pledge_create(
        actor=author, values=pledge_values(title="Not yet", pledging_states=list(Area.objects.filter(iso3="CHL")))
    )
    return public, draft


def test_only_published_pledges_are_listed_with_the_licence(pledges):
    public, draft = pledges
    body = Client().get("/api/v1/pledges").json()
    assert body["licence"] == "CC BY 4.0" and "CC BY 4.0" in body["notice"]
    assert [item["public_id"] for item in body["items"]] == [public.public_id]
    item = body["items"][0]
    assert (
        item["objectives"] == [6]
        and item["pledging_states"] == ["MEX"]
        and item["stakeholders"] == ["Ministry of Labour"]
    )
    assert Client().get(f"/api/v1/pledges/{draft.public_id}").status_code == 404
    assert Client().get(f"/api/v1/pledges/{public.public_id}").json()["title"] == public.title


def test_filters_and_unknown_parameters(pledges):
    client = Client()
    assert client.get("/api/v1/pledges?objective=6&area=MEX&status=planning").json()["count"] == 1
    assert client.get("/api/v1/pledges?area=419").json()["count"] == 1  # Latin America and the Caribbean
    assert client.get("/api/v1/pledges?objective=20").json()["count"] == 0
    assert client.get("/api/v1/pledges?objective=24").status_code == 400
    unknown = client.get("/api/v1/pledges?objectve=6")
    assert unknown.status_code == 400 and unknown.json()["parameter"] == "objectve"
    assert client.get("/api/v1/pledges?area=XXX").json() == {"message": "unknown area 'XXX'", "parameter": "area"}


def test_csv_download_has_the_import_columns_and_the_licence_link(pledges):
    from migmon.gcm.exports import PLEDGE_COLUMNS

    response = Client().get("/api/v1/pledges?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="license"' in response["Link"] and "creativecommons.org/licenses/by/4.0" in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == PLEDGE_COLUMNS and rows[0]["objectives"] == "6" and rows[0]["forms"] == "policy"


def test_conditional_requests_answer_304_until_something_changes(pledges, roles):
    client = Client()
    first = client.get("/api/v1/pledges")
    assert client.get("/api/v1/pledges", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    _public, draft = pledges
    services.step_submit(actor=roles["author"], subject=draft)
    services.step_publish(actor=roles["reviewer"], subject=draft)
    again = client.get("/api/v1/pledges", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again.json()["count"] == 2


def test_reviews_are_listed_once_published(framework, roles):
    from migmon.geo.models import Area
    from migmon.indicators.models import GcmObjective

    review = services.review_create(
        actor=roles["author"],
        values={
            "area": Area.objects.get(iso3="MEX"),
            "year": 2025,
            "kind": "national",
            "title": "Voluntary national GCM review",
            "document_url": "https://example.org/review.pdf",
            "objectives": list(GcmObjective.objects.filter(number__in=[6, 8])),
        },
    )
    assert Client().get("/api/v1/reviews").json()["count"] == 0
    services.step_submit(actor=roles["author"], subject=review)
    services.step_publish(actor=roles["reviewer"], subject=review)
    body = Client().get("/api/v1/reviews?area=MEX&year=2025&kind=national").json()
    assert [(r["area"], r["objectives"]) for r in body["items"]] == [("MEX", [6, 8])]
    assert Client().get("/api/v1/reviews?kind=global").status_code == 400


def test_an_objective_lists_its_links_with_their_basis_specific_first(framework):
    body = Client().get("/api/v1/gcm-objectives/20").json()
    assert [(link["target"], link["indicator"], link["strength"]) for link in body["links"]] == [
        ("10.c", "10.c.1", "specific"),
        ("17.3", "17.3.2", "specific"),
        ("10.7", None, "general"),
    ]
    assert body["links"][2]["basis"] == "GCM-10.7" and body["targets"] == ["10.7", "10.c", "17.3"]


def test_an_edited_link_changes_the_objective_answer(framework):
    from migmon.indicators.models import GcmLink

    client = Client()
    first = client.get("/api/v1/gcm-objectives/4")
    link = GcmLink.objects.get(objective__number=4, target__code="16.9")
    link.basis = link.basis + " (checked)"
    link.save()
    again = client.get("/api/v1/gcm-objectives/4", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again.json()["links"][0]["basis"].endswith("(checked)")
