"""Reads behind the country and region profiles: a few wide queries, plain data, cached per data version.

A profile shows, for one area: each migration-relevant indicator with its latest value, year, trend and the
same figure for the area's region and the world in the same year; the data availability matrix (indicator ×
year) that shows the gaps; the migrant stock story (UN DESA); the GCM objectives through their SDG targets.
Every figure is read through the domain's one query (:mod:`migmon.indicators.selectors`); this module only shapes them.

Headline and comparison figures are the latest *final* period: a period still being recorded (the register's
2026, as of its May export) is shown beside it as provisional, never as the latest value, so a partial year
does not read as a fall and areas are compared in the same year. Each figure is the global value where there is
one; where the area also has a national (or regional) value, both are shown side by side for their latest
common period, each with its release, and marked when they differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from migmon.geo.models import Area, AreaKind
from migmon.indicators import framework_selectors
from migmon.indicators import selectors as store
from migmon.indicators.models import Series
from migmon.indicators.selectors import ObservationQuery, QueryError, data_version, exact_dimensions
from migmon.indicators.vocabulary import PREFERENCE
from migmon.portal import labels, selectors
from migmon.portal.selectors import area_names, language
from migmon.portal.sparkline import sparkline_points

STOCK = "MIGSTOCK"
STOCK_ORIGIN = "MIGSTOCK_ORIGIN"
STOCK_OD = "MIGSTOCK_OD"
#: UN DESA Table 3 (migrants as a percentage of the population) and Table 4 (women's share of the migrants).
STOCK_SHARE = "MIGSTOCK_SHARE"
STOCK_WOMEN = "MIGSTOCK_FEMALE_SHARE"
TOP_ORIGINS = 10


def ancestors(area: Area) -> list[Area]:
    """Sub-region, region … up to the world, nearest first."""
    chain: list[Area] = []
    current = area.parent
    while current is not None and len(chain) < 6:
        chain.append(current)
        current = current.parent
    return chain


def _latest(
    points: list[tuple[int, str, float | None]], provisional: Mapping[str, object] | None = None
) -> tuple[int, str, float] | None:
    """The latest valued point, skipping the ``provisional`` periods."""
    valued = [(y, p, v) for y, p, v in points if v is not None and (not provisional or p not in provisional)]
    return max(valued) if valued else None


def _cache_key(kind: str, area: Area, version: str | None) -> str:
    return f"migmon.portal.{kind}:{area.pk}:{language()}:{version or data_version().tag}"


def profile_data(area: Area, version: str | None = None) -> dict[str, Any]:
    """The profile of ``area`` (cached per area, language and data version)."""
    key = _cache_key("profile", area, version)
    data = cache.get(key)
    if data is None:
        data = _profile_data(area)
        cache.set(key, data, 3600)
    return data


def profile_body(area: Area, data: dict[str, Any], version: str | None = None) -> SafeString:
    """The rendered figures of a profile (everything but the page chrome and related content), cached like the
    data: the availability matrix and the tables are most of a profile's rendering time."""
    key = _cache_key("profile-body", area, version)
    html = cache.get(key)
    if html is None:
        html = render_to_string("portal/includes/profile_body.html", {"area": area, "profile": data})
        cache.set(key, html, 3600)
    return mark_safe(html)  # noqa: S308 - rendered by our own template with autoescaping


