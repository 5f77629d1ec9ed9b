"""The loader: one release per file, all or nothing, counts, no-op re-imports, problems kept."""

from __future__ import annotations

import pytest

from migmon.importers.errors import UnreadableFile
from migmon.importers.records import SourceLocation, error, warning
from migmon.indicators import loader
from migmon.indicators.models import DimensionSet, Observation, ObservationRevision, Release
from migmon.indicators.releases import release_rollback
from migmon.indicators.services import FileSource, ImportFailed, ImportStatus, RecordSource, release_import

from .conftest import ListReader, record

pytestmark = pytest.mark.django_db

# SM_DTH_MIGR from data/sdg-indicators-open-sdg-eca/indicator_10-7-3.csv (Greece 2016 = 548, Italy 2016 = 232).
DEATHS = [
    record("SM_DTH_MIGR", "Greece", "2016", "548", row=2),
    record("SM_DTH_MIGR", "Italy", "2016", "232", row=3),
    record("SM_DTH_MIGR", "Libya", "2016", "1393", row=4),
]


def state() -> tuple:
    """Everything an import can change, to compare before and after."""
    return (
        sorted(
            Observation.objects.values_list("series_id", "area_id", "period", "dimensions_id", "value", "release_id")
        ),
        ObservationRevision.objects.count(),
        Release.objects.count(),
        DimensionSet.objects.count(),
    )


def test_first_import_adds_every_record_with_provenance(areas, series, source_file):
    path = source_file()
    result = release_import(source=FileSource(path, ListReader(DEATHS)))

    assert (result.status, result.added, result.changed, result.unchanged, result.rejected) == ("imported", 3, 0, 0, 0)
    release = Release.objects.get()
    assert release.file_name == path.name
    assert len(release.sha256) == 64
    assert (release.importer, release.importer_version, release.dataset.code) == ("test-list", "1", "test-dataset")
    assert release.added == 3
    greece = Observation.objects.get(area=areas["GRC"])
    assert (greece.value, greece.year, greece.unit, greece.dimensions.key) == (548.0, 2016, "NUMBER", "")
    assert not ObservationRevision.objects.exists()  # a value nothing has replaced lives in the observation only


def test_same_file_again_is_a_no_op_that_says_so(areas, series, source_file):
    path = source_file()
    first = release_import(source=FileSource(path, ListReader(DEATHS)))
    before = state()
    again = release_import(source=FileSource(path, ListReader(DEATHS)))

    assert again.status == ImportStatus.NO_OP
    assert again.release == first.release
    assert "already imported" in again.message and f"#{first.release.pk}" in again.message
    assert state() == before


def derived(values: list[tuple[str, str]]) -> RecordSource:
    """Records computed rather than read, as the incidents register derives its series (Greece 2016 = 548)."""
    return RecordSource(
        name="SM_DTH_MIGR computed",
        dataset="computed",
        dataset_name="Computed in the test",
        source_organisation="test",
        format_name="test-computed",
        version="1",
        records=tuple(
            record("SM_DTH_MIGR", area, "2016", value, file="SM_DTH_MIGR computed") for area, value in values
        ),
    )


def test_records_computed_by_migmon_import_as_a_release_hashed_from_the_records(areas, series):
    result = release_import(source=derived([("Greece", "548"), ("Italy", "232")]))

    release = Release.objects.get()
    assert (result.status, result.added, release.file_name, release.importer) == (
        "imported",
        2,
        "SM_DTH_MIGR computed",
        "test-computed",
    )
    assert release.sha256 == derived([("Greece", "548"), ("Italy", "232")]).checksum()
    assert release_import(source=derived([("Greece", "548"), ("Italy", "232")])).status == ImportStatus.NO_OP


def test_a_whole_dataset_source_going_back_to_earlier_figures_is_a_new_release(areas, series):
    release_import(source=derived([("Greece", "548")]))
    release_import(source=derived([("Greece", "549")]))
    back = release_import(source=derived([("Greece", "548")]))

    assert (back.status, back.changed) == (ImportStatus.IMPORTED, 1)
    assert Observation.objects.get(area=areas["GRC"]).value == 548


