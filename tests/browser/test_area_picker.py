"""The searchable country picker of the series pages (issue 12, item 6) in Chromium: type "All", pick Germany
(Allemagne) with the keyboard, the chart and the URL follow; a chip removes it again; "turk" finds Turquie by
Türkiye's folded name and "Alemania" finds Germany on the French page. Without JavaScript the plain multi-select
still submits. Axe finds nothing serious on the enhanced form; screenshots at 1366 and 390 px."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.test_journeys import SERIOUS
from tests.portal_data import DESA_2024_DESTINATION, load_portal_data

pytestmark = pytest.mark.browser

SHOTS = Path("/work/helpers/shots/share")
PAGE = "/fr/data/series/MIGSTOCK/"


@pytest.fixture
def portal(transactional_db, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    load_portal_data(data_dir, DESA_2024_DESTINATION)


def _areas(url: str) -> list[str]:
    return parse_qs(urlparse(url).query).get("area", [])


def _chart_areas(page) -> set[str]:
    return {row["area"] for row in json.loads(page.inner_text("#chart-data"))}


def test_type_pick_and_remove_a_country(portal, live_server, page, artifacts_dir):
    page.set_default_timeout(60_000)  # a series page renders in seconds on a loaded machine
    page.goto(f"{live_server.url}{PAGE}")
    page.wait_for_selector("#chart[data-ready=true]")
    combo = page.get_by_role("combobox", name="Pays et régions (graphique et tableau)")
    assert page.is_hidden("#state-area")  # the plain select stays in the form, out of sight
    before = set(_chart_areas(page))
    assert "Allemagne" not in before

    combo.fill("All")
    listbox = page.locator("#state-area-listbox")
    assert listbox.is_visible()
    assert combo.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert options.first.inner_text() == "Allemagne"  # a name starting with the query comes first
    assert page.locator("#state-area-status").inner_text().endswith("correspondent.")
    assert combo.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(SHOTS / "picker-1366-typing.png"))

    with page.expect_navigation():
        combo.press("Enter")
    page.wait_for_selector("#chart[data-ready=true]")
    assert "DEU" in _areas(page.url)
    assert "Allemagne" in _chart_areas(page)  # the chart's rows now hold Germany
    assert page.evaluate("document.activeElement.id") == "state-area-input"  # the focus came back
    chip = page.get_by_role("button", name="Retirer Allemagne")
    assert chip.is_visible()
    page.screenshot(path=str(SHOTS / "picker-1366-chosen.png"))

    with page.expect_navigation():
        chip.click()
    page.wait_for_selector("#chart[data-ready=true]")
    assert "DEU" not in _areas(page.url)
    assert "Allemagne" not in _chart_areas(page)


def test_filter_folds_accents_and_reads_every_language(portal, live_server, page):
    page.set_default_timeout(60_000)
    page.goto(f"{live_server.url}{PAGE}")
    combo = page.locator("#state-area-input")
    combo.fill("turk")  # Türkiye's English name, folded, leads to its French one
    assert "Turquie" in page.locator("#state-area-listbox [role=option]").all_inner_texts()
    combo.fill("cote d")  # accents and apostrophes folded
    assert page.locator("#state-area-listbox [role=option]").all_inner_texts() == ["Côte d’Ivoire"]
    combo.fill("Alemania")  # the Spanish name, on the French page
    assert page.locator("#state-area-listbox [role=option]").all_inner_texts() == ["Allemagne"]
    combo.fill("zzzz")
    assert page.locator("#state-area-status").inner_text() == "Aucun pays ni aucune région ne correspond."
    combo.press("Escape")
    assert page.locator("#state-area-listbox").is_hidden()
    # Arrow keys walk the list; Escape twice clears the text.
    combo.fill("")
    combo.press("ArrowDown")
    first = page.locator("#state-area-listbox [role=option]").first
    assert combo.get_attribute("aria-activedescendant") == first.get_attribute("id")
    combo.press("Escape")
    combo.fill("x")
    combo.press("Escape")
    combo.press("Escape")
    assert combo.input_value() == ""


def test_at_390_px_and_for_axe(portal, live_server, chromium):
    context = chromium.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{PAGE}?area=DEU&area=FRA&area=TUR")
        page.wait_for_selector("#chart[data-ready=true]")
        page.locator("#state-area-input").fill("al")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "picker-390.png"), full_page=False)
        page.add_script_tag(url=f"{live_server.url}/static/vendor/axe.min.js")
        issues = page.evaluate(SERIOUS)
        assert not issues, "\n".join(issues)
    finally:
        context.close()


def test_without_javascript_the_select_submits(portal, live_server, chromium):
    context = chromium.new_context(locale="fr-FR", java_script_enabled=False)
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{PAGE}")
        assert page.is_visible("#state-area")
        page.select_option("#state-area", ["DEU", "TUR"])
        with page.expect_navigation():
            page.click("#view-state button.apply")
        assert sorted(_areas(page.url)) == ["DEU", "TUR"]
        assert {"Allemagne", "Turquie"} <= _chart_areas(page) or {"Allemagne", "Türkiye"} <= _chart_areas(page)
    finally:
        context.close()
