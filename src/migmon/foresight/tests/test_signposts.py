"""Signposts on the store: issue 14's examples on the bundled 10.7.3 data, and their history by release."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from migmon.foresight import selectors, services
from migmon.foresight.models import ScenarioSet, SignpostRecord
from migmon.foresight.tests.conftest import DEATHS_FILE
from migmon.foresight.tests.factories import signpost
from migmon.indicators.selectors import releases_list
from migmon.indicators.services import release_rollback


def _states(item):
    return {s.subject.code: s for s in selectors.states([item])}


def test_greece_on_spain_off_denmark_insufficient(deaths_data):
    rose_2 = signpost(areas=("GRC", "ESP", "DNK"))
    found = _states(rose_2)
    assert found["GRC"].state == "on"
    assert (found["GRC"].evaluation.year, found["GRC"].evaluation.value) == (2022, 205)
    assert found["ESP"].state == "off"
    assert found["DNK"].state == "insufficient" and found["DNK"].evaluation.reason == "no_data"


def test_greece_rose_three_years_running_is_off(deaths_data):
    assert _states(signpost(areas=("GRC",), persistence=3, min_points=4))["GRC"].state == "off"


def test_count_of_countries_above_a_value_in_a_region(deaths_data):
    # Southern Europe (M49 039): Greece 205, Spain 320, Italy … in 2022; the count is read from the store.
    item = signpost(aggregate="count_above", cut=200, comparator="above", threshold=1, persistence=1, min_points=1)
    item.region = selectors.Area.objects.get(m49="039")
    item.save()
    (state,) = selectors.states([item])
    assert state.subject.code == "group" and state.evaluation.year == 2022
    assert state.evaluation.value >= 2 and state.state == "on"


def test_states_for_a_country_keep_to_that_country(deaths_data):
    signpost(areas=("GRC", "ESP"))
    greece = selectors.Area.objects.get(iso3="GRC")
    assert [(s.subject.code, s.state) for s in selectors.states_for_area(greece)] == [("GRC", "on")]


def test_unpublished_signposts_are_not_public(deaths_data):
    signpost(areas=("GRC",), live=False)
    assert not selectors.signposts().exists()
    assert selectors.signposts(public=False).count() == 1


def test_states_are_recorded_per_data_version_once_and_again_after_a_rollback(
    deaths_data, django_capture_on_commit_callbacks
):
    item = signpost(areas=("GRC",))
    assert services.record_states() == 1
    assert services.record_states() == 0  # the same data version: nothing new
    (record,) = SignpostRecord.objects.filter(signpost=item)
    release = releases_list().get(file_name__endswith="indicator_10-7-3.csv")
    assert (record.state, record.year, record.value, record.release_id) == ("on", 2022, 205, release.pk)

    with django_capture_on_commit_callbacks(execute=True):
        release_rollback(release=release)
    selectors.forget_cached_states()
    history = list(selectors.release_history(item, "GRC"))
    assert [(r.state, r.release_id) for r in history] == [("on", release.pk), ("insufficient", None)]


def test_importing_a_release_records_the_states(db, data_dir, django_capture_on_commit_callbacks):
    out = StringIO()
    call_command("load_geography", stdout=out, stderr=out)
    call_command("load_framework", stdout=out, stderr=out)
    item = signpost(areas=("GRC",))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_data", str(data_dir / DEATHS_FILE), stdout=out, stderr=out)
    assert list(SignpostRecord.objects.filter(signpost=item).values_list("state", "value")) == [("on", 205.0)]


def test_year_history_of_greece(deaths_data):
    item = signpost(areas=("GRC",))
    history = {e.year: e.state for e in selectors.year_history(item, "GRC")}
    assert history[2021] == "off" and history[2022] == "on"


def test_the_2017_set_is_seeded_once_with_its_facts(db):
    scenario_set, created = services.seed_scenario_set()
    again, created_again = services.seed_scenario_set()
    assert created and not created_again and again.pk == scenario_set.pk
    assert ScenarioSet.objects.count() == 1
    assert scenario_set.horizon_year == 2030 and scenario_set.method == "independent_teams"
    assert [s.name_en for s in scenario_set.scenarios.all()] == [
        "My Country First!",
        "World on Fire",
        "Opening Roads",
        "Technopoly",
    ]
    assert all(not s.narrative_fr and not s.assumptions.exists() for s in scenario_set.scenarios.all())
    assert "prédire" in scenario_set.notice_fr and "predict" in scenario_set.notice_en
    assert "predecir" in scenario_set.notice_es
    assert scenario_set.partner_list[1] == "Friedrich-Ebert-Stiftung"
    assert not scenario_set.has_axes


def test_the_set_links_the_seeded_publication_page_once_it_exists(db):
    scenario_set, _ = services.seed_scenario_set()
    assert scenario_set.publication_page is None
    call_command("import_seeds", verbosity=0)
    scenario_set, _ = services.seed_scenario_set()
    assert scenario_set.publication_page.specific.publication_title == "Tomorrow's World of Migration and Mobility"
    assert scenario_set.publication_page.locale.language_code == "fr"
