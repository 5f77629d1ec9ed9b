"""The nature of a value (the SDG DSD's NATURE: C country data, E estimated, M modelled …) is shown as a label
in the page's language with the code on hover in the table, and as label and code in the chart's tooltip
(issue 12, item 3). The bundled data with natures: Kyrgyzstan's 10.7.2 SDMX file (NATURE="C" on its 7 values)."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

KYRGYZSTAN = "national/kyrgyzstan_10.7.2.xml"
COUNTRY_DATA = {"fr": "Données nationales", "en": "Country data", "es": "Datos nacionales"}


@pytest.fixture
def kyrgyz_policies(db, data_dir):
    out = StringIO()
    call_command("load_geography", stdout=out, stderr=out)
    call_command("load_framework", stdout=out, stderr=out)
    call_command("import_data", str(data_dir.parent / "tests" / "data" / KYRGYZSTAN), stdout=out, stderr=out)
    cache.clear()


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_the_nature_is_a_label_with_its_code(client, kyrgyz_policies, language):
    html = client.get(f"/{language}/data/series/SG_CPA_MIGRS/?area=KGZ&tab=table").content.decode()
    label = COUNTRY_DATA[language]
    assert f'<td><span class="coded" title="C">{label}</span></td>' in html
    rows = json.loads(re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)[1])
    assert [(r["period"], r["value"], r["nature"], r["nature_text"]) for r in rows] == [
        ("2019", 3.0, "C", f"{label} (C)")  # the file's total (all domains): 3, "Meets"
    ]
    words = json.loads(re.search(r'<script id="series-config" type="application/json">(.*?)</script>', html, re.S)[1])
    assert words["words"]["nature"] == {"fr": "Nature", "en": "Nature", "es": "Naturaleza"}[language]
