"""IOM's categories (region, route, cause) read in the page's language; filters keep IOM's English values."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import translation

from migmon.incidents.imports import incidents_import
from migmon.incidents.models import Incident
from migmon.incidents.vocabulary import CATEGORIES, category_label

CSV_2026 = "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv"


def test_every_category_is_translated_in_french_and_spanish():
    for language in ("fr", "es"):
        with translation.override(language):
            untranslated = [value for value in CATEGORIES if category_label(value) == value]
            assert set(untranslated) <= {"Darien", "Europe", "Violence"}, (language, untranslated)
    with translation.override("fr"):
        assert category_label("Mediterranean,North America") == "Méditerranée, Amérique du Nord"
        assert category_label("A new IOM category") == "A new IOM category"


@pytest.mark.django_db
def test_the_register_shows_categories_translated_and_filters_by_iom_values(data_dir):
    incidents_import(path=data_dir / CSV_2026)
    values = set()
    for region, route, causes in Incident.objects.values_list("region", "route", "causes"):
        values |= {region, route, *causes}
    with translation.override("es"):
        unknown = {v for v in values if v and category_label(v) == v and v not in CATEGORIES}
    assert not unknown  # every category of the 2026 export has its words

    html = Client().get("/es/missing-migrants/?route=Central+Mediterranean").content.decode()
    assert '<option value="Central Mediterranean" selected>Mediterráneo central</option>' in html
    by_route = json.loads(html.split('id="data-route" type="application/json">')[1].split("</script>")[0])
    assert {"key": "Central Mediterranean", "label": "Mediterráneo central"}.items() <= by_route[0].items()
