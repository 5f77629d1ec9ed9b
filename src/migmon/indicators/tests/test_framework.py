"""load_framework on the real SDG, series and GCM files: counts, titles, order, links, relevance, idempotence."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from migmon.indicators import framework_selectors as selectors
from migmon.indicators.framework import FrameworkLoadResult, framework_load
from migmon.indicators.framework_sources import sort_key
from migmon.indicators.models import GcmObjective, Goal, Indicator, IndicatorEntry, Series, Target

pytestmark = pytest.mark.django_db

MIGRATION_TARGETS = {"10.7", "10.c", "17.3", "8.8", "8.7", "16.2", "5.2", "4.b", "3.c", "17.18"}
MIGRATION_INDICATORS = {
    "10.7.1", "10.7.2", "10.7.3", "10.7.4", "10.c.1", "17.3.2", "8.8.1", "8.8.2", "8.7.1", "16.2.2", "17.18.1",
}  # fmt: skip


@pytest.fixture(scope="module")
def framework(django_db_setup, django_db_blocker) -> Iterator[FrameworkLoadResult]:
    with django_db_blocker.unblock():
        result = framework_load(data_dir=settings.DATA_DIR)
        yield result
        for model in (GcmObjective, Series, IndicatorEntry, Indicator, Target, Goal):
            model.objects.all().delete()


def test_counts(framework):
    assert Goal.objects.count() == 17
    assert Target.objects.count() == 169
    assert IndicatorEntry.objects.count() == 252  # numbered entries of the official list
    assert Indicator.objects.count() == 235  # distinct indicators: repeats share one row
    assert GcmObjective.objects.count() == 23


def test_repeated_indicators_are_one_row_with_several_targets(framework):
    disasters = selectors.indicator_by_code("13.1.1")
    assert disasters == selectors.indicator_by_code("1.5.1") == selectors.indicator_by_code("11.5.1")
    assert disasters.code == "1.5.1"
    assert sorted(disasters.targets.values_list("code", flat=True)) == ["1.5", "11.5", "13.1"]
    assert sorted(disasters.entries.values_list("code", flat=True)) == ["1.5.1", "11.5.1", "13.1.1"]
    repeated = [i for i in Indicator.objects.all() if i.entries.count() > 1]
    assert sum(i.entries.count() for i in repeated) - len(repeated) == 252 - 235


def test_titles_in_three_languages(framework):
    goal = Goal.objects.get(number=10)
    assert goal.title_en.startswith("Reduce inequality")
    assert goal.title_fr.startswith("Réduire les inégalités")
    assert goal.title_es.startswith("Reducir la desigualdad")
    deaths = Indicator.objects.get(code="10.7.3")
    assert (
        deaths.title_fr
        == "Nombre de personnes décédées ou disparues lors de la migration vers une destination internationale"
    )
    assert "responsible" in Indicator.objects.get(code="10.7.2").title_fr  # the source's typo is kept, not fixed
    assert all(t.title_en and t.title_fr and t.title_es for t in Target.objects.all())
    with translation.override("es"):
        assert deaths.title.startswith("Número de personas")


def test_codes_sort_as_people_read_them(framework):
    assert sort_key("10.2") < sort_key("10.10") < sort_key("10.a") < sort_key("10.b")
    goal_10 = selectors.goals_with_targets().get(number=10)
    assert [t.code for t in goal_10.targets.all()] == [
        "10.1", "10.2", "10.3", "10.4", "10.5", "10.6", "10.7", "10.a", "10.b", "10.c",
    ]  # fmt: skip
    codes = list(Indicator.objects.values_list("code", flat=True))
    assert codes.index("1.1.1") == 0 and codes.index("2.1.1") > codes.index("1.b.1")


def test_series_linked_to_indicators(framework):
    assert Series.objects.get(code="SM_DTH_MIGR").indicators.get().code == "10.7.3"
    assert list(selectors.series_for_indicator("10.c.1").values_list("code", flat=True)) == [
        "SI_RMT_COST", "SI_RMT_COST_BC", "SI_RMT_COST_SC", "SI_RMT_COST_SND",
    ]  # fmt: skip
    # "[1.5.1, 11.5.1, 13.1.1]" names one indicator three times.
    assert Series.objects.get(code="VC_DSR_MISS").indicators.get().code == "1.5.1"
    assert Series.objects.get(code="VC_DSR_MISS").name_en == "Number of missing persons due to disaster"
    multi = [s for s in Series.objects.prefetch_related("indicators") if "[" in s.name_en]
    assert multi == []  # the indicator bracket is stripped from names
    remit = Series.objects.get(code="BX_TRF_PWKR")
    assert (remit.unit, remit.unit_multiplier, remit.indicators.get().code) == ("PT", 0, "17.3.2")
    cost = Series.objects.get(code="SI_POV_DAY1")
    assert cost.allowed_dimensions["SEX"] == "ALL"
    assert "MS_MIGRANT" in cost.allowed_dimensions["COMPOSITE_BREAKDOWN"]
    assert Series.objects.count() == 665 + 13


def test_every_series_code_in_the_sdg_files_exists(framework, data_dir):
    import csv

    codes = set()
    for path in (data_dir / "sdg-indicators-open-sdg-eca").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            codes.update(row["SeriesCode"] for row in csv.DictReader(handle))
    assert codes - set(Series.objects.values_list("code", flat=True)) == set()


TABLES_2_TO_5 = ("POP_TOTAL", "MIGSTOCK_SHARE", "MIGSTOCK_FEMALE_SHARE", "MIGSTOCK_CHANGE")


def test_migstock_series_are_not_sdg_series(framework):
    stock = Series.objects.get(code="MIGSTOCK")
    assert stock.unit == "NUMBER" and stock.allowed_dimensions == {"SEX": ["_T", "F", "M"]}
    assert not stock.indicators.exists()
    # DESA Tables 2-5: population in thousands, the three others in percent; names in the three languages.
    desa = {s.code: s for s in Series.objects.filter(code__in=TABLES_2_TO_5)}
    assert {code: (s.unit, s.unit_multiplier) for code, s in desa.items()} == {
        "POP_TOTAL": ("NUMBER", 3),
        "MIGSTOCK_SHARE": ("PT", 0),
        "MIGSTOCK_FEMALE_SHARE": ("PT", 0),
        "MIGSTOCK_CHANGE": ("PT", 0),
    }
    assert desa["MIGSTOCK_FEMALE_SHARE"].allowed_dimensions == {}
    assert all(s.name_en and s.name_fr and s.name_es and not s.indicators.exists() for s in desa.values())
    assert "UN DESA" in stock.source
    assert Series.objects.get(code="MIGSTOCK_OD").allowed_dimensions == {"COUNTERPART_AREA": "ALL"}


def test_migration_relevance(framework):
    assert set(selectors.migration_relevant_targets().values_list("code", flat=True)) == MIGRATION_TARGETS
    assert set(selectors.migration_relevant_indicators().values_list("code", flat=True)) == MIGRATION_INDICATORS
    note = Indicator.objects.get(code="10.7.3").relevance_note
    assert "SM_DTH_MIGR" in note and note.endswith("[MDP; DESA146]")
    assert not Indicator.objects.get(code="1.1.1").migration_relevant


def test_gcm_objectives(framework):
    objectives = list(selectors.gcm_objectives_with_targets())
    assert [o.number for o in objectives] == list(range(1, 24))
    assert {o.number for o in objectives if o.title_fr} == {1, 6, 8, 20, 23}
    assert all(o.short_label_en and o.short_label_fr for o in objectives)
    assert all(o.title_fr_source for o in objectives if o.title_fr)
    assert all("10.7" in {t.code for t in o.targets.all()} for o in objectives)
    assert {t.code for t in objectives[19].targets.all()} == {"10.7", "10.c", "17.3"}
    assert "gcms_short.md" in objectives[12].note  # the objective-13 disagreement travels with the data


def test_gcm_links_carry_basis_and_strength(framework):
    links = list(selectors.gcm_links(objective=20))
    assert [(link.target.code, link.strength) for link in links] == [
        ("10.c", "specific"),
        ("17.3", "specific"),
        ("10.7", "general"),
    ]
    assert links[0].indicator.code == "10.c.1" and "conformément à la cible 10.c" in links[0].basis
    assert links[1].indicator.code == "17.3.2" and links[2].basis == "GCM-10.7" and links[2].indicator is None
    missing = selectors.gcm_links(objective=8).get(target__code="10.7")
    assert missing.strength == "specific" and missing.indicator.code == "10.7.3"
    # 10.7 is general for the 21 objectives whose only ground for it is that the Compact is rooted in it.
    assert selectors.gcm_links().filter(target__code="10.7", strength="general").count() == 21


def test_an_edited_gcm_link_survives_a_reload(framework):
    from migmon.indicators.models import GcmLink, GcmLinkOrigin

    link = GcmLink.objects.get(objective__number=4, target__code="16.9")
    link.basis, link.origin = "checked against the Network's hub", GcmLinkOrigin.EDITORIAL
    link.save()
    GcmLink.objects.filter(objective__number=4, target__code="10.7").update(basis="tampered")
    framework_load(data_dir=settings.DATA_DIR)
    assert GcmLink.objects.get(objective__number=4, target__code="16.9").basis == "checked against the Network's hub"
    assert GcmLink.objects.get(objective__number=4, target__code="10.7").basis == "GCM-10.7"  # file link restored
    GcmLink.objects.filter(pk=link.pk).update(origin=GcmLinkOrigin.FILE)  # back to the file's link for later tests
    framework_load(data_dir=settings.DATA_DIR)
    assert GcmLink.objects.get(pk=link.pk).basis.startswith("text: proof of legal identity")


def test_missing_french_title_is_flagged_not_translated(framework):
    data, borders = GcmObjective.objects.get(number=1), GcmObjective.objects.get(number=11)
    with translation.override("fr"):
        assert data.title.startswith("Collecter et utiliser") and not data.title_is_fallback
        assert borders.title == borders.title_en and borders.title_is_fallback
        assert borders.short_label == "Gérer les frontières"
    with translation.override("en"):
        assert not borders.title_is_fallback and borders.short_label == "Manage borders"


def test_reload_changes_nothing(framework):
    again = framework_load(data_dir=settings.DATA_DIR)
    assert not again.changed
    out = StringIO()
    call_command("load_framework", stdout=out)
    assert "framework unchanged" in out.getvalue()
    assert "indicators 235 (252 numbered entries)" in out.getvalue()


def test_reload_repairs_an_edited_title(framework):
    Target.objects.filter(code="10.7").update(title_fr="changé", migration_relevant=False)
    again = framework_load(data_dir=settings.DATA_DIR)
    assert again.counts["target"]["updated"] == 1
    target = Target.objects.get(code="10.7")
    assert target.migration_relevant and target.title_fr.startswith("Faciliter la migration")
