"""A data manager publishes through the web, in Chromium (issue 11's "Done means"): upload a copy of the bundled
10.7.3 file with one value changed and one bad row, read the report, upload the fixed file, see exactly one
changed value in the preview, publish, find the new value on the indicator page and in the API, roll back.

Jobs run in the request here (the test settings' immediate task backend); the worker itself is tested in
``publishing/tests/test_worker_kill.py``. Screenshots at 1366 and 390 px go to the artifacts folder."""

from __future__ import annotations

import json
from urllib.request import urlopen

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from migmon.core.groups import DATA_MANAGERS, groups_ensure
from tests.portal_data import SDG_10_7_3, load_portal_data

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-tests"
ALBANIA_2020 = '2020,"SM_DTH_MIGR","Albania",3'
BAD_ROW = '2021,"SM_DTH_MIGR","Atlantis",7\n'


@pytest.fixture
def published(transactional_db, data_dir, settings, tmp_path):
    settings.MIGMON_API_RATE_LIMIT = "0"
    settings.MIGMON_UPLOADS_DIR = tmp_path / "uploads"
    load_portal_data(data_dir, SDG_10_7_3)
    groups_ensure()
    manager = get_user_model().objects.create_user("manager", "manager@example.org", PASSWORD)
    manager.groups.add(Group.objects.get(name=DATA_MANAGERS))


@pytest.fixture
def edited_copies(data_dir, tmp_path):
    """The bundled file with Albania 2020 changed from 3 to 4: once with a bad row, once fixed."""
    text = (data_dir / SDG_10_7_3).read_text(encoding="utf-8")
    assert ALBANIA_2020 in text
    fixed = text.replace(ALBANIA_2020, '2020,"SM_DTH_MIGR","Albania",4')
    (tmp_path / "bad").mkdir()
    (tmp_path / "fixed").mkdir()
    bad_path = tmp_path / "bad" / "indicator_10-7-3.csv"
    bad_path.write_text(fixed.rstrip("\n") + "\n" + BAD_ROW, encoding="utf-8")
    fixed_path = tmp_path / "fixed" / "indicator_10-7-3.csv"
    fixed_path.write_text(fixed, encoding="utf-8")
    return bad_path, fixed_path


def albania_2020_in_api(base: str) -> float:
    with urlopen(f"{base}/api/v1/observations?series=SM_DTH_MIGR&area=ALB&start=2020&end=2020") as response:  # noqa: S310
        items = json.load(response)["items"]
    return next(item["value"] for item in items if item["period"] == "2020")


def shoot(page, artifacts_dir, name: str) -> None:
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()  # Wagtail lays the sidebar out for the width it loads at
        page.screenshot(path=str(artifacts_dir / f"publishing-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.reload()


def test_a_data_manager_uploads_fixes_publishes_and_rolls_back(
    published, edited_copies, live_server, page, artifacts_dir
):
    bad, fixed = edited_copies
    base = live_server.url
    assert albania_2020_in_api(base) == 3

    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    page.click("text=Publier des données")
    page.click("a:has-text('Imports de données')")
    page.wait_for_url(f"{base}/admin/publishing/")
    shoot(page, artifacts_dir, "uploads")

    page.set_input_files("input[type=file]", str(bad))
    page.click("button:has-text('Envoyer et vérifier')")
    page.wait_for_selector(".publishing-problems")
    assert "Refusé par la vérification" in page.inner_text("[data-publishing-status]")
    first_problem = page.locator(".publishing-problems tbody tr").first.inner_text()
    assert "erreur" in first_problem and "183" in first_problem and "Atlantis" in first_problem
    assert "zone inconnue name 'Atlantis' : aucune zone n'a ce nom ni cet alias" in first_problem  # the rule, in French
    assert page.locator(".publishing-actions button:has-text('Publier')").count() == 0
    shoot(page, artifacts_dir, "report")
    page.click(".publishing-actions button:has-text('Abandonner')")

    page.click("nav.publishing-tabs a[href$='/publishing/']")
    page.set_input_files("input[type=file]", str(fixed))
    page.click("button:has-text('Envoyer et vérifier')")
    page.wait_for_selector(".publishing-changes")
    assert page.inner_text("[data-count=changed]") == "1"
    changes = page.locator(".publishing-changes tbody tr")
    assert changes.count() == 1
    assert changes.first.inner_text().split("\t")[:3] == ["SM_DTH_MIGR", "ALB", "2020"]
    shoot(page, artifacts_dir, "preview")

    page.click(".publishing-actions button:has-text('Publier')")
    page.wait_for_selector(".publishing-status--published")
    assert albania_2020_in_api(base) == 4
    indicator = page.context.new_page()
    indicator.goto(f"{base}/fr/data/indicators/10.7.3/?tab=table&area=ALB")
    row = indicator.locator("#data-table tbody tr", has_text="2020").first.inner_text()
    assert row.split("\t")[-4:-2] == ["2020", "4"]
    indicator.close()

    page.click("nav.publishing-tabs a[href$='/releases/']")
    page.locator("table.listing tbody tr").first.locator("a").click()
    page.wait_for_selector("dl.publishing-facts")
    assert page.locator(".publishing-changes tbody tr").first.inner_text().split("\t")[:3] == [
        "SM_DTH_MIGR",
        "ALB",
        "2020",
    ]
    shoot(page, artifacts_dir, "release")
    page.click("button:has-text('Annuler la version')")
    page.wait_for_selector(".messages .success")
    assert albania_2020_in_api(base) == 3
    page.click("nav.publishing-tabs a[href$='/audit/']")
    # Newest first: upload, discard, upload, publish, roll back — each with the file's name.
    page.wait_for_url("**/audit/")
    page.wait_for_selector("table.publishing-audit")
    audit = page.locator("table.publishing-audit tbody tr")
    assert audit.count() == 5
    assert all("indicator_10-7-3.csv" in text for text in audit.all_inner_texts())
    shoot(page, artifacts_dir, "audit")


def test_a_data_manager_publishes_a_national_open_sdg_file_with_its_country(
    published, live_server, page, artifacts_dir
):
    """Armenia's national 17.3.2 CSV names no country (tests/data/national): the form's Area says it is ARM."""
    from pathlib import Path

    national = Path(__file__).resolve().parents[1] / "data" / "national" / "armenia" / "indicator_17-3-2.csv"
    base = live_server.url
    page.set_default_timeout(60_000)  # the check runs in the request
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    page.click("text=Publier des données")
    page.click("a:has-text('Imports de données')")
    page.wait_for_url(f"{base}/admin/publishing/")
    assert page.locator("label[for=id_area]").inner_text() == "Zone"
    shoot(page, artifacts_dir, "uploads-options")

    page.set_input_files("input[type=file]", str(national))
    page.fill("input[name=area]", "ARM")
    page.click("button:has-text('Envoyer et vérifier')")
    page.wait_for_selector(".publishing-status--checked")
    assert "zone des fichiers qui n’en nomment aucune : ARM" in page.inner_text(".publishing-summary")
    assert page.inner_text("[data-count=added]") == "9"
    shoot(page, artifacts_dir, "national-preview")

    page.click(".publishing-actions button:has-text('Publier')")
    page.wait_for_selector(".publishing-status--published")
    with urlopen(f"{base}/api/v1/observations?series=BX_TRF_PWKR&area=ARM&start=2023&end=2023") as response:  # noqa: S310
        [item] = json.load(response)["items"]
    assert (item["period"], item["value"]) == ("2023", 6.0)