def test_a_file_already_imported_stays_a_no_op_after_other_files_of_its_dataset(areas, series, source_file):
    path = source_file()
    first = release_import(source=FileSource(path, ListReader(DEATHS[:1])))
    release_import(source=FileSource(source_file(), ListReader(DEATHS[1:])))
    again = release_import(source=FileSource(path, ListReader(DEATHS[:1])))
    assert (again.status, again.release) == (ImportStatus.NO_OP, first.release)


def test_a_file_an_older_reader_version_imported_is_read_again(areas, series, source_file):
    """A newer reader may keep more of the same file (the DESA workbooks' Tables 2-5): the file is imported
    again, what it carried before is carried unchanged, what the reader now reads is added; then a no-op."""
    path = source_file()
    first = release_import(source=FileSource(path, ListReader(DEATHS[:2])))
    newer = ListReader(DEATHS)
    newer.version = "2"
    again = release_import(source=FileSource(path, newer))
    assert (again.status, again.added, again.changed, again.unchanged) == (ImportStatus.IMPORTED, 1, 0, 2)
    assert again.release != first.release and again.release.importer_version == "2"
    assert release_import(source=FileSource(path, newer)).status == ImportStatus.NO_OP


def test_a_new_edition_changes_values_keeps_the_rest_and_records_history(areas, series, source_file):
    first = release_import(source=FileSource(source_file(), ListReader(DEATHS)))
    edition = [
        record("SM_DTH_MIGR", "Greece", "2016", "550"),  # changed
        record("SM_DTH_MIGR", "Italy", "2016", "232"),  # unchanged
        record("SM_DTH_MIGR", "Italy", "2017", "1000"),  # added
    ]  # Libya 2016 omitted: kept (a later edition may cover fewer rows)
    second = release_import(source=FileSource(source_file(), ListReader(edition)))

    assert (second.added, second.changed, second.unchanged) == (1, 1, 1)
    assert Observation.objects.get(area=areas["GRC"]).value == 550
    assert Observation.objects.get(area=areas["GRC"]).release == second.release
    assert Observation.objects.get(area=areas["LBY"]).release == first.release
    # The values the edition replaced or re-confirmed are kept, each with the release that had set it.
    replaced = ObservationRevision.objects.filter(replaced_by=second.release).order_by("area__code")
    assert [(r.area.iso3, r.value, r.release) for r in replaced] == [
        ("GRC", 548, first.release),
        ("ITA", 232, first.release),
    ]


def test_an_unknown_area_refuses_the_whole_file_naming_row_column_and_value(areas, series, source_file):
    release_import(source=FileSource(source_file(), ListReader(DEATHS)))
    before = state()
    items = [
        record("SM_DTH_MIGR", "Greece", "2017", "1", row=2),
        record("SM_DTH_MIGR", "Atlantis", "2017", "5", row=3, file="deaths.csv"),
        record("SM_DTH_MIGR", "Italy", "2017", "2", row=4),
    ]
    with pytest.raises(ImportFailed) as failure:
        release_import(source=FileSource(source_file(), ListReader(items)))

    message = str(failure.value)
    assert "deaths.csv, row 3" in message and "Atlantis" in message and "area (name)" in message
    assert "unknown area" in message
    assert state() == before


def test_every_problem_is_listed_not_only_the_first(areas, series, source_file):
    items = [
        record("SM_DTH_MIGR", "Atlantis", "2017", "5", row=2),
        record("NO_SUCH_SERIES", "Italy", "2017", "2", row=3),
        record("SM_DTH_MIGR", "Italy", "year 2017", "2", row=4),
        error(SourceLocation("test.csv", 5), "Value", "abc", "not a number"),
    ]
    with pytest.raises(ImportFailed) as failure:
        release_import(source=FileSource(source_file(), ListReader(items)))

    problems = failure.value.problems
    assert len(problems) == 4
    assert [p.split(":")[1].strip() for p in problems] == [
        "test.csv, row 2, column area (name)",
        "test.csv, row 3, column series",
        "test.csv, row 4, column period",
        "test.csv, row 5, column Value",
    ]
    assert "and 3 more" in str(failure.value)


