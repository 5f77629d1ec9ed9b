"""Reads behind the indicator and series pages: what a series has, and the rows one view of it shows.

A *view* is the state in the page's URL (tab, areas, year, breakdown). The same state gives the chart, the
map, the table and the downloads, so what a reader downloads is exactly what they were looking at, and the
API link beside the downloads answers the same rows: every row comes from the domain's one query
(:mod:`migmon.indicators.selectors`), built here from the state and shaped for the templates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from migmon.geo import selectors as geo
from migmon.geo.models import AreaKind
from migmon.indicators import selectors as store
from migmon.indicators.models import Indicator, Series
from migmon.indicators.selectors import ObservationQuery, exact_dimensions
from migmon.indicators.vocabulary import CODES, COUNTERPART_AREA, GLOBAL, PREFERENCE, TOTAL_CODE
from migmon.portal import labels
from migmon.portal.points import map_placement

TABS = ("chart", "map", "table", "progress", "sources")
BY_PREFIX = "by:"
MAX_BY_LINES = 12
DEFAULT_AREAS = 5
AGGREGATE_KINDS = {AreaKind.WORLD, AreaKind.REGION}
#: A series whose map shows another series unless the reader asks for the series itself (``map=count``): the
#: migrant stock's map is the share of the population (UN DESA Table 3), the Migration Data Portal's headline
#: map, because raw counts mostly map country size.
MAP_SERIES = {"MIGSTOCK": "MIGSTOCK_SHARE"}
MAP_CHOICES = ("share", "count")


def language() -> str:
    return (get_language() or "fr")[:2]


def area_names(area_ids: set[int] | None = None) -> dict[int, dict[str, Any]]:
    """Area id → code, name (active language), m49, kind."""
    return geo.area_labels(area_ids, language=language())


@dataclass
class Breakdown:
    """A choice in the breakdown menu: one dimension set (``key``) or "by NAME" (every set varying NAME)."""

    value: str
    label: str
    set_ids: list[int]


def _year(text: str | None) -> int | None:
    return int(text) if text and text.isdecimal() and len(text) <= 4 else None


@dataclass
class SeriesState:
    """The view in the URL: tab, areas (any code or name, kept as codes), map year, breakdown, and the first and
    last years the chart and table show (``start``/``end``, as in the API)."""

    tab: str = "chart"
    areas: list[str] = field(default_factory=list)
    year: int | None = None
    breakdown: str | None = None
    start: int | None = None
    end: int | None = None
    #: What the map shows where the series has a map series (:data:`MAP_SERIES`): ``share`` or ``count``.
    map: str | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> SeriesState:
        tab = query.get("tab", "chart")
        start, end = _year(query.get("start")), _year(query.get("end"))
        if start is not None and end is not None and start > end:
            start, end = end, start
        return cls(
            tab=tab if tab in TABS else "chart",
            areas=geo.area_codes([value for value in query.getlist("area") if value][:40]),
            year=_year(query.get("year")),
            breakdown=query.get("breakdown"),
            start=start,
            end=end,
            map=query.get("map") if query.get("map") in MAP_CHOICES else None,
        )

    def within(self, year: int) -> bool:
        """Whether the chart and the table show ``year``."""
        return (self.start is None or year >= self.start) and (self.end is None or year <= self.end)


def series_breakdowns(series: Series) -> tuple[list[Breakdown], dict[int, dict[str, str]]]:
    """The breakdown menu of a series: each dimension set it uses, then "by NAME" groups; totals first."""
    used = store.dimension_sets_used(series=series)
    counts = {pk: count for pk, _codes, count in used}
    codes_by_id: dict[int, dict[str, str]] = {pk: codes for pk, codes, _count in used}
    counterpart_codes = {c for codes in codes_by_id.values() for n, c in codes.items() if n == COUNTERPART_AREA.code}
    counterpart_names = geo.names_by_code(counterpart_codes, language=language()) if counterpart_codes else {}
    ordered = sorted(
        codes_by_id,
        key=lambda pk: (len(codes_by_id[pk]), -counts[pk], labels.dimensions_label(codes_by_id[pk], counterpart_names)),
    )
    choices = [
        Breakdown(
            value=dimension_key(codes_by_id[pk]),
            label=labels.dimensions_label(codes_by_id[pk], counterpart_names),
            set_ids=[pk],
        )
        for pk in ordered
    ]
    names = Counter(name for codes in codes_by_id.values() for name in codes)
    for name in sorted(names):
        members = [pk for pk in ordered if set(codes_by_id[pk]) <= {name}]
        if 1 < len(members) <= MAX_BY_LINES:
            label = breakdown_names(series, codes_by_id, only=name)
            choices.append(Breakdown(value=BY_PREFIX + name, label=f"{label} ({len(members)})", set_ids=members))
    return choices, codes_by_id


def breakdown_names(series: Series, codes_by_id: dict[int, dict[str, str]], *, only: str | None = None) -> str:
    """What the breakdown menu chooses between, named for this series: "Sex", "Receiving country",
    "Sex, Age" …; ``only`` names one dimension. Empty when the series has totals only."""
    used: dict[str, set[str]] = {}
    for codes in codes_by_id.values():
        for name, code in codes.items():
            used.setdefault(name, set()).add(str(code))
    wanted = [only] if only else sorted(used, key=lambda name: CODES.index(name) if name in CODES else len(CODES))
    return ", ".join(labels.breakdown_name(name, series=series.code, codes=used.get(name)) for name in wanted)


def dimension_key(codes: Mapping[str, str]) -> str:
    return "|".join(f"{name}={codes[name]}" for name in sorted(codes))


def breakdown_filters(breakdown: Breakdown, codes_by_id: dict[int, dict[str, str]]) -> dict[str, list[str]]:
    """The API dimension parameters (lower-case name → codes) that select the same dimension sets."""
    names = sorted({name for codes in codes_by_id.values() for name in codes})
    if breakdown.value.startswith(BY_PREFIX):
        varying = breakdown.value.removeprefix(BY_PREFIX)
        return {name.lower(): [TOTAL_CODE] for name in names if name != varying}
    codes = codes_by_id[breakdown.set_ids[0]]
    return {name.lower(): [str(codes.get(name, TOTAL_CODE))] for name in names}


ROW_FIELDS = (
    "area_id",
    "year",
    "period",
    "value",
    "dimensions_id",
    "nature",
    "footnote",
    "source",
    "release_id",
    "reporting_type",
)


def series_rows(series: Series, filters: dict[str, list[str]]) -> list[tuple]:
    """:data:`ROW_FIELDS` of the rows a breakdown selects (every area, every year), through the one query,
    sorted by area, dimension set and year for the chart's lines."""
    rows = store.observation_values(ObservationQuery(series=[series.code], dimensions=filters), *ROW_FIELDS)
    return sorted(rows, key=lambda row: (row[0], row[4], row[1], row[2]))


