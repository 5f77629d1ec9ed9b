"""Words, not codes, in three languages: units and natures as labels with the code on hover, the breakdown
menu named for what it chooses, and English-only series names marked lang="en"."""

from __future__ import annotations

import pytest
from django.utils import translation

from migmon.indicators.models import Series
from migmon.portal import labels
from migmon.portal.selectors import breakdown_names


@pytest.mark.parametrize(
    ("language", "unit", "lang_mark"),
    [("fr", "Nombre", True), ("es", "Número", True), ("en", "Number", False)],
)
def test_series_page_names_the_unit_and_marks_an_english_only_name(client, sample, language, unit, lang_mark):
    html = client.get(f"/{language}/data/series/SM_DTH_MIGR/").content.decode()
    assert f'<span class="coded" title="NUMBER">{unit}</span>' in html
    assert f'"unit": "{unit}"' in html  # the chart's axis and the map legend
    assert ": NUMBER" not in html and "(NUMBER)" not in html
    name = "Total deaths and disappearances recorded during migration"
    assert (f'<h1><span lang="en">{name}</span></h1>' in html) is lang_mark
    assert (f"<h1>{name}</h1>" in html) is not lang_mark


def test_a_translated_name_is_not_marked(client, sample):
    Series.objects.filter(code="SM_DTH_MIGR").update(name_fr="Total des décès et disparitions")
    html = client.get("/fr/data/series/SM_DTH_MIGR/").content.decode()
    assert "<h1>Total des décès et disparitions</h1>" in html


def test_the_breakdown_menu_is_named_for_what_it_chooses():
    remittances, stock, policies = (Series(code=code) for code in ("SI_RMT_COST_BC", "MIGSTOCK_OD", "SG_CPA_MIGRS"))
    with translation.override("fr"):
        assert breakdown_names(remittances, {1: {}, 2: {"COUNTERPART_AREA": "FRA"}}) == "Pays de réception"
        assert breakdown_names(stock, {1: {"COUNTERPART_AREA": "DEU"}}) == "Pays d'origine"
        assert breakdown_names(policies, {1: {"COMPOSITE_BREAKDOWN": "PD_1"}, 2: {}}) == "Domaine de politique"
        assert breakdown_names(Series(code="MIGSTOCK"), {1: {"SEX": "F", "AGE": "Y0T4"}}) == "Sexe, Âge"
        assert breakdown_names(Series(code="SM_DTH_MIGR"), {1: {}}) == ""
    with translation.override("es"):
        assert labels.unit_label("PER_100000_EMP") == "Por cada 100.000 empleados"
        assert labels.nature_label("E") != "E"