def test_keep_going_rejects_bad_rows_and_commits_the_rest(areas, series, source_file):
    items = [
        DEATHS[0],
        record("SM_DTH_MIGR", "Atlantis", "2016", "5", row=3),
        warning(SourceLocation("test.csv", 4), None, None, "exact duplicate of row 2; dropped"),
        DEATHS[1],
    ]
    result = release_import(source=FileSource(source_file(), ListReader(items)), keep_going=True)

    assert (result.added, result.rejected) == (2, 1)
    release = Release.objects.get()
    assert release.rejected == 1
    assert [p["severity"] for p in release.problems] == ["error", "warning"]
    assert release.problems[0]["value"] == "Atlantis" and release.problems[0]["row"] == 3
    assert Observation.objects.count() == 2


def test_warnings_are_kept_on_a_clean_import(areas, series, source_file):
    items = [*DEATHS, warning(SourceLocation("test.csv", 5), None, "548", "exact duplicate of row 2; dropped")]
    result = release_import(source=FileSource(source_file(), ListReader(items)))
    assert result.status == "imported"
    assert Release.objects.get().problems[0]["rule"] == "exact duplicate of row 2; dropped"


def test_dry_run_reports_counts_and_changes_nothing(areas, series, source_file):
    before = state()
    result = release_import(source=FileSource(source_file(), ListReader(DEATHS)), dry_run=True)
    assert (result.status, result.added, result.release) == (ImportStatus.DRY_RUN, 3, None)
    assert state() == before


def test_a_file_that_breaks_half_way_leaves_nothing_behind(areas, series, source_file, monkeypatch):
    monkeypatch.setattr(loader, "CHUNK_SIZE", 2)  # so rows are already written when the file breaks
    items = [*DEATHS, UnreadableFile("deaths.csv", "invalid UTF-8 byte 0xff", "row 5")]
    before = state()
    with pytest.raises(ImportFailed, match=r"deaths.csv, row 5: invalid UTF-8"):
        release_import(source=FileSource(source_file(), ListReader(items)))
    assert state() == before


def test_duplicates_across_chunks_are_caught(areas, series, source_file, monkeypatch):
    monkeypatch.setattr(loader, "CHUNK_SIZE", 2)
    same = [*DEATHS, record("SM_DTH_MIGR", "Greece", "2016", "548", row=9)]
    result = release_import(source=FileSource(source_file(), ListReader(same)))
    assert (result.added, Release.objects.get().problems[0]["severity"]) == (3, "warning")

    # The first row is named although it was written two chunks earlier (a second read of the file finds it).
    different = [*DEATHS, record("SM_DTH_MIGR", "Greece", "2016", "549", row=9)]
    with pytest.raises(ImportFailed, match="row 9.*duplicate key: .* as row 2 but a different value"):
        release_import(source=FileSource(source_file(), ListReader(different, dataset="other")))


def test_duplicates_in_one_chunk_name_the_first_row(areas, series, source_file):
    items = [*DEATHS, record("SM_DTH_MIGR", "Greece", "2016", "549", row=9)]
    with pytest.raises(ImportFailed, match=r"row 9.*duplicate key: .* as row 2 but a different value"):
        release_import(source=FileSource(source_file(), ListReader(items)))


def test_chunking_gives_the_same_result_as_one_chunk(areas, series, source_file, monkeypatch):
    items = [
        record("SM_DTH_MIGR", name, str(year), str(year - 2000 + n), row=n)
        for n, name in enumerate(["Greece", "Italy", "Libya", "Türkiye"])
        for year in range(2014, 2023)
    ]
    release_import(source=FileSource(source_file(), ListReader(items)))
    whole = state()[0]
    Observation.objects.all().delete()
    ObservationRevision.objects.all().delete()
    monkeypatch.setattr(loader, "CHUNK_SIZE", 7)
    release_import(source=FileSource(source_file(), ListReader(items, dataset="again")))
    assert [row[:5] for row in state()[0]] == [row[:5] for row in whole]


def test_non_finite_values_are_refused(areas, series, source_file):
    with pytest.raises(ImportFailed, match="not a finite number"):
        release_import(source=FileSource(source_file(), ListReader([record("SM_DTH_MIGR", "Italy", "2016", "NaN")])))


def test_missing_values_are_stored_as_null(areas, series, source_file):
    release_import(source=FileSource(source_file(), ListReader([record("MIGSTOCK", "Libya", "1990", None)])))
    assert Observation.objects.get().value is None