def default_areas(rows: list[tuple], names: dict[int, dict[str, Any]]) -> list[str]:
    """World and regions when the series has them, else the five countries with the highest latest values."""
    aggregates = sorted({names[row[0]]["code"] for row in rows if names[row[0]]["kind"] in AGGREGATE_KINDS})
    if aggregates:
        return aggregates[: DEFAULT_AREAS + 1]
    latest: dict[int, tuple[int, float]] = {}
    for area_id, year, _period, value, *_ in rows:
        if value is not None and (area_id not in latest or year >= latest[area_id][0]):
            latest[area_id] = (year, value)
    top = sorted(latest, key=lambda pk: -latest[pk][1])[:DEFAULT_AREAS]
    return [names[pk]["code"] for pk in top]


def provisional_label(status: store.Provisional) -> str:
    """The words "provisional, data as of 15 September 2025", in the active language."""
    return gettext("provisional, data as of %(date)s") % {"date": date_format(status.as_of, "DATE_FORMAT")}


def chart_with_gaps(chart: list[dict[str, Any]], years: list[int]) -> list[dict[str, Any]]:
    """The chart rows with a ``value: None`` row wherever a line skips a year the series reports for other
    areas, between the line's first and last year: the chart breaks the line there instead of drawing across
    the missing years. (A series published every five years has no gaps: its years are the five-year ones.)"""
    by_line: dict[str, set[int]] = {}
    for row in chart:
        by_line.setdefault(row["line"], set()).add(row["year"])
    filled = list(chart)
    for line, seen in by_line.items():
        sample = next(row for row in chart if row["line"] == line)
        for year in years:
            if min(seen) < year < max(seen) and year not in seen:
                filled.append(
                    {**sample, "year": year, "period": str(year), "value": None, "gap": True}
                    | {"provisional": False, "as_of": None, "status": ""}
                )
    filled.sort(key=lambda row: (row["line"], row["year"], row["period"]))
    return filled


