"""A country's progress toward 2030 in Chromium: from the French home page by clicks (menu → progress → country),
chips with icon and text, charts with target line and projection, the same page in English, and the country
profile's link. Screenshots at 1366 and 390 px go to the artifacts folder."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from migmon.progress.tests.conftest import load_progress_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def progress_site(transactional_db, live_server, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    call_command("import_seeds", verbosity=0)
    load_progress_data(data_dir)
    return live_server


def test_country_progress_page_reached_by_clicks(progress_site, page, artifacts_dir):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{progress_site.url}/fr/")
    page.get_by_role("link", name="Progrès 2030").click()
    page.wait_for_url(re.compile(r"/fr/progress/$"))
    page.get_by_role("link", name="Arménie", exact=True).click()
    page.wait_for_url(re.compile(r"/fr/progress/areas/ARM/$"))
    assert page.locator("h1").inner_text() == "Arménie"

    row = page.locator("tr.row-indicator", has=page.locator("a[href='#i-10-c-1']"))
    chip = row.locator(".chip").first
    assert words(chip.inner_text()) == "✗ Détérioration"  # icon and words, never colour alone
    card = page.locator("#u-si-rmt-cost-value")
    assert "S’éloigne de la cible" in card.locator(".trend").inner_text()
    chart = card.locator(".progress-chart")
    chart.locator("svg").wait_for()
    assert chart.get_attribute("data-ready") == "true"
    legend = chart.inner_text()
    assert "Cible" in legend and "Au rythme de croissance actuel" in legend
    page.screenshot(path=str(artifacts_dir / "progress-ARM-fr-1366.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    card.locator(".progress-chart svg").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts_dir / "progress-ARM-fr-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})

    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/en/progress/areas/ARM/$"))
    assert words(row.locator(".chip").first.inner_text()) == "✗ Deterioration"
    page.get_by_role("link", name="Country profile").click()
    page.wait_for_url(re.compile(r"/en/data/countries/ARM/$"))
    page.get_by_role("link", name="Progress toward 2030").first.click()
    page.wait_for_url(re.compile(r"/en/progress/areas/ARM/$"))


def test_progress_tab_on_the_indicator_page(progress_site, page, artifacts_dir):
    """The indicator page's progress tab switches without reload, draws the status map and lists the countries."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{progress_site.url}/es/data/indicators/10.c.1/")
    panel = page.locator("#panel-progress")
    assert panel.is_hidden()
    page.get_by_role("tab", name="Progreso hacia 2030").click()
    page.wait_for_url(re.compile(r"tab=progress"))
    assert panel.is_visible()
    panel.locator("#progress-map svg path").first.wait_for()
    # the trend projections of the chart's lines, drawn once the hidden tab gets its width
    panel.locator(".projection-chart[data-ready=true] svg").first.wait_for()
    assert "Tendencia proyectada a 2030" in panel.locator("#projections-title").inner_text()
    row = panel.locator("tr", has=page.locator("a[href='/es/progress/areas/AZE/']"))
    assert "Objetivo alcanzado" in row.inner_text()
    page.screenshot(path=str(artifacts_dir / "progress-tab-10.c.1-es-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    panel.locator("#progress-map svg path").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts_dir / "progress-tab-10.c.1-es-390.png"), full_page=True)
