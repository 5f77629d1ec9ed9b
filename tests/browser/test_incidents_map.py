"""The Missing Migrants page in Chromium: filter to one year and route, the totals panel equals the API, the CSV
download holds exactly the filtered incidents. Screenshots go to the artifacts folder."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.request import urlopen

import pytest

from migmon.incidents.imports import incidents_import

pytestmark = pytest.mark.browser

FILES = (
    "iom-missing-migrants-api-json/2025-json.json.gz",
    "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv",
)


@pytest.fixture
def register(transactional_db, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    for name in FILES:
        incidents_import(path=data_dir / name)


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_filter_map_check_totals_and_download_csv(register, live_server, page, artifacts_dir):
    page.goto(f"{live_server.url}/fr/missing-migrants/")
    page.wait_for_selector("#incident-map .land path")
    page.wait_for_selector("#incident-map .clusters circle")
    page.wait_for_selector(".chart svg, .chart canvas")
    page.screenshot(path=str(artifacts_dir / "incidents-map-all.png"), full_page=True)

    page.select_option("#f-year", "2025")
    page.select_option("#f-route", "Central Mediterranean")
    page.click("#apply-filters")
    page.wait_for_url(re.compile(r"year=2025.*route=Central\+Mediterranean"))
    page.wait_for_selector("#incident-map .clusters circle")
    page.wait_for_selector(".chart svg, .chart canvas")
    page.screenshot(path=str(artifacts_dir / "incidents-map-2025-central-med.png"), full_page=True)

    panel = {
        key: number(page.text_content(f'[data-total="{key}"]')) for key in ("dead", "missing", "total", "incidents")
    }
    with urlopen(f"{live_server.url}/api/v1/incidents/totals?year=2025&route=Central+Mediterranean") as response:  # noqa: S310
        (api,) = json.load(response)["items"]
    assert panel == {key: api[key] for key in panel}
    assert api["incidents"] > 0

    # The map shows the same set (framed to fit it): its clusters add up to the panel.
    shown = page.eval_on_selector_all(
        "#incident-map .cluster", "links => links.map(a => [+a.dataset.total, +a.dataset.incidents])"
    )
    assert sum(total for total, _ in shown) == panel["total"]
    assert sum(count for _, count in shown) == panel["incidents"]

    with page.expect_download() as download_info:
        page.click("#csv-download")
    path = download_info.value.path()
    rows = list(csv.DictReader(io.StringIO(open(path, encoding="utf-8").read())))
    (artifacts_dir / "incidents-2025-central-med.csv").write_text(open(path, encoding="utf-8").read(), encoding="utf-8")
    # One line per counted row (a split incident's rows keep their own cause, place and counts).
    assert len({row["incident_id"] for row in rows}) == panel["incidents"] <= len(rows)
    assert sum(int(row["total"]) for row in rows) == panel["total"]
    assert {row["year"] for row in rows} == {"2025"} and {row["route"] for row in rows} == {"Central Mediterranean"}

    # Back to everything, then into the largest cluster: the server re-clusters for the visible box.
    page.goto(f"{live_server.url}/en/missing-migrants/")
    page.wait_for_selector("#incident-map .clusters circle")
    status = page.text_content(".map-status")
    page.locator("#incident-map .cluster").first.focus()  # keyboard: Enter opens a cluster
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('.map-status').textContent !== {json.dumps(status)}")
    page.wait_for_selector("#incident-map .clusters circle")
    page.screenshot(path=str(artifacts_dir / "incidents-map-zoomed.png"))


def test_data_manager_sees_history_and_methodology_reads_well(register, live_server, page, artifacts_dir):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.test import Client

    from migmon.incidents.models import Incident

    # The data managers' permissions on this app (ensure_groups needs Wagtail's root collection, which the
    # transactional test database flushes between tests).
    user = get_user_model().objects.create_user(username="manager", password="a-long-test-password")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="incidents"))
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])

    incident = Incident.objects.get(incident_id="2026.MMP0007")
    page.goto(f"{live_server.url}/en/missing-migrants/manage/{incident.pk}/")
    assert page.is_visible("text=History") and page.is_visible("text=Withdraw")
    page.screenshot(path=str(artifacts_dir / "incidents-manage-detail.png"), full_page=True)

    page.goto(f"{live_server.url}/es/missing-migrants/methodology/")
    assert page.is_visible("text=Indicador 10.7.3 de los ODS")
    page.screenshot(path=str(artifacts_dir / "incidents-methodology-es.png"), full_page=True)


def test_a_split_incident_shows_each_row_with_its_own_cause(register, live_server, page, artifacts_dir):
    """2025.MMP0956 (one death by sickness in hospital, ten missing at sea): the public page and the data
    manager's edit form list both rows; the form shows the rows' own values read-only."""
    from django.contrib.auth import get_user_model

    from migmon.incidents import services
    from migmon.incidents.models import Incident

    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/en/missing-migrants/incident/2025.MMP0956/")
        rows = page.locator(".incident-parts li").all_text_contents()
        assert len(rows) == 2 and "Sickness" in rows[0] and "dead 1" in rows[0]
        assert "Drowning" in rows[1] and "missing 10" in rows[1]
        page.screenshot(path=str(artifacts_dir / f"incident-split-{width}.png"), full_page=True)

    # A superuser: the other tests of this module flush the tables the groups' Wagtail permissions need.
    manager = get_user_model().objects.create_superuser(username="manager", password="a-long-test-password")
    incident = Incident.objects.get(incident_id="2025.MMP0956")
    services.incident_return(actor=manager, incident=incident, note="check the hospital record")
    page.goto(f"{live_server.url}/admin/login/?next=/en/missing-migrants/manage/{incident.pk}/edit/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_selector(".split-rows .incident-parts li")
    assert page.locator("input[name=dead]").is_disabled() and not page.locator("input[name=date]").is_disabled()
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts_dir / f"incident-split-edit-{width}.png"), full_page=True)
