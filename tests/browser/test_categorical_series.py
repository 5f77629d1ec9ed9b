"""10.7.2 policy scores drawn as categories in Chromium (issue 12, item 3): the chart is one coloured cell per
country and period (no line), its legend and tooltips name the categories in French with the code, and the map
colours countries by category with a legend of the four categories. Screenshots at 1366 and 390 px."""

from __future__ import annotations

import pytest

from migmon.indicators.models import Observation
from tests.browser.test_csp import RECORD_VIOLATIONS
from tests.portal_data import load_portal_data

pytestmark = pytest.mark.browser

POLICIES = "sdg-indicators-open-sdg-eca/indicator_10-7-2-SG_CPA_MIGRS.csv"
FRENCH = ["Nécessite des progrès supplémentaires", "Satisfait partiellement", "Satisfait", "Satisfait pleinement"]
RAMP = ["rgb(198, 219, 239)", "rgb(107, 174, 214)", "rgb(33, 113, 181)", "rgb(8, 48, 107)"]
SHOTS = "/work/helpers/shots/words"


@pytest.fixture
def policies(transactional_db, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    load_portal_data(data_dir, POLICIES)


@pytest.mark.parametrize("width", [1366, 390])
def test_scores_are_drawn_as_categories(policies, live_server, page, artifacts_dir, width):
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": width, "height": 900})
    areas = ("BGR", "KAZ", "DEU")
    page.goto(f"{live_server.url}/fr/data/series/SG_CPA_MIGRS/?" + "&".join(f"area={a}" for a in areas))
    page.wait_for_selector("#chart[data-ready='true'] svg")
    shown = Observation.objects.filter(
        series__code="SG_CPA_MIGRS", area__iso3__in=areas, dimensions__key="", value__isnull=False
    ).count()
    assert shown > 0
    assert page.locator("#chart g.mark-rect path").count() == shown  # one cell per area and period
    assert page.locator("#chart g.mark-line").count() == 0  # no trend line through categories
    legend = page.inner_text("#chart")
    assert all(label in legend for label in FRENCH)
    tooltip = page.locator("#vg-tooltip-element.visible")
    page.locator("#chart g.mark-rect path").first.hover(force=True)
    tooltip.wait_for()
    text = tooltip.inner_text()
    assert "Code" in text and "Catégorie" in text and any(label in text for label in FRENCH)
    page.screenshot(path=f"{SHOTS}/10.7.2-chart-{width}.png", full_page=True)

    page.click("#tab-map")
    page.wait_for_selector("#map[data-ready='true'] svg")
    items = page.locator("#map-legend li").all_inner_texts()
    assert [t.strip() for t in items[:4]] == [f"{label} ({n})" for n, label in enumerate(FRENCH, start=1)]
    year = int(page.input_value("#state-year"))
    bulgaria = Observation.objects.get(series__code="SG_CPA_MIGRS", area__iso3="BGR", year=year, dimensions__key="")
    fill = page.locator("#map path[data-m49='100']").evaluate("n => getComputedStyle(n).fill")
    assert fill == RAMP[int(bulgaria.value) - 1]
    page.focus("#map path[data-m49='100']")
    score = int(bulgaria.value)
    assert page.inner_text("#map-tooltip") == f"Bulgarie: {FRENCH[score - 1]} ({score}) ({year})"
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the tooltip stays on the page
    page.screenshot(path=f"{SHOTS}/10.7.2-map-{width}.png", full_page=True)
    assert page.evaluate("window.__violations") == []
