"""Every source kept (issue 10, item 3): a national file never changes a global value, and both are served.

Kazakhstan's national SDG platform publishes 17.3.2 (remittances, % of GDP) as SDMX-ML with REPORTING_TYPE="N"
(data/sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml: 2010–2021, 0.22 in 2020); the UN Global SDG Database extract
bundled with migmon holds the World Bank's figure for the same country and year (indicator_17-3-2.csv:
0.21884). The national file names neither series nor area (``_T``), so it is imported with both given.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from migmon.importers.sdmx_ml import SdmxMlReader
from migmon.indicators.models import Observation, ObservationRevision
from migmon.indicators.releases import release_rollback
from migmon.indicators.services import FileSource, release_import
from tests.portal_data import load_portal_data

UN_FILE = "sdg-indicators-open-sdg-eca/indicator_17-3-2.csv"
NATIONAL_FILE = "sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml"
SERIES = "BX_TRF_PWKR"
# The national file's twelve values, 2010–2021 (PROVENANCE.md of the samples).
NATIONAL = [0.15, 0.09, 0.14, 0.14, 0.18, 0.16, 0.28, 0.34, 0.34, 0.28, 0.22, 0.16]
GLOBAL_2020 = 0.21884


def global_state() -> list[tuple]:
    """Every global value with everything that describes it, to compare before and after."""
    return sorted(
        Observation.objects.filter(reporting_type="G").values_list(
            "series_id", "area_id", "period", "dimensions_id", "value", "unit", "nature", "footnote", "release_id"
        )
    )


@pytest.fixture
def both(db, data_dir):
    load_portal_data(data_dir, UN_FILE)
    before = global_state()
    reader = SdmxMlReader(series=SERIES, area="398")
    national = release_import(source=FileSource(data_dir / NATIONAL_FILE, reader))
    return before, national


def test_the_national_file_adds_its_values_and_changes_no_global_one(both):
    before, national = both
    assert (national.added, national.changed, national.unchanged) == (12, 0, 0)
    assert global_state() == before
    assert not ObservationRevision.objects.exists()  # no value was replaced
    kazakhstan = Observation.objects.filter(series__code=SERIES, area__iso3="KAZ")
    assert [o.value for o in kazakhstan.filter(reporting_type="N").order_by("period")] == NATIONAL
    assert kazakhstan.get(reporting_type="G", period="2020").value == GLOBAL_2020

    release_rollback(release=national.release)
    assert global_state() == before and not Observation.objects.filter(reporting_type="N").exists()


def test_the_api_serves_both_with_their_releases(client, both):
    _before, national = both
    answer = client.get("/api/v1/observations", {"series": SERIES, "area": "KAZ", "start": 2020, "end": 2020})
    items = answer.json()["items"]
    un_release = Observation.objects.get(series__code=SERIES, area__iso3="KAZ", period="2020", reporting_type="G")
    assert [(i["reporting_type"], i["value"], i["release"]) for i in items] == [
        ("G", GLOBAL_2020, un_release.release_id),
        ("N", 0.22, national.release.pk),
    ]
    only_national = client.get("/api/v1/observations", {"series": SERIES, "area": "KAZ", "reporting_type": "N"})
    assert [i["value"] for i in only_national.json()["items"]] == NATIONAL


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", ("Mondial", "National")), ("en", ("Global", "National")), ("es", ("Mundial", "Nacional"))],
)
def test_the_series_table_shows_them_side_by_side_and_marks_the_difference(client, both, language, words):
    _before, national = both
    with translation.override(language):
        url = reverse("portal:series_detail", args=[SERIES])
    page = client.get(url, {"area": "KAZ", "tab": "table", "start": 2019, "end": 2021})
    assert page.status_code == 200
    table = BeautifulSoup(page.content, "html.parser").select_one("#data-table")
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert any(words[0] in h for h in headers) and any(words[1] in h for h in headers)
    rows = {tr.select("td")[0].get_text(strip=True): tr for tr in table.select("tbody tr")}
    cells = {td["data-reporting-type"]: td for td in rows["2020"].select("td[data-reporting-type]")}
    assert float(cells["G"]["data-value"]) == GLOBAL_2020 and float(cells["N"]["data-value"]) == 0.22
    assert cells["N"].select_one("a.release")["href"].endswith(f"#release-{national.release.pk}")
    assert "differs" in rows["2020"]["class"]
    assert "≠" in rows["2020"].get_text()
    # 2021: only the national platform has a value; nothing to compare.
    only = {td["data-reporting-type"]: td for td in rows["2021"].select("td[data-reporting-type]")}
    assert only["G"].get_text(strip=True) == "–" and float(only["N"]["data-value"]) == 0.16
    assert "differs" not in (rows["2021"].get("class") or [])


def test_the_country_profile_figure_shows_both_for_their_latest_common_year(client, both):
    _before, national = both
    with translation.override("en"):
        url = reverse("portal:country_profile", args=["KAZ"])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    row = next(tr for tr in page.select("#indicators tbody tr") if "17.3.2" in tr.select_one("th").get_text())
    figure = row.select_one(".side-by-side")
    assert figure["data-period"] == "2020" and "differs" in figure["class"]
    sources = {span["data-reporting-type"]: span.get_text(" ", strip=True) for span in figure.select(".source")}
    assert "0.21884" in sources["G"] and "Global" in sources["G"]
    assert row.select("td")[0].get_text(" ", strip=True).startswith("0.22")  # the headline: the global 2020 figure
    assert "0.22" in sources["N"] and f"#{national.release.pk}" in sources["N"]  # "release #N" in English
    link = figure.select_one('[data-reporting-type="N"] a.release')["href"]
    assert link.endswith(f"#release-{national.release.pk}")
