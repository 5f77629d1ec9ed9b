"""Read the SDG framework and the GCM objectives for pages and the API (querysets, prefetched, in code order)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from migmon.indicators.models import GcmLink, GcmObjective, Goal, Indicator, IndicatorEntry, Series, Target


def goals_with_targets() -> QuerySet[Goal]:
    """The 17 goals, each with its targets (10.2 < 10.10 < 10.a) and their indicators prefetched."""
    indicators = Indicator.objects.order_by("sort_key")
    targets = Target.objects.order_by("sort_key").prefetch_related(Prefetch("indicators", queryset=indicators))
    return Goal.objects.order_by("number").prefetch_related(Prefetch("targets", queryset=targets))


def migration_relevant_targets() -> QuerySet[Target]:
    return Target.objects.filter(migration_relevant=True).select_related("goal").order_by("sort_key")


def migration_relevant_indicators() -> QuerySet[Indicator]:
    """Indicators flagged migration-relevant, with their targets and series."""
    return (
        Indicator.objects.filter(migration_relevant=True)
        .prefetch_related("targets", "series", "entries")
        .order_by("sort_key")
    )


def indicator_by_code(code: str) -> Indicator | None:
    """The indicator numbered ``code`` under any of its targets (13.1.1 finds the indicator first listed as 1.5.1)."""
    entry = IndicatorEntry.objects.select_related("indicator").filter(code=code.strip()).first()
    return entry.indicator if entry else None


def series_for_indicator(code: str) -> QuerySet[Series]:
    """The series measuring the indicator numbered ``code`` (e.g. ``10.c.1`` → SI_RMT_COST, …_BC, …_SC, …_SND)."""
    return Series.objects.filter(indicators__entries__code=code.strip()).order_by("code").distinct()


def gcm_objectives_with_targets() -> QuerySet[GcmObjective]:
    """The 23 GCM objectives with the SDG targets each serves, targets in code order."""
    targets = Target.objects.order_by("sort_key")
    return GcmObjective.objects.order_by("number").prefetch_related(Prefetch("targets", queryset=targets))


def gcm_links(*, objective: int | None = None) -> QuerySet[GcmLink]:
    """The objective ↔ target links with their basis: specific links first, then general ones, targets in order.

    Each link carries its target's indicators (prefetched), so a page can show the indicator the basis names
    first and the target's other indicators after it.
    """
    links = GcmLink.objects.select_related("objective", "target", "target__goal", "indicator").prefetch_related(
        Prefetch("target__indicators", queryset=Indicator.objects.order_by("sort_key"))
    )
    if objective is not None:
        links = links.filter(objective__number=objective)
    return links.order_by("objective__number", "-strength", "target__sort_key")


def series_indicator_codes() -> dict[str, tuple[str, ...]]:
    """Series code → the codes of the indicators it measures (one query), for roll-ups up the framework."""
    links: dict[str, list[str]] = {}
    for series_code, indicator_code in Series.indicators.through.objects.values_list("series__code", "indicator__code"):
        links.setdefault(series_code, []).append(indicator_code)
    return {code: tuple(sorted(indicators)) for code, indicators in links.items()}


def series_by_codes(codes: Iterable[str]) -> dict[str, Series]:
    """The series with these codes, by code (for naming series on pages that hold only codes)."""
    return {series.code: series for series in Series.objects.filter(code__in=list(codes))}