def series_view(series: Series, state: SeriesState) -> dict[str, Any]:
    """Everything the series page shows for ``state``, with the state completed by defaults.

    A period the store marks provisional (:func:`migmon.indicators.selectors.provisional_periods`) is flagged on
    every chart and table row with its "data as of" date, and the map opens on the latest final year."""
    breakdowns, codes_by_id = series_breakdowns(series)
    if not breakdowns:
        return {"empty": True, "state": state}
    chosen = next((b for b in breakdowns if b.value == state.breakdown), breakdowns[0])
    state.breakdown = chosen.value
    api_filters = breakdown_filters(chosen, codes_by_id)
    rows = series_rows(series, api_filters)
    names = area_names({row[0] for row in rows})
    set_labels = {pk: labels.dimensions_label(codes_by_id[pk]) for pk in chosen.set_ids}
    split = chosen.value.startswith(BY_PREFIX)

    available_codes = {names[row[0]]["code"] for row in rows}
    state.areas = [code for code in state.areas if code in available_codes] or default_areas(rows, names)
    provisional = store.provisional_periods([series.pk]).get(series.pk, {})
    years = sorted({row[1] for row in rows})
    country_years = sorted({row[1] for row in rows if names[row[0]]["kind"] == AreaKind.COUNTRY}) or years
    provisional_years = {row[1] for row in rows if row[2] in provisional}
    final_years = [year for year in country_years if year not in provisional_years] or country_years
    if state.year not in years:
        state.year = final_years[-1] if final_years else None

    selected = set(state.areas)
    chart, table = [], []
    for area_id, year, period, value, set_id, nature, footnote, _source, release, reporting_type in rows:
        area = names[area_id]
        if area["code"] not in selected or not state.within(year):
            continue
        line = f"{area['name']} — {set_labels[set_id]}" if split else area["name"]
        if reporting_type != GLOBAL:  # a national (or regional) value is its own line beside the global one
            line = f"{line} — {labels.reporting_type_label(reporting_type)}"
        status = provisional.get(period)
        chart.append(
            {
                "line": line,
                "area": area["name"],
                "code": area["code"],
                "year": year,
                "period": period,
                "value": value,
                "breakdown": set_labels[set_id],
                "provisional": status is not None,
                "as_of": status.as_of.isoformat() if status else None,
                "status": provisional_label(status) if status else "",
                "reporting_type": reporting_type,
                "source": labels.reporting_type_label(reporting_type),
                "nature": nature,
                "nature_label": labels.nature_label(nature),
                # The chart's tooltip is plain text (no hover inside it): the label with its code.
                "nature_text": f"{labels.nature_label(nature)} ({nature})" if nature else "",
            }
        )
        table.append(
            {
                **chart[-1],
                "footnote": footnote,
                "release": release,
            }
        )
    reporting_types = [code for code in PREFERENCE if any(row["reporting_type"] == code for row in table)]
    table = side_by_side(table, reporting_types)
    if labels.category_legend(series.code):
        _label_categories(series.code, chart, table, [cell for line in table for cell in line["by_type"]])
    table.sort(key=lambda r: (r["area"], r["breakdown"], r["year"], r["period"]))

    map_set = chosen.set_ids[0]
    map_series, map_rows = series, _map_rows(preferred_rows(rows), names, state.year, map_set)
    if series.code in MAP_SERIES and state.map != "count":
        shown = _other_map(MAP_SERIES[series.code], codes_by_id[map_set], state.year)
        if shown is not None:
            map_series, map_rows = shown
            state.map = "share"
    map_rows.sort(key=lambda r: r["name"])
    if labels.category_legend(map_series.code):
        _label_categories(map_series.code, map_rows)

    map_status = next((provisional[r["period"]] for r in map_rows if r["period"] in provisional), None)
    release_ids = {row[8] for row in rows}
    releases = store.releases_by_ids(release_ids)
    release_names = {release.pk: release_name(release) for release in releases}
    for line in table:
        for cell in line["by_type"]:
            cell["release_name"] = release_names.get(cell["release"], "")
    footnotes = Counter(row[6] for row in rows if row[6])
    natures = Counter(row[5] for row in rows if row[5])
    sources = Counter(row[7] for row in rows if row[7])
    return {
        "empty": False,
        "state": state,
        "breakdowns": breakdowns,
        "breakdown": chosen,
        "breakdown_title": breakdown_names(series, codes_by_id),
        "split": split,
        "years": years,
        "area_choices": sorted(
            ({"code": a["code"], "name": a["name"], "kind": a["kind"]} for a in names.values()),
            key=lambda a: (a["kind"] != AreaKind.WORLD, a["kind"] != AreaKind.REGION, a["name"]),
        ),
        "chart_rows": chart_with_gaps(chart, [year for year in years if state.within(year)]),
        "has_provisional": any(row["provisional"] for row in chart),
        "map_status": provisional_label(map_status) if map_status else "",
        "table_rows": table,
        "reporting_types": [{"code": code, "label": labels.reporting_type_label(code)} for code in reporting_types],
        "side_by_side": reporting_types != [GLOBAL],
        "map_rows": map_rows,
        "map_series": map_series,
        "map_codes": codes_by_id[map_set],
        "map_choices": series.code in MAP_SERIES,
        "map_missing": [r["name"] for r in map_rows if r["placement"] == "none"],
        "releases": releases,
        "footnotes": footnotes.most_common(),
        "natures": [(code, labels.NATURE.get(code, code), n) for code, n in natures.most_common()],
        "categories": labels.category_legend(series.code),
        "map_categories": labels.category_legend(map_series.code),
        "sources": sources.most_common(),
        "api_filters": api_filters,
    }


