"""Editorial workflow, permissions, history and the duplicate warning, on incidents of the real 2026 export."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from migmon.incidents.imports import incidents_import
from migmon.incidents.models import Incident, Status

CSV_2026 = "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv"


@pytest.fixture
def register(db, data_dir):
    from django.core.management import call_command

    call_command("load_geography", verbosity=0)  # the form's countries come from the geography
    incidents_import(path=data_dir / CSV_2026)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def form_data(**changes):
    """A new incident; by default far (in time and place) from every real one."""
    data = {
        "incident_id": "2026.MMP9001",
        "date": "2026-02-20",
        "date_precision": "day",
        "region": "Mediterranean",
        "country_name": "Italy",
        "latitude": "35.5",
        "longitude": "12.6",
        "coordinates_reliability": "reported",
        "place": "Off Lampedusa",
        "dead": "3",
        "missing": "",
        "causes": ["Drowning"],
        "route": "Central Mediterranean",
        "origin_countries": "Guinea, Mali",
        "information_source": "IOM Italy",
        "urls": "https://example.org/a\nhttps://example.org/b",
        "source_quality": "4",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("name", ["manage", "create", "imports"])
def test_anonymous_is_sent_to_login_and_editor_is_refused(register, roles, name):
    url = reverse(f"incidents:{name}")
    response = client_for(None).get(url)
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]
    assert client_for(roles["editor"]).get(url).status_code == 403
    assert client_for(roles["author"]).get(url).status_code == 200


def test_workflow_with_a_second_person_reviewing(register, roles):
    author, reviewer = client_for(roles["author"]), client_for(roles["reviewer"])
    response = author.post(reverse("incidents:create"), form_data())
    incident = Incident.objects.get(incident_id="2026.MMP9001")
    assert response.status_code == 302 and incident.status == Status.DRAFT
    assert incident.total == 3 and incident.year == 2026 and incident.cause == "Drowning"
    assert incident.origin_countries == ["Guinea", "Mali"] and incident.created_by == roles["author"]

    # A draft is not public.
    assert client_for(None).get(f"/api/v1/incidents/{incident.incident_id}").status_code == 404

    author.post(reverse("incidents:step", args=[incident.pk, "submit"]))
    incident.refresh_from_db()
    assert incident.status == Status.REVIEW and incident.submitted_by == roles["author"]

    # The author is not offered the approval they cannot give, and is told why …
    publish = f'action="{reverse("incidents:step", args=[incident.pk, "publish"])}"'
    page = author.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert publish not in page and 'id="publish-refusal"' in page
    assert publish in reviewer.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    # … and cannot approve their own entry by posting either …
    author.post(reverse("incidents:step", args=[incident.pk, "publish"]))
    incident.refresh_from_db()
    assert incident.status == Status.REVIEW
    # … a data-entry user without the publish permission is refused outright …
    assert client_for(roles["clerk"]).post(reverse("incidents:step", args=[incident.pk, "publish"])).status_code == 403
    # … an editor has no access at all …
    assert client_for(roles["editor"]).post(reverse("incidents:step", args=[incident.pk, "publish"])).status_code == 403
    # … and a second data manager publishes.
    reviewer.post(reverse("incidents:step", args=[incident.pk, "publish"]))
    incident.refresh_from_db()
    assert incident.status == Status.PUBLISHED and incident.published_by == roles["reviewer"]
    assert client_for(None).get(f"/api/v1/incidents/{incident.incident_id}").json()["total"] == 3

    # Withdrawal needs a reason and removes it from the public totals.
    before = client_for(None).get("/api/v1/incidents/totals").json()["items"][0]["total"]
    reviewer.post(reverse("incidents:step", args=[incident.pk, "withdraw"]), {"note": "duplicate of a later report"})
    incident.refresh_from_db()
    assert incident.status == Status.WITHDRAWN and incident.withdrawn_reason == "duplicate of a later report"
    assert client_for(None).get("/api/v1/incidents/totals").json()["items"][0]["total"] == before - 3
    actions = list(incident.revisions.order_by("created_at", "id").values_list("action", "actor__username"))
    assert actions == [
        ("created", "author"),
        ("submitted", "author"),
        ("published", "reviewer"),
        ("withdrawn", "reviewer"),
    ]


def test_anonymous_cannot_post_a_workflow_step(register, roles):
    incident = Incident.objects.get(incident_id="2026.MMP0007")
    response = client_for(None).post(reverse("incidents:step", args=[incident.pk, "withdraw"]), {"note": "x"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Status.PUBLISHED


def test_steps_need_the_csrf_token(register, roles):
    incident = Incident.objects.get(incident_id="2026.MMP0007")
    client = Client(enforce_csrf_checks=True)
    client.force_login(roles["reviewer"])
    response = client.post(reverse("incidents:step", args=[incident.pk, "withdraw"]), {"note": "x"})
    assert response.status_code == 403
    incident.refresh_from_db()
    assert incident.status == Status.PUBLISHED


def test_every_change_is_kept_and_shown_as_a_diff(register, roles):
    author = client_for(roles["author"])
    author.post(reverse("incidents:create"), form_data())
    incident = Incident.objects.get(incident_id="2026.MMP9001")
    author.post(reverse("incidents:edit", args=[incident.pk]), form_data(dead="5", missing="2"))
    revision = incident.revisions.order_by("-id").first()
    assert revision.action == "edited" and revision.actor == roles["author"]
    assert revision.changes["dead"] == [3, 5] and revision.changes["missing"] == [None, 2]
    assert revision.changes["total"] == [3, 7]
    first = incident.revisions.order_by("id").first()
    assert first.snapshot["dead"] == 3  # the old value stays readable
    page = author.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "<del>3</del>" in page and "<ins>5</ins>" in page


def test_imported_incident_history_shows_the_import(register, roles):
    incident = Incident.objects.get(incident_id="2026.MMP0007")
    page = client_for(roles["author"]).get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "MissingMigrants-Global-2026-05-06--19_42_11.csv" in page


def test_duplicate_warning_for_a_new_report_of_a_real_incident(register, roles):
    """2026.MMP0007 (7 Jan 2026, Gambia/Senegal shore, 41 dead, 66 missing) entered again two days later."""
    real = Incident.objects.get(incident_id="2026.MMP0007")
    author = client_for(roles["author"])
    near = form_data(
        date="2026-01-09",
        latitude=str(real.latitude + 0.05),  # about 5.5 km north
        longitude=str(real.longitude),
        dead="40",
        missing="60",
        region="Western Africa",
    )
    response = author.post(reverse("incidents:create"), near)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2026.MMP0007" in page and "5,6 km" in page  # French decimal comma
    assert not Incident.objects.filter(incident_id="2026.MMP9001").exists()
    # Confirmed as a different incident: saved, and the detail page still shows the warning.
    response = author.post(reverse("incidents:create"), {**near, "not_a_duplicate": "on"})
    created = Incident.objects.get(incident_id="2026.MMP9001")
    assert "2026.MMP0007" in author.get(reverse("incidents:detail", args=[created.pk])).content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"date": "2026-01-12"},  # 5 days later
        {"latitude": "14.0"},  # about 45 km away
        {"dead": "3", "missing": ""},  # far fewer people
    ],
)
def test_no_duplicate_warning_outside_the_limits(register, roles, changes):
    real = Incident.objects.get(incident_id="2026.MMP0007")
    data = form_data(
        date="2026-01-08", latitude=str(real.latitude), longitude=str(real.longitude), dead="41", missing="66"
    )
    data.update(changes)
    response = client_for(roles["author"]).post(reverse("incidents:create"), data)
    assert response.status_code == 302


def test_only_drafts_can_be_edited(register, roles):
    incident = Incident.objects.get(incident_id="2026.MMP0007")
    response = client_for(roles["author"]).post(reverse("incidents:edit", args=[incident.pk]), form_data())
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.place != "Off Lampedusa"


def test_publishing_and_withdrawing_recompute_the_10_7_3_series(register, roles):
    from migmon.incidents.aggregates import published_totals_refresh
    from migmon.indicators.models import Observation, Release

    published_totals_refresh()

    def value(m49):
        found = Observation.objects.filter(series__code="MMP_DTH_MIGR", area__m49=m49, period="2026").first()
        return None if found is None else found.value

    assert value("001") == 1900 and value("380") is None  # the 2026 export has no country of incident
    author, reviewer = client_for(roles["author"]), client_for(roles["reviewer"])
    author.post(reverse("incidents:create"), form_data())
    incident = Incident.objects.get(incident_id="2026.MMP9001")
    author.post(reverse("incidents:step", args=[incident.pk, "submit"]))
    reviewer.post(reverse("incidents:step", args=[incident.pk, "publish"]))
    assert (value("001"), value("380"), value("039"), value("150")) == (1903, 3, 3, 3)  # Italy, S. Europe, Europe
    reviewer.post(reverse("incidents:step", args=[incident.pk, "withdraw"]), {"note": "entered twice"})
    assert (value("001"), value("380")) == (1900, 0)
    releases = Release.objects.filter(dataset__code="migmon-missing-migrants-register").count()
    assert releases == 3  # one release per change of the figures


def test_the_form_offers_iom_vocabularies_and_lists_errors_at_the_top(register, roles):
    author = client_for(roles["author"])
    page = author.get(reverse("incidents:create")).content.decode()
    assert '<option value="Central Mediterranean">' in page and '<option value="Mediterranean">' in page
    response = author.post(reverse("incidents:create"), form_data(region="", route="Nowhere", dead="x"))
    html = response.content.decode()
    assert response.status_code == 200 and not Incident.objects.filter(incident_id="2026.MMP9001").exists()
    summary = html.index('id="error-summary"')
    assert summary < html.index('<form method="post" class="incident-form"')
    links = html[summary : html.index("</div>", summary)]
    assert all(f'href="#id_{name}"' in links for name in ("region", "route", "dead"))


def test_the_country_is_chosen_from_the_geography_and_a_far_point_is_flagged(register, roles):
    """Country of incident: the geography's areas (labelled in the editor's language, IOM's English name as the
    value, the M49 code for the map preview); a name outside them is refused. A point entered thousands of
    kilometres outside its country is saved but flagged: a badge on the review page, a filter in the list."""
    author = client_for(roles["author"])
    page = author.get(reverse("incidents:create")).content.decode()
    assert '<option value="Italy" data-m49="380">Italie</option>' in page
    assert '<option value="Libya" data-m49="434">Libye</option>' in page
    assert 'id="coordinates-preview"' in page and "incidents/coordinates_preview.js" in page
    refused = author.post(reverse("incidents:create"), form_data(country_name="Atlantis"))
    assert refused.status_code == 200 and 'href="#id_country_name"' in refused.content.decode()
    # 2020.MMP00507 as IOM's allData has it: a Libya shipwreck at a point in Arizona.
    author.post(
        reverse("incidents:create"), form_data(country_name="Libya", latitude="31.59165", longitude="-111.79165")
    )
    far = Incident.objects.get(incident_id="2026.MMP9001")
    assert far.country.m49 == "434" and far.far_from_country_km > 10_000
    author.post(
        reverse("incidents:create"),
        form_data(
            incident_id="2026.MMP9002", latitude="27.0", longitude="17.0", country_name="Libya", date="2026-03-20"
        ),
    )
    near = Incident.objects.get(incident_id="2026.MMP9002")
    assert near.far_from_country_km == 0.0  # central Libya, in the Sahara
    detail = author.get(reverse("incidents:detail", args=[far.pk])).content.decode()
    assert 'id="far-point"' in detail
    assert 'id="far-point"' not in author.get(reverse("incidents:detail", args=[near.pk])).content.decode()
    listing = author.get(reverse("incidents:manage") + "?status=draft&far=1").content.decode()
    assert "2026.MMP9001" in listing and "2026.MMP9002" not in listing
    assert "2026.MMP9002" in author.get(reverse("incidents:manage") + "?status=draft").content.decode()
