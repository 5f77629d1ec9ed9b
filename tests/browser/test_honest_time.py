"""Honest time in Chromium: the register's 10.7.3 series draws its provisional years (2025, 2026: data as of
the IOM exports of 2025-09-15 and 2026-05-06) dashed with hollow points, the table says so beside each, and
the page fits 1366 and 390 px. Screenshots go to the artifacts folder."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from migmon.incidents.aggregates import SERIES_CODE

pytestmark = pytest.mark.browser


@pytest.fixture
def register(transactional_db, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    call_command("load_geography", verbosity=0)
    call_command("import_bundled_incidents", verbosity=0)


def test_provisional_years_are_drawn_dashed_and_said_in_the_table(register, live_server, page, artifacts_dir):
    url = f"{live_server.url}/en/data/series/{SERIES_CODE}/?area=001&area=150&start=2018"
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        page.wait_for_selector("#chart[data-ready='true'] svg")
        dashed = page.eval_on_selector_all(
            "#chart svg path[stroke-dasharray]", "nodes => nodes.filter(n => n.getAttribute('d')).length"
        )
        assert dashed == 2  # one provisional stretch per line (World, Europe)
        assert "provisional figures" in page.inner_text("#panel-chart figcaption")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts_dir / f"honest-time-chart-{width}.png"), full_page=True)
    page.click("#tab-table")
    cells = page.eval_on_selector_all(
        "#data-table tbody tr td:first-of-type", "nodes => nodes.map(n => n.textContent.trim())"
    )
    assert "2026 (provisional, data as of May 6, 2026)" in cells and "2024" in cells
    page.screenshot(path=str(artifacts_dir / "honest-time-table-390.png"), full_page=True)


def test_the_register_draws_provisional_years_pale(register, live_server, page, artifacts_dir):
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/es/missing-migrants/")
        page.wait_for_selector("[data-chart='year'] svg")
        assert "2026: provisional, datos al 6 de mayo de 2026" in page.inner_text(".incident-charts")
        pale = page.eval_on_selector_all(
            "[data-chart='year'] svg path[aria-roledescription='bar'][opacity='0.4'], "
            "[data-chart='year'] svg path[aria-roledescription='bar'][fill-opacity='0.4']",
            "nodes => nodes.length",
        )
        assert pale == 4  # dead and missing of 2025 and 2026
        page.locator(".incident-charts").screenshot(path=str(artifacts_dir / f"honest-time-register-{width}.png"))