def _label_categories(series: str, *groups: Iterable[dict[str, Any]]) -> None:
    """Give each row of a categorical series its category: ``category`` the translated label (None for a code the
    series does not define, shown as published), ``category_code`` the code; ``value`` keeps the code for sorting
    and downloads."""
    for rows in groups:
        for row in rows:
            row["category"] = labels.category_label(series, row["value"])
            row["category_code"] = "" if row["value"] is None else f"{row['value']:g}"


def decimals_of(value: float | None, most: int = 6) -> int:
    """The decimals a value is published with (0.21884 → 5, 0.22 → 2), up to ``most``: values shown side by
    side keep their own precision, so that two sources that differ never look alike once rounded."""
    if value is None or float(value).is_integer():
        return 0
    text = repr(float(value))
    if "e" in text:
        return most
    return min(len(text.split(".")[1]), most)


def release_name(release: Any) -> str:
    """What a release is, in a few words: its dataset, edition and file (for a value's tooltip)."""
    edition = f" {release.edition}" if release.edition else ""
    return f"{release.dataset.name}{edition} ({release.file_name})"


def side_by_side(table: list[dict[str, Any]], reporting_types: list[str]) -> list[dict[str, Any]]:
    """One table row per area, breakdown and period, with each reporting type's value beside the others (each
    with its release; ``differs`` when two give different values, ``compared`` when two give one at all). The
    row's other fields (value, nature, footnote, provisional state) are the preferred reporting type's."""
    rank = {code: position for position, code in enumerate(PREFERENCE)}
    by_key: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in table:
        by_key.setdefault((row["code"], row["breakdown"], row["period"]), []).append(row)
    merged = []
    for found in by_key.values():
        found.sort(key=lambda row: rank[row["reporting_type"]])
        by_type = {row["reporting_type"]: row for row in found}
        values = [row["value"] for row in found if row["value"] is not None]
        cells = []
        for code in reporting_types:
            given = by_type.get(code)
            cells.append(
                {
                    "reporting_type": code,
                    "value": given["value"] if given else None,
                    "decimals": decimals_of(given["value"]) if given else 0,
                    "release": given["release"] if given else None,
                }
            )
        merged.append({**found[0], "by_type": cells, "differs": len(set(values)) > 1, "compared": len(values) > 1})
    return merged


