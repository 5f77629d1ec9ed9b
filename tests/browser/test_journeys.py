"""The journeys of issue 12's "done means", by clicks only, and the accessibility check (axe-core from npm,
served as static/vendor/axe.min.js) of every public page type in the three languages.

From /en/ to the Central Mediterranean 2023 total (2,526 dead and missing: counted here from IOM's allData
workbook, the newest export holding 2023); from /fr/ to Germany's migrant stock chart, whose PNG, SVG and CSV
downloads are read back (Germany 2024: 16,750,084, data/undesa-migrant-stock-2024/PROVENANCE.md).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import struct

import openpyxl
import pytest
from django.core.management import call_command

from tests.portal_data import DESA_2024_DESTINATION, SDG_10_7_3, load_portal_data

pytestmark = pytest.mark.browser

ALLDATA = "iom-missing-migrants-alldata/Missing_Migrants_Global_Figures_allData.xlsx"
DATA_SECTIONS = {"fr": "/fr/donnees-et-recherche/", "en": "/en/data-and-research/", "es": "/es/datos-e-investigacion/"}
AXE_PAGES = {
    "home": "/{lang}/",
    "indicator": "/{lang}/data/indicators/10.7.3/",
    "series": "/{lang}/data/series/MIGSTOCK/",
    "profile": "/{lang}/data/countries/DEU/",
    "register": "/{lang}/missing-migrants/",
    "search": "/{lang}/search/?q=migration",
}
SERIOUS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""


@pytest.fixture
def site(transactional_db, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    call_command("import_seeds", verbosity=0)
    load_portal_data(data_dir, SDG_10_7_3, DESA_2024_DESTINATION)
    call_command("import_bundled_incidents", verbosity=0)


def central_mediterranean_2023(data_dir) -> int:
    """Dead and missing on the Central Mediterranean route in 2023, summed from IOM's workbook itself."""
    sheet = openpyxl.load_workbook(data_dir / ALLDATA, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    column = {name: index for index, name in enumerate(next(rows))}
    return int(
        sum(
            row[column["Total Number of Dead and Missing"]] or 0
            for row in rows
            if row[column["Incident Year"]] == 2023 and row[column["Migration Route"]] == "Central Mediterranean"
        )
    )


def test_from_the_home_page_to_the_figures_by_clicks(site, live_server, page, artifacts_dir, data_dir):
    base = live_server.url
    # /en/ → the register → Central Mediterranean, 2023.
    page.goto(f"{base}/en/")
    page.locator(".home-data").get_by_role("link", name="Missing Migrants register", exact=True).click()
    page.wait_for_url(re.compile(r"/en/missing-migrants/$"))
    page.select_option("#f-route", "Central Mediterranean")
    page.select_option("#f-year", "2023")
    page.click("#apply-filters")
    page.wait_for_url(re.compile(r"route=Central\+Mediterranean"))
    total = page.locator("dd[data-total=total]").inner_text()
    assert int(re.sub(r"\D", "", total)) == central_mediterranean_2023(data_dir) == 2526
    page.screenshot(path=str(artifacts_dir / "journey-central-mediterranean-2023.png"), full_page=True)

    # /fr/ → countries → Germany → its migrant stock chart.
    page.goto(f"{base}/fr/")
    page.locator(".home-data").get_by_role("link", name="Pays et régions", exact=True).click()
    page.get_by_role("link", name="Allemagne", exact=True).first.click()
    page.wait_for_url(re.compile(r"/fr/data/countries/DEU/$"))
    page.locator("#stock a.full-chart").first.click()
    page.wait_for_url(re.compile(r"/fr/data/series/MIGSTOCK/\?area=DEU$"))
    page.wait_for_selector("#chart[data-ready=true]")
    page.screenshot(path=str(artifacts_dir / "journey-germany-stock.png"), full_page=True)

    with page.expect_download() as png:
        page.click("[data-image=png]")
    image = open(png.value.path(), "rb").read()  # noqa: SIM115 - a temporary download
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", image[16:24])
    assert width >= 1500 and height >= 800  # the chart at 2× with its title above and its credits below
    with page.expect_download() as svg:
        page.click("[data-image=svg]")
    drawing = open(svg.value.path(), encoding="utf-8").read()  # noqa: SIM115
    for text in ("Allemagne", "UN DESA Population Division", "Licence : CC BY 3.0 IGO", "/fr/data/series/MIGSTOCK/?"):
        assert text in drawing, text

    with page.expect_download() as download:
        page.locator("#panel-chart a[data-download=csv]").click()
    content = open(download.value.path(), "rb").read()  # noqa: SIM115
    assert content.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    germany_2024 = [r for r in rows if r["period"] == "2024" and not r["SEX"]]
    assert [(r["area"], r["area_name"], r["value"]) for r in germany_2024] == [("DEU", "Allemagne", "16750084")]
    assert germany_2024[0]["release"] and germany_2024[0]["release_date"]


def test_no_serious_accessibility_issue_on_any_page_type(site, live_server, page, artifacts_dir):
    found = []
    for lang in ("fr", "en", "es"):
        pages = {name: path.format(lang=lang) for name, path in AXE_PAGES.items()} | {"data": DATA_SECTIONS[lang]}
        for name, path in pages.items():
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("networkidle")
            page.add_script_tag(url=f"{live_server.url}/static/vendor/axe.min.js")
            found.extend(f"{lang} {name}: {issue}" for issue in page.evaluate(SERIOUS))
    assert not found, "\n".join(found)
