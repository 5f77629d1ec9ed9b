"""Reads behind /api/v1, shaped as plain dicts (no model instances on the hot paths).

Observations are read through the domain's one query (:mod:`migmon.indicators.selectors`), the same one the
portal's pages and downloads and ``migmon export`` use, so a file downloaded from a page holds exactly what
the API answers for the same query; areas resolve through :mod:`migmon.geo.lookup`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch

from migmon.geo.models import Area
from migmon.indicators import selectors as store
from migmon.indicators import vocabulary
from migmon.indicators.models import GcmLink, GcmObjective, Goal, Indicator, Target
from migmon.indicators.selectors import DEFAULT_LIMIT, MAX_LIMIT, ObservationQuery, area_ids, page, page_observations

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "ObservationQuery", "observation_page", "page_observations"]


def translated(row: Any, prefix: str) -> dict[str, str | None]:
    """``{"fr": …, "en": …, "es": …}`` from ``<prefix>_fr`` … fields; empty texts become null."""
    values = {language: getattr(row, f"{prefix}_{language}", "") or None for language in ("fr", "en", "es")}
    values["en"] = values["en"] or ""
    return values


def goals() -> list[dict[str, Any]]:
    targets: dict[int, list[str]] = defaultdict(list)
    for goal_id, code in Target.objects.order_by("sort_key").values_list("goal_id", "code"):
        targets[goal_id].append(code)
    return [
        {
            "code": goal.code,
            "number": goal.number,
            "title": translated(goal, "title"),
            "short": translated(goal, "short"),
            "targets": targets[goal.pk],
        }
        for goal in Goal.objects.all()
    ]


def targets(*, goal: int | None = None, code: str | None = None) -> list[dict[str, Any]]:
    queryset = Target.objects.select_related("goal").prefetch_related("indicators", "gcm_objectives")
    if goal is not None:
        queryset = queryset.filter(goal__number=goal)
    if code is not None:
        queryset = queryset.filter(code=code)
    return [
        {
            "code": target.code,
            "goal": target.goal.code,
            "title": translated(target, "title"),
            "migration_relevant": target.migration_relevant,
            "relevance_note": target.relevance_note,
            "indicators": [indicator.code for indicator in target.indicators.all()],
            "gcm_objectives": sorted(objective.number for objective in target.gcm_objectives.all()),
        }
        for target in queryset
    ]


def indicators(
    *, target: str | None = None, migration_relevant: bool | None = None, code: str | None = None
) -> list[dict[str, Any]]:
    queryset = Indicator.objects.prefetch_related("targets", "series")
    if target is not None:
        queryset = queryset.filter(targets__code=target)
    if migration_relevant is not None:
        queryset = queryset.filter(migration_relevant=migration_relevant)
    if code is not None:
        queryset = queryset.filter(code=code)
    return [
        {
            "code": indicator.code,
            "title": translated(indicator, "title"),
            "targets": [t.code for t in indicator.targets.all()],
            "series": [s.code for s in indicator.series.all()],
            "migration_relevant": indicator.migration_relevant,
            "relevance_note": indicator.relevance_note,
        }
        for indicator in queryset.distinct()
    ]


def series_list(*, indicator: str | None = None, code: str | None = None, with_data: bool = False) -> list[dict]:
    coverage = store.series_coverage()
    result = []
    for series in store.series_list(indicator=indicator, code=code):
        count, start, end = coverage.get(series.pk, (0, None, None))
        if with_data and not count:
            continue
        result.append(
            {
                "code": series.code,
                "name": translated(series, "name"),
                "unit": series.unit,
                "unit_multiplier": series.unit_multiplier,
                "allowed_dimensions": series.allowed_dimensions or {},
                "indicators": [i.code for i in series.indicators.all()],
                "observations": count,
                "start": start,
                "end": end,
            }
        )
    return result


def gcm_objectives(*, number: int | None = None) -> list[dict[str, Any]]:
    queryset = GcmObjective.objects.prefetch_related(
        Prefetch("links", queryset=GcmLink.objects.select_related("target", "indicator"))
    )
    if number is not None:
        queryset = queryset.filter(number=number)
    return [
        {
            "number": objective.number,
            "title": {"fr": objective.title_fr or None, "en": objective.title_en, "es": None},
            "title_fr_source": objective.title_fr_source,
            "short_label": {"fr": objective.short_label_fr or None, "en": objective.short_label_en, "es": None},
            "targets": [
                link.target.code for link in sorted(objective.links.all(), key=lambda link: link.target.sort_key)
            ],
            "links": [
                {
                    "target": link.target.code,
                    "indicator": link.indicator.code if link.indicator else None,
                    "strength": link.strength,
                    "basis": link.basis,
                }
                for link in objective.links.all()  # specific links first (GcmLink's ordering)
            ],
            "link_source": objective.link_source,
        }
        for objective in queryset
    ]


AREA_FIELDS = ("code", "kind", "m49", "iso2", "iso3", "name_fr", "name_en", "name_es", "parent__code")
AREA_FLAGS = ("is_ldc", "is_lldc", "is_sids")


def areas(*, kind: str | None = None, code: str | None = None) -> list[dict[str, Any]]:
    queryset = Area.objects.order_by("kind", "code")
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    if code is not None:
        queryset = queryset.filter(pk__in=area_ids([code], parameter="code"))
    return [
        {
            "code": row[0],
            "kind": row[1],
            "m49": row[2],
            "iso2": row[3],
            "iso3": row[4],
            "name": {"fr": row[5] or None, "en": row[6], "es": row[7] or None},
            "parent": row[8],
            "is_ldc": row[9],
            "is_lldc": row[10],
            "is_sids": row[11],
        }
        for row in queryset.values_list(*AREA_FIELDS, *AREA_FLAGS)
    ]


def releases(*, release_id: int | None = None) -> list[dict[str, Any]]:
    queryset = store.releases_list()
    if release_id is not None:
        queryset = queryset.filter(pk=release_id)
    return [
        {
            "id": release.pk,
            "dataset": release.dataset.code,
            "source_organisation": release.dataset.source_organisation,
            "file_name": release.file_name,
            "sha256": release.sha256,
            "edition": release.edition,
            "imported_at": release.imported_at,
            "importer": release.importer,
            "importer_version": release.importer_version,
            "added": release.added,
            "changed": release.changed,
            "unchanged": release.unchanged,
            "rejected": release.rejected,
            "status": release.status,
            "rolled_back_at": release.rolled_back_at,
        }
        for release in queryset
    ]


def is_dimension_name(name: str) -> bool:
    """Observations also take dimension filters (``sex=F``): a dimension of the vocabulary, in any case."""
    dimension = vocabulary.by_parameter(name)
    return dimension is not None and dimension.filterable


def observation_page(
    query: ObservationQuery, *, cursor: str | None, limit: int
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of observations in the one ordering, and the cursor of the next page (None on the last one)."""
    found = page(query, cursor=cursor, limit=limit)
    return found.rows, found.next
