"""10.7.2 policy scores are categories (issue 12, item 3): the series page labels each value in the page's
language with its code on hover, draws categories (no trend line, no projection), and downloads keep the code.
Figures are the bundled UN SDG 10.7.2 file's (Bulgaria 2021, all domains = 2; domain 2 = 4)."""

from __future__ import annotations

import csv
import json
import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

POLICIES_FILE = "sdg-indicators-open-sdg-eca/indicator_10-7-2-SG_CPA_MIGRS.csv"
LABELS = {
    "fr": ["Nécessite des progrès supplémentaires", "Satisfait partiellement", "Satisfait", "Satisfait pleinement"],
    "en": ["Requires further progress", "Partially meets", "Meets", "Fully meets"],
    "es": ["Requiere más avances", "Cumple parcialmente", "Cumple", "Cumple plenamente"],
}


@pytest.fixture
def policies(db, data_dir):
    out = StringIO()
    call_command("load_geography", stdout=out, stderr=out)
    call_command("load_framework", stdout=out, stderr=out)
    call_command("import_data", str(data_dir / POLICIES_FILE), stdout=out, stderr=out)
    cache.clear()
    with (data_dir / POLICIES_FILE).open(encoding="utf-8") as handle:
        return {
            (row["GeoAreaName"], row["Year"], row["Policy Domains"]): row["Value"] for row in csv.DictReader(handle)
        }


def _json(html: str, script_id: str):
    match = re.search(rf'<script id="{script_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, script_id
    return json.loads(match.group(1))


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_scores_are_labelled_with_their_code_on_hover(client, policies, language):
    assert policies[("Bulgaria", "2021", "ALLDOMAINS")] == "2"
    html = client.get(f"/{language}/data/series/SG_CPA_MIGRS/?area=BGR&tab=table").content.decode()
    label = LABELS[language][1]
    assert f'<span class="coded" title="2">{label}</span>' in html  # the table cell, and the map's list
    categories = _json(html, "chart-categories")
    assert categories == [{"code": str(n), "label": text} for n, text in enumerate(LABELS[language], start=1)]
    assert _json(html, "map-categories") == categories
    bulgaria = [r for r in _json(html, "chart-data") if r["code"] == "BGR" and r["period"] == "2021"]
    assert [(r["value"], r["category"], r["category_code"]) for r in bulgaria] == [(2.0, label, "2")]
    assert 'class="projection-card"' not in html  # no trend through categories


def test_a_policy_domain_is_labelled_too_and_the_csv_keeps_the_code(client, policies):
    assert policies[("Bulgaria", "2021", "DOMAIN2")] == "4"
    page = client.get("/en/data/series/SG_CPA_MIGRS/?area=BGR&breakdown=by:COMPOSITE_BREAKDOWN&tab=table")
    html = page.content.decode()
    rows = [r for r in _json(html, "chart-data") if r["period"] == "2021" and r["breakdown"].startswith("Domain 2")]
    assert [(r["category"], r["category_code"]) for r in rows] == [("Fully meets", "4")]
    download = client.get(
        "/en/data/series/SG_CPA_MIGRS/download/?area=BGR&breakdown=by:COMPOSITE_BREAKDOWN&what=chart&format=csv"
    )
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(StringIO(text)))
    domain2 = [r for r in rows if r["period"] == "2021" and r["COMPOSITE_BREAKDOWN"] == "PD_2"]
    assert [r["value"] for r in domain2] == ["4"]
    assert "Fully meets" not in text  # files keep the published code