def test_a_read_error_half_way_is_a_refusal_not_a_crash(areas, series, source_file, monkeypatch):
    monkeypatch.setattr(loader, "CHUNK_SIZE", 2)
    before = state()
    items = [*DEATHS, OSError(5, "Input/output error")]
    with pytest.raises(ImportFailed, match=r"reading stopped \(Input/output error\)"):
        release_import(source=FileSource(source_file(), ListReader(items)))
    assert state() == before


class UniqueKeyReader(ListReader):
    """A reader that, like the real ones, promises each (raw) key once per file."""

    check_duplicates = True


@pytest.mark.parametrize(("again", "outcome"), [("548", "warning"), ("549", "error")])
def test_the_first_load_of_a_series_still_catches_two_names_for_one_area(
    areas, series, source_file, monkeypatch, again, outcome
):
    # Greece by name, then by M49 code in a later chunk: distinct raw keys, one observation once resolved.
    monkeypatch.setattr(loader, "CHUNK_SIZE", 2)
    items = [*DEATHS, record("SM_DTH_MIGR", "300", "2016", again, kind="m49", row=9)]
    if outcome == "error":
        with pytest.raises(ImportFailed, match="row 9.*a second, different value"):
            release_import(source=FileSource(source_file(), UniqueKeyReader(items)))
        assert not Observation.objects.exists()
    else:
        result = release_import(source=FileSource(source_file(), UniqueKeyReader(items)))
        assert (result.added, Observation.objects.count(), ObservationRevision.objects.count()) == (3, 3, 0)
        assert Release.objects.get().problems[0]["severity"] == "warning"


@pytest.mark.parametrize(("again", "severity"), [("548", "warning"), ("549", "error")])
def test_past_the_located_repeats_a_repeat_is_judged_against_the_stored_value(
    areas, series, source_file, monkeypatch, again, severity
):
    from migmon.indicators import release_repeats

    monkeypatch.setattr(loader, "CHUNK_SIZE", 2)
    monkeypatch.setattr(release_repeats, "MAX_LOCATED_DUPLICATES", 0)
    items = [*DEATHS, record("SM_DTH_MIGR", "Greece", "2016", again, row=9)]
    result = release_import(source=FileSource(source_file(), ListReader(items)), keep_going=True)
    problem = Release.objects.get().problems[0]
    assert (problem["severity"], problem["row"]) == (severity, 9)
    assert "an earlier row of the file" in problem["message"]
    assert (result.added, Observation.objects.get(area=areas["GRC"]).value) == (3, 548)


def test_a_national_value_is_kept_beside_the_global_one_and_leaves_it_unchanged(areas, series, source_file):
    # The UN's Greece 2016 = 548; a national file saying otherwise for the same key is a second observation.
    release_import(source=FileSource(source_file(), ListReader(DEATHS)))
    global_before = sorted(Observation.objects.values_list("area_id", "period", "value", "release_id"))
    national = [record("SM_DTH_MIGR", "Greece", "2016", "550", reporting_type="N")]
    result = release_import(source=FileSource(source_file(), ListReader(national, dataset="national")))

    assert (result.added, result.changed, result.unchanged) == (1, 0, 0)
    assert (
        sorted(Observation.objects.filter(reporting_type="G").values_list("area_id", "period", "value", "release_id"))
        == global_before
    )
    greece = Observation.objects.filter(area=areas["GRC"], period="2016").order_by("reporting_type")
    assert [(o.reporting_type, o.value) for o in greece] == [("G", 548.0), ("N", 550.0)]
    assert not ObservationRevision.objects.exists()  # nothing was replaced

    release_rollback(release=result.release)
    assert sorted(Observation.objects.values_list("area_id", "period", "value", "release_id")) == global_before


def test_one_file_may_give_a_key_once_per_reporting_type(areas, series, source_file):
    both = [
        record("SM_DTH_MIGR", "Greece", "2016", "548", row=2),
        record("SM_DTH_MIGR", "Greece", "2016", "550", row=3, reporting_type="N"),
    ]
    result = release_import(source=FileSource(source_file(), ListReader(both)))
    assert (result.added, result.problems) == (2, [])