def preferred_rows(rows: list[tuple]) -> list[tuple]:
    """One row (:data:`ROW_FIELDS`) per area, dimension set and period: the preferred reporting type's (global
    where there is one), as :func:`migmon.indicators.selectors.preferred_q` chooses; the map shows one value."""
    rank = {code: position for position, code in enumerate(PREFERENCE)}
    best: dict[tuple[int, int, str], tuple] = {}
    for row in rows:
        key = (row[0], row[4], row[2])
        if key not in best or rank[row[9]] < rank[best[key][9]]:
            best[key] = row
    return sorted(best.values(), key=lambda row: (row[0], row[4], row[1], row[2]))


def _map_rows(rows: list[tuple], names: dict[int, dict[str, Any]], year: int | None, set_id: int) -> list[dict]:
    """The countries on the map: the rows of ``year`` and one dimension set, with their place on the map."""
    map_rows = []
    for area_id, row_year, period, value, row_set, *_ in rows:
        area = names[area_id]
        if row_year != year or row_set != set_id or area["kind"] != AreaKind.COUNTRY or value is None:
            continue
        placement, point = map_placement(area["m49"])
        map_rows.append(
            {
                "m49": area["m49"],
                "code": area["code"],
                "name": area["name"],
                "value": value,
                "period": period,
                "placement": placement,
                "point": point,
            }
        )
    return map_rows


def _other_map(code: str, codes: dict[str, str], year: int | None) -> tuple[Series, list[dict]] | None:
    """The map of another series (:data:`MAP_SERIES`) for the same breakdown and year; None when it has no
    figure there (not loaded, or not for that year or breakdown)."""
    other = store.series_by_code(code)
    if other is None or year is None:
        return None
    query = ObservationQuery(series=[code], dimensions=exact_dimensions(codes), start=year, end=year)
    rows = store.observation_values(query, *ROW_FIELDS)
    if not rows:
        return None
    set_id = rows[0][4]  # one exact combination: one dimension set
    map_rows = _map_rows(rows, area_names({row[0] for row in rows}), year, set_id)
    return (other, map_rows) if map_rows else None


def view_query(series: Series, view: dict[str, Any], *, what: str) -> ObservationQuery:
    """The query for what a tab shows: ``chart``/``table`` the chosen areas over the chosen years, ``map`` the
    countries on the map in the map's year."""
    state: SeriesState = view["state"]
    query = ObservationQuery(series=[series.code], dimensions=dict(view["api_filters"]))
    if what == "map":
        if view["map_series"] != series:
            query = ObservationQuery(series=[view["map_series"].code], dimensions=exact_dimensions(view["map_codes"]))
        query.start = query.end = state.year
        query.areas = [row["code"] for row in view["map_rows"]]
    else:
        query.areas = list(state.areas)
        query.start, query.end = state.start, state.end
    return query


def api_params(query: ObservationQuery) -> list[tuple[str, str]]:
    """The query as /api/v1/observations parameters."""
    return query.parameters()


def indicator_series(indicator: Indicator) -> list[Series]:
    """Series of an indicator that have data, in code order."""
    return store.series_with_data_for(indicator=indicator.pk)


def series_by_indicator() -> dict[str, list[str]]:
    """Indicator code → codes of its series with data (for the browse pages)."""
    return store.series_codes_by_indicator()


def published_pages(site_root: Page) -> QuerySet[Page]:
    """The live, public pages of the site in every language: under its root page and each of the root's
    translations (wagtail-localize keeps one tree per language, side by side), in tree order."""
    in_a_tree = Q()
    for root in site_root.get_translations(inclusive=True):
        in_a_tree |= Q(path__startswith=root.path)
    return Page.objects.live().public().filter(in_a_tree).select_related("locale").order_by("path")