def _profile_data(area: Area) -> dict[str, Any]:
    every = store.observation_values(
        ObservationQuery(areas=[area.code]),
        "series_id",
        "dimensions_id",
        "year",
        "period",
        "value",
        "reporting_type",
        "release_id",
    )
    rows = _preferred(every)
    codes = store.dimension_codes(row[1] for row in rows)
    series = store.series_by_ids(row[0] for row in rows)
    by_series: dict[int, dict[int, list[tuple[int, str, float | None]]]] = defaultdict(lambda: defaultdict(list))
    for series_id, set_id, year, period, value, *_ in rows:
        by_series[series_id][set_id].append((year, period, value))
    by_type: dict[tuple[int, int], dict[str, list[tuple[int, str, float | None, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for series_id, set_id, year, period, value, reporting_type, release_id in every:
        by_type[(series_id, set_id)][reporting_type].append((year, period, value, release_id))

    # Headline dimension set per series: the total when there is one, else the set with the most values.
    headline: dict[int, int] = {}
    for series_id, sets in by_series.items():
        totals = [pk for pk in sets if not codes[pk]]
        headline[series_id] = totals[0] if totals else max(sets, key=lambda pk: (len(sets[pk]), -pk))

    provisional = store.provisional_periods(by_series)
    chain = ancestors(area)
    comparison_areas = [a for a in chain if a.kind in (AreaKind.SUBREGION, AreaKind.REGION, AreaKind.WORLD)]
    # (series, set) → area → period → value: each comparison is the area's own latest final period.
    compare: dict[tuple[int, int], dict[int, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    if comparison_areas and headline:
        for series_id, set_id, area_id, _year, period, value in _comparison_rows(
            comparison_areas, headline, series, codes
        ):
            if headline.get(series_id) == set_id and value is not None:
                compare[(series_id, set_id)][area_id][period] = value

    indicators = list(framework_selectors.migration_relevant_indicators())
    years_all = sorted({row[2] for row in rows})
    indicator_rows: list[dict[str, Any]] = []
    matrix = []
    for indicator in indicators:
        indicator_series = [s for s in indicator.series.all() if s.pk in by_series]
        covered: set[int] = set()
        for s in indicator_series:
            for points in by_series[s.pk].values():
                covered.update(p[0] for p in points)
            set_id = headline[s.pk]
            points = sorted(by_series[s.pk][set_id])
            partial = provisional.get(s.pk, {})
            latest = _latest(points, partial) or _latest(points)
            if latest is None:
                continue
            newer = [(y, p, v) for y, p, v in points if v is not None and p in partial and (y, p) > latest[:2]]
            same_period = {a.pk: compare[(s.pk, set_id)][a.pk].get(latest[1]) for a in comparison_areas}
            comparisons = [
                {"name": a.name, "code": a.code, "kind": a.kind, "year": latest[0], "value": same_period[a.pk]}
                for a in comparison_areas
                if same_period[a.pk] is not None
            ]
            indicator_rows.append(
                {
                    "indicator": indicator.code,
                    "indicator_title": indicator.title,
                    "series": s.code,
                    "series_name": s.name,
                    "series_name_en": s.name_is_fallback,
                    "unit": s.unit,
                    "breakdown": labels.dimensions_label(codes[set_id]),
                    "year": latest[0],
                    "period": latest[1],
                    "value": latest[2],
                    "sparkline": sparkline_points([(p[0], p[2]) for p in points]),
                    "first_year": points[0][0],
                    "comparisons": comparisons,
                    "provisional": latest[1] in partial,
                    "as_of": partial[latest[1]].as_of if latest[1] in partial else None,
                    "newer": [{"period": p, "value": v, "as_of": partial[p].as_of} for _y, p, v in sorted(newer)[-1:]],
                    "sources": _side_by_side(by_type[(s.pk, set_id)]),
                }
            )
        matrix.append(
            {
                "indicator": indicator.code,
                "title": indicator.title,
                "cells": [year in covered for year in years_all],
                "count": len(covered),
                "has_series": bool(indicator.series.all()),
            }
        )

    sourced = [row for row in indicator_rows if row["sources"]]
    if sourced:
        names = {r.pk: selectors.release_name(r) for r in store.releases_by_ids(_release_ids(sourced))}
        for row in sourced:
            for source in row["sources"]["values"]:
                source["release_name"] = names.get(source["release"], "")
    stock = _stock_story(area, series, by_series, codes)
    if stock and "total" in stock:
        stock["comparisons"] = _stock_comparisons(comparison_areas, stock["total"]["year"])
    return {
        "indicator_rows": indicator_rows,
        "matrix": matrix,
        "matrix_years": years_all,
        "gaps": sum(1 for row in matrix if not row["count"]),
        "stock": stock,
        "gcm": _gcm_rows(indicator_rows),
        "comparison_areas": [{"name": a.name, "code": a.code, "kind": a.kind} for a in comparison_areas],
        "series_count": len(by_series),
        "observation_count": len(every),
    }


def _preferred(rows: list[tuple]) -> list[tuple]:
    """The rows (as ``_profile_data`` reads them) of one reporting type per series and dimension set: the global
    one where the area has global values, else the national, else the regional. A headline, its trend and its
    comparisons then come from one source; never a national year appended to a global series."""
    rank = {code: position for position, code in enumerate(PREFERENCE)}
    best: dict[tuple[int, int], str] = {}
    for row in rows:
        key = (row[0], row[1])
        if key not in best or rank[row[5]] < rank[best[key]]:
            best[key] = row[5]
    kept = [row for row in rows if row[5] == best[(row[0], row[1])]]
    return sorted(kept, key=lambda row: (row[0], row[1], row[2], row[3]))


def _side_by_side(found: dict[str, list[tuple[int, str, float | None, int]]]) -> dict[str, Any] | None:
    """Where the area has values of more than one reporting type for a figure: each one's value for their
    latest common period (with its release) and whether they differ; None where there is one reporting type."""
    if len(found) < 2:
        return None
    valued = {code: {p[1]: p for p in points if p[2] is not None} for code, points in found.items()}
    common = set.intersection(*(set(periods) for periods in valued.values()))
    if not common:
        return None
    first = next(iter(valued.values()))
    period = max(common, key=lambda p: (first[p][0], p))
    values = [
        {
            "reporting_type": code,
            "label": labels.reporting_type_label(code),
            "value": valued[code][period][2],
            "decimals": selectors.decimals_of(valued[code][period][2]),
            "release": valued[code][period][3],
        }
        for code in PREFERENCE
        if code in valued
    ]
    return {"period": period, "values": values, "differs": len({v["value"] for v in values}) > 1}


def _release_ids(indicator_rows: list[dict[str, Any]]) -> set[int]:
    return {value["release"] for row in indicator_rows for value in row["sources"]["values"]}


def _comparison_rows(
    areas: list[Area], headline: dict[int, int], series: dict[int, Series], codes: dict[int, dict[str, str]]
) -> list[tuple]:
    """(series, set, area, year, period, value) of the comparison areas for each series' headline combination:
    one query per distinct headline combination (almost always one: the totals)."""
    by_combination: dict[str, tuple[dict[str, str], list[str]]] = {}
    for series_id, set_id in headline.items():
        combination = codes[set_id]
        key = "|".join(f"{name}={code}" for name, code in sorted(combination.items()))
        by_combination.setdefault(key, (combination, []))[1].append(series[series_id].code)
    rows: list[tuple] = []
    for combination, series_codes in by_combination.values():
        query = ObservationQuery(
            series=series_codes,
            areas=[a.code for a in areas],
            dimensions=exact_dimensions(combination),
            preferred=True,
        )
        rows += store.observation_values(query, "series_id", "dimensions_id", "area_id", "year", "period", "value")
    return rows


def _stock_comparisons(areas: list[Area], year: int) -> list[dict[str, Any]]:
    """The region's and the world's total migrant stock in the same year, with women's share and the share of
    the population beside it (UN DESA's Tables 4 and 3; women's share computed from Table 1 where Table 4 has
    no figure)."""
    codes = [a.code for a in areas]
    query = ObservationQuery(series=[STOCK], areas=codes, start=year, end=year, preferred=True)
    rows = store.observation_values(query, "area_id", "dimensions__key", "value")
    totals: dict[int, float] = {}
    women: dict[int, float] = {}
    for area_id, key, value in rows:
        if value is None:
            continue
        if key == "":
            totals[area_id] = value
        elif key == "SEX=F":
            women[area_id] = value
    shares = _totals_in(STOCK_SHARE, codes, year)
    women_shares = _totals_in(STOCK_WOMEN, codes, year)
    return [
        {
            "name": a.name,
            "code": a.code,
            "value": totals[a.pk],
            "women_share": women_shares.get(a.pk)
            if a.pk in women_shares
            else (100 * women[a.pk] / totals[a.pk] if a.pk in women and totals[a.pk] else None),
            "share": shares.get(a.pk),
        }
        for a in areas
        if a.pk in totals
    ]


def _totals_in(series_code: str, area_codes: list[str], year: int) -> dict[int, float]:
    """Area id → the series' total (no breakdown) in ``year``; empty before the series is loaded."""
    query = ObservationQuery(
        series=[series_code], areas=area_codes, start=year, end=year, dimensions={}, preferred=True
    )
    try:
        rows = store.observation_values(query, "area_id", "dimensions__key", "value")
    except QueryError:
        return {}
    return {area_id: value for area_id, key, value in rows if key == "" and value is not None}


def _stock_story(area: Area, series: dict[int, Series], by_series: dict, codes: dict) -> dict[str, Any] | None:
    """Total migrant stock, women's share (SEX=F over the total, same year), emigrants, top origins."""
    by_code = {s.code: s.pk for s in series.values()}
    story: dict[str, Any] = {}
    if STOCK in by_code:
        sets = by_series[by_code[STOCK]]
        total_set = next((pk for pk in sets if not codes[pk]), None)
        women_set = next((pk for pk in sets if codes[pk] == {"SEX": "F"}), None)
        if total_set is not None:
            totals = sorted(sets[total_set])
            latest = _latest(totals)
            if latest is not None:
                story["total"] = {"year": latest[0], "value": latest[2]}
                story["trend"] = [{"year": y, "value": v} for y, _p, v in totals if v is not None]
                story["sparkline"] = sparkline_points([(y, v) for y, _p, v in totals])
                if women_set is not None:
                    women = {y: v for y, _p, v in sets[women_set] if v is not None}
                    if latest[0] in women and latest[2]:
                        story["women_share"] = {"year": latest[0], "value": 100 * women[latest[0]] / latest[2]}
    if STOCK_WOMEN in by_code and "total" in story:
        women_shares = {y: v for sets in by_series[by_code[STOCK_WOMEN]].values() for y, _p, v in sets if v is not None}
        if story["total"]["year"] in women_shares:  # DESA's own figure (Table 4) rather than the computed one
            story["women_share"] = {"year": story["total"]["year"], "value": women_shares[story["total"]["year"]]}
    if STOCK_SHARE in by_code:
        sets = by_series[by_code[STOCK_SHARE]]
        total_set = next((pk for pk in sets if not codes[pk]), None)
        if total_set is not None and (latest := _latest(sets[total_set])):
            story["share"] = {"year": latest[0], "value": latest[2]}
    if STOCK_ORIGIN in by_code:
        sets = by_series[by_code[STOCK_ORIGIN]]
        total_set = next((pk for pk in sets if not codes[pk]), None)
        if total_set is not None and (latest := _latest(sets[total_set])):
            story["emigrants"] = {"year": latest[0], "value": latest[2]}
    if STOCK_OD in by_code:
        od = store.observation_values(
            ObservationQuery(series=[STOCK_OD], areas=[area.code], preferred=True),
            "year",
            "value",
            "dimensions__counterpart_area_id",
        )
        od_rows = [(year, value, origin) for year, value, origin in od if value is not None and origin is not None]
        if od_rows:
            year = max(row[0] for row in od_rows)
            top = sorted((row for row in od_rows if row[0] == year and row[1] > 0), key=lambda r: -r[1])[:TOP_ORIGINS]
            names = area_names({row[2] for row in top})
            story["origins"] = {
                "year": year,
                "rows": [{"name": names[r[2]]["name"], "code": names[r[2]]["code"], "value": r[1]} for r in top],
            }
    return story or None


def _gcm_rows(indicator_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each GCM objective with the indicators (through its SDG targets) that have data for the area."""
    by_indicator: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in indicator_rows:
        by_indicator[row["indicator"]].append(row)
    result = []
    for objective in framework_selectors.gcm_objectives_with_targets().prefetch_related("targets__indicators"):
        codes = sorted({i.code for t in objective.targets.all() for i in t.indicators.all()})
        result.append(
            {
                "number": objective.number,
                "title": objective.title_fr if language() == "fr" and objective.title_fr else objective.title_en,
                "french_missing": language() == "fr" and not objective.title_fr,
                "short_label": (objective.short_label_fr if language() == "fr" else "") or objective.short_label_en,
                "targets": sorted(t.code for t in objective.targets.all()),
                "rows": [r for code in codes for r in by_indicator.get(code, [])],
            }
        )
    return result


DEATH_SERIES = ("MMP_DTH_MIGR", "SM_DTH_MIGR")


WORLD = "001"  # M49 code of the World


def _latest_world(series_code: str, codes: dict[str, str]) -> dict[str, Any] | None:
    """The world's latest value of a series in a final period, for one exact combination of dimensions (None
    before any import): a headline never reads a year still being recorded."""
    query = ObservationQuery(series=[series_code], areas=[WORLD], dimensions=exact_dimensions(codes), preferred=True)
    try:
        rows = store.observation_values(query, "series_id", "year", "period", "value")
    except QueryError:  # the series or the World is not loaded yet
        return None
    provisional = store.provisional_periods({row[0] for row in rows})
    partial = next(iter(provisional.values()), {})
    latest = _latest([(year, period, value) for _series, year, period, value in rows], partial)
    if latest is None:
        return None
    year, _period, value = latest
    return {"year": year, "value": value}


def home_figures_data() -> dict[str, Any]:
    figures: dict[str, Any] = {"world_stock": _latest_world(STOCK, {})}
    women = _latest_world(STOCK, {"SEX": "F"})
    if figures["world_stock"] and women and women["year"] == figures["world_stock"]["year"]:
        figures["women_share"] = 100 * women["value"] / figures["world_stock"]["value"]
    for code in DEATH_SERIES:
        if deaths := _latest_world(code, {}):
            figures["deaths"] = deaths
            break
    return figures
