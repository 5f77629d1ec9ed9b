"""Indicator and series pages: the state in the URL drives every tab, downloads and the embed."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from migmon.indicators.models import GcmObjective, Observation, Target


def rows_for(sample, name):
    return {row["Year"]: float(row["Value"]) for row in sample["rows"] if row["GeoAreaName"] == name}


@pytest.mark.django_db
def test_state_from_url_is_rendered_server_side(client, sample):
    html = client.get("/en/data/indicators/10.7.3/?tab=table&area=MLT&year=2019").content.decode()
    assert 'id="tab-table" href' in html and 'aria-selected="true" data-tab="table"' in html
    assert '<section class="panel" id="panel-chart" role="tabpanel" aria-labelledby="tab-chart" hidden>' in html
    assert '<option value="2019" selected>' in html
    assert re.search(r'<option value="MLT" data-search="Malta[^"]*MLT[^"]*" selected>', html)  # names for the picker
    # The table lists Malta's values (every year), as published.
    table = html.split('id="data-table"')[1].split("</table>")[0]
    assert table.count('<tr><th scope="row">Malta</th>') == len(rows_for(sample, "Malta"))


@pytest.mark.django_db
def test_map_rows_are_the_countries_of_the_year(client, sample):
    response = client.get("/en/data/series/SM_DTH_MIGR/?tab=map&year=2019")
    html = response.content.decode()
    data = json.loads(html.split('<script id="map-data" type="application/json">')[1].split("</script>")[0])
    expected = {row["GeoAreaName"] for row in sample["rows"] if row["Year"] == "2019"}
    assert {row["name"] for row in data} == expected
    malta = next(row for row in data if row["m49"] == "470")
    assert malta["placement"] == "dot" and malta["value"] == 84


@pytest.mark.django_db
def test_download_formats_hold_the_rows_shown(client, sample):
    chart = client.get("/en/data/series/SM_DTH_MIGR/download/", {"area": ["MLT", "GRC"], "format": "csv"})
    text = b"".join(chart.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["area"] for r in rows} == {"MLT", "GRC"}
    assert {(r["area"], r["area_name"]) for r in rows} == {("MLT", "Malta"), ("GRC", "Greece")}
    assert all(r["release"] and r["release_date"] for r in rows)
    assert len(rows) == len(rows_for(sample, "Malta")) + len(rows_for(sample, "Greece"))
    api = client.get("/api/v1/observations", {"series": "SM_DTH_MIGR", "area": ["MLT", "GRC"]}).json()["items"]
    assert sorted((r["area"], r["period"], float(r["value"])) for r in rows) == sorted(
        (i["area"], i["period"], i["value"]) for i in api
    )
    one_year = client.get("/en/data/series/SM_DTH_MIGR/download/", {"what": "map", "year": 2019, "format": "json"})
    document = json.loads(b"".join(one_year.streaming_content))
    assert {o["period"] for o in document["observations"]} == {"2019"}
    assert len(document["observations"]) == sum(1 for row in sample["rows"] if row["Year"] == "2019")
    sdmx = client.get("/en/data/series/SM_DTH_MIGR/download/", {"area": "MLT", "format": "sdmx-csv"})
    sdmx_rows = list(csv.DictReader(io.StringIO(b"".join(sdmx.streaming_content).decode("utf-8-sig"))))
    assert {r["REF_AREA"] for r in sdmx_rows} == {"470"} and {r["SERIES"] for r in sdmx_rows} == {"SM_DTH_MIGR"}
    assert client.get("/en/data/series/SM_DTH_MIGR/download/", {"format": "xls"}).status_code == 404


@pytest.mark.django_db
def test_embed_may_be_framed_and_pages_may_not(client, sample):
    embed = client.get("/fr/data/series/SM_DTH_MIGR/embed/?area=MLT")
    assert embed.status_code == 200 and "X-Frame-Options" not in embed
    assert client.get("/fr/data/series/SM_DTH_MIGR/")["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}


@pytest.mark.django_db
def test_unknown_codes_are_404(client, sample):
    for path in ("data/indicators/99.9.9/", "data/series/NOPE/", "data/countries/XXX/", "data/regions/999/"):
        assert client.get(f"/fr/{path}").status_code == 404, path


@pytest.mark.django_db
def test_gcm_pages_say_when_french_title_is_missing(client, sample):
    objective = GcmObjective.objects.create(
        number=3,
        title_en="Provide accurate and timely information at all stages of migration",
        short_label_en="Information",
    )
    objective.targets.add(Target.objects.get(code="10.7"))
    html = client.get("/fr/data/gcm/3/").content.decode()
    assert "Provide accurate and timely information" in html
    assert "Titre français non disponible dans les sources" in html
    assert "/fr/data/indicators/10.7.3/" in html


@pytest.mark.django_db
def test_country_index_sorts_by_folded_name(client, sample):
    from migmon.geo.models import Area

    Area.objects.filter(iso3="ALB").update(name_fr="Émirats test")
    html = client.get("/fr/data/countries/").content.decode()
    assert html.index("Émirats test") > html.index("Croatia") and html.index("Émirats test") < html.index("Finland")


@pytest.mark.django_db
def test_profile_and_pdf(client, sample):
    html = client.get("/en/data/countries/MLT/").content.decode()
    latest = max(int(year) for year in rows_for(sample, "Malta"))
    assert f"<td>{latest}</td>" in html
    assert Observation.objects.filter(area__iso3="MLT").count() == len(rows_for(sample, "Malta"))
    pdf = client.get("/en/data/countries/MLT/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_cached_profile_follows_a_new_release(client, sample):
    from migmon.indicators.models import DimensionSet, Release

    before = client.get("/en/data/countries/MLT/").content.decode()
    assert "<td>2023</td>" not in before
    old = sample["release"]
    release = Release.objects.create(
        dataset=old.dataset, file_name="next.csv", sha256="2" * 64, importer="t", importer_version="1"
    )
    Observation.objects.create(
        series=sample["series"],
        area=sample["areas"]["MLT"],
        period="2023",
        year=2023,
        dimensions=DimensionSet.objects.get(key=""),
        value=7,
        unit="NUMBER",
        release=release,
    )
    after = client.get("/en/data/countries/MLT/").content.decode()
    assert "<td>2023</td>" in after
