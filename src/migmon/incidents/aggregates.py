"""Derived data that follows the published incidents: the totals cube and the SDG 10.7.3 series.

:func:`published_totals_refresh` runs after every change that can alter public figures (an import, a
publication, a withdrawal). It rebuilds :class:`IncidentCube` (a few thousand rows: one GROUP BY over the
counted rows, so each row of a split incident counts under its own cause, route and country) and then
writes the register's yearly dead + missing per country of incident, per M49 region and for the world as the
series ``MMP_DTH_MIGR``, linked to indicator 10.7.3, through the statistics store's only loader, as a release
of its own dataset, and marks the years still being recorded as its provisional periods (data as of the
newest export holding them: :mod:`migmon.incidents.selectors.completeness`).

Why a series of its own and not ``SM_DTH_MIGR``: the UN's SM_DTH_MIGR values come into the store from the
Open SDG CSV (the UN SDG database) and are the official figures, frozen at the UN's extraction date. The
register's figures are IOM's current data and differ wherever IOM revised a record since. Writing both under
one series code would make one silently replace the other; two series linked to the same indicator let the
10.7.3 page show the official value and the register's current one side by side, each with its own release.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction

from migmon.importers.records import ObservationRecord, SourceLocation
from migmon.importers.sources import RecordSource
from migmon.incidents import selectors
from migmon.incidents.models import CELL_ZOOM_MAX, IncidentCell, IncidentCube

if TYPE_CHECKING:
    from migmon.indicators.services import ImportResult
from migmon.incidents.selectors import CELL_KEY

logger = logging.getLogger(__name__)

SERIES_CODE = "MMP_DTH_MIGR"
SERIES_NAME = {
    "en": "Total deaths and disappearances recorded during migration — migmon register (IOM Missing Migrants data)",
    "fr": "Total des décès et disparitions enregistrés au cours de la migration — registre migmon (données OIM "
    "Missing Migrants)",
    "es": "Total de muertes y desapariciones registradas durante la migración — registro migmon (datos de la OIM, "
    "Missing Migrants)",
}
DATASET = "migmon-missing-migrants-register"
INDICATOR = "10.7.3"
WORLD_M49 = "001"
SOURCE = "IOM Missing Migrants Project; published incidents of the migmon register"
#: What the release of the derived series is called (it has no file).
SOURCE_NAME = f"{SERIES_CODE} from the published incidents of the register"
FOOTNOTE = "Dead + minimum estimated missing, summed by country of incident and year of the incident."


@transaction.atomic
def cube_refresh() -> int:
    """Rebuild the published totals by (year, region, route, cause) from the rows; returns the number of cells."""
    rows = selectors.cube_sums()
    cells = [
        IncidentCube(
            **{name: row[name] for name in CELL_KEY},
            dead=row["d"] or 0,
            missing=row["m"] or 0,
            total=row["t"] or 0,
            incidents=row["n"],
        )
        for row in rows
    ]
    IncidentCube.objects.all().delete()
    IncidentCube.objects.bulk_create(cells, batch_size=2000)
    return len(cells)


@transaction.atomic
def cells_refresh() -> int:
    """Rebuild the precomputed map cells of zooms 0 … CELL_ZOOM_MAX; returns the number of rows.

    One GROUP BY of the rows at the deepest precomputed zoom; each coarser zoom merges four cells into one
    (integer halving), in Python, over those few thousand rows. Each row sits where the row says, so the
    parts of a split incident found on two shores are two points.
    """
    rows = selectors.map_cell_sums(CELL_ZOOM_MAX)
    level: dict[tuple[Any, ...], list[Any]] = {
        (row["cx"], row["cy"], *(row[name] for name in CELL_KEY)): [
            row["n"],
            row["r"],
            row["d"] or 0,
            row["m"] or 0,
            row["t"] or 0,
            row["la"],
            row["lo"],
            row["first"],
        ]
        for row in rows
    }
    cells: list[tuple[Any, ...]] = []
    for zoom in range(CELL_ZOOM_MAX, -1, -1):
        cells += [(zoom, *key, *value) for key, value in level.items()]
        coarser: dict[tuple[Any, ...], list[Any]] = {}
        for key, value in level.items():
            parent = (key[0] // 2, key[1] // 2, *key[2:])
            merged = coarser.get(parent)
            if merged is None:
                coarser[parent] = list(value)
            else:
                for index in range(7):
                    merged[index] += value[index]
                merged[7] = min(merged[7], value[7])
        level = coarser
    IncidentCell.objects.all().delete()
    # Tens of thousands of small rows: a plain executemany is several times faster than bulk_create here.
    columns = (
        "zoom, gx, gy, year, region, regions_key, route, routes_key, cause, causes_key, incidents, rows, dead, "
        "missing, total, latitude_sum, longitude_sum, first_incident"
    )
    table = IncidentCell._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 18)})",  # noqa: S608 - constant names
            cells,
        )
    return len(cells)


def published_totals_refresh(*, series: bool = True) -> None:
    """Recompute everything derived from published incidents (cube, map cells, then the 10.7.3 series)."""
    with transaction.atomic():
        cube_refresh()
        cells_refresh()
        if series:
            sdg_series_refresh()
            sdg_series_completeness_refresh()


# ---------------------------------------------------------------------------------------------- SDG 10.7.3


def yearly_totals_by_area() -> dict[tuple[str, int], int]:
    """(M49 code, year) → dead + missing of published rows: countries, their M49 regions, and the world."""
    from migmon.geo.models import Area

    parents = dict(Area.objects.filter(m49__isnull=False).values_list("pk", "parent_id"))
    m49_of = dict(Area.objects.filter(m49__isnull=False).values_list("pk", "m49"))
    totals: dict[tuple[str, int], int] = defaultdict(int)
    # Each row counts in its own country: one shipwreck can leave victims on two shores.
    for row in selectors.totals_by_country_year():
        totals[(WORLD_M49, row["year"])] += row["t"] or 0
        area = row["country_id"]
        seen: set[int] = set()
        while area is not None and area not in seen:
            seen.add(area)
            code = m49_of.get(area)
            if code and code != WORLD_M49:
                totals[(code, row["year"])] += row["t"] or 0
            area = parents.get(area)
    return dict(totals)


def series_source(values: dict[tuple[str, int], int]) -> RecordSource:
    """The register's totals as a source of their own: records computed here, hashed from the records.

    Each record's location names the series and the (area, year) it holds, since no file row exists.
    """
    records = tuple(
        ObservationRecord(
            series=SERIES_CODE,
            area=code,
            area_kind="m49",
            period=str(year),
            value=Decimal(value),
            unit="NUMBER",
            location=SourceLocation(SOURCE_NAME, element=f"area {code}, year {year}"),
            footnote=FOOTNOTE,
            source=SOURCE,
        )
        for (code, year), value in sorted(values.items())
    )
    return RecordSource(
        name=SOURCE_NAME,
        dataset=DATASET,
        dataset_name="Missing Migrants register (migmon), SDG 10.7.3",
        source_organisation="IOM Missing Migrants Project (via the migmon register)",
        format_name="migmon-incidents-register",
        version="2",
        records=records,
    )


def series_ensure() -> Any:
    """The MMP_DTH_MIGR series, linked to indicator 10.7.3 when the framework is loaded."""
    from migmon.indicators.models import Indicator, Series

    series, _ = Series.objects.get_or_create(
        code=SERIES_CODE,
        defaults={
            "name_en": SERIES_NAME["en"],
            "name_fr": SERIES_NAME["fr"],
            "name_es": SERIES_NAME["es"],
            "unit": "NUMBER",
            "description": __doc__.split("\n\n")[2].replace("\n", " ") if __doc__ else "",
        },
    )
    indicator = Indicator.objects.filter(code=INDICATOR).first()
    if indicator is not None:
        series.indicators.add(indicator)
    return series


def sdg_series_refresh() -> ImportResult | None:
    """Write the register's totals as a release of MMP_DTH_MIGR (a no-op when nothing changed).

    Country-years that had a value before and have none now get 0 — the register no longer records anyone
    there — so a withdrawal never leaves a stale figure behind. Skipped (with a log line) until the geography
    is loaded, since observations need areas.
    """
    from migmon.geo.models import Area
    from migmon.indicators.selectors import ObservationQuery, observation_values
    from migmon.indicators.services import release_import
    from migmon.indicators.vocabulary import GLOBAL

    if not Area.objects.filter(m49=WORLD_M49).exists():
        logger.info("geography not loaded: SDG 10.7.3 series from incidents skipped")
        return None
    series_ensure()
    values = yearly_totals_by_area()
    current: dict[tuple[str, int], float | None] = {}
    # The store's figures, through the statistics store's one door (indicators.selectors); the register's
    # series is IOM's global monitoring data (reporting type G), whatever a national file may add beside it.
    query = ObservationQuery(series=[SERIES_CODE], reporting_types=[GLOBAL])
    stored = observation_values(query, "area__m49", "period", "value")
    for code, period, value in stored:
        if code and period.isdigit():
            current[(code, int(period))] = value
            values.setdefault((code, int(period)), 0)
    if current.keys() == values.keys() and all(current[key] == values[key] for key in values):
        return None  # the store already holds exactly these figures
    # The source carries the whole series: going back to earlier figures is a new release, not a no-op.
    return release_import(source=series_source(values))


def sdg_series_completeness_refresh() -> bool:
    """Mark the register's years that are not final yet as provisional periods of MMP_DTH_MIGR, with the date
    of their data; returns whether that changed. Skipped until the series exists (geography loaded)."""
    from migmon.indicators.selectors import series_by_code
    from migmon.indicators.services import provisional_periods_set

    if series_by_code(SERIES_CODE) is None:
        return False
    years = selectors.provisional_years()
    return provisional_periods_set(
        series=SERIES_CODE,
        periods={str(year): info.as_of for year, info in years.items()},
        basis={str(year): info.basis for year, info in years.items()},
    )
