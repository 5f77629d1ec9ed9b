"""Reads of the follow-up: published pledges and reviews (the public's only way in), the pledging dashboard and
the GCM profile of a country or region. Editorial screens read drafts through :func:`editorial_pledges`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from migmon.gcm.choices import CALENDAR, CALENDAR_LABELS, Editorial, PledgeStatus, PledgeType
from migmon.gcm.models import Pledge, PledgeUpdate, Review
from migmon.gcm.shares import share
from migmon.geo.models import Area, AreaKind
from migmon.indicators.models import GcmObjective

PLEDGE_RELATED = ("objectives", "pledging_states", "areas")


def _with_relations(pledges: QuerySet[Pledge]) -> QuerySet[Pledge]:
    return pledges.select_related("matched_pledge").prefetch_related(
        Prefetch("objectives", queryset=GcmObjective.objects.order_by("number")),
        "pledging_states",
        "areas",
        Prefetch("updates", queryset=PledgeUpdate.objects.order_by("-date", "-id")),
    )


def public_pledges() -> QuerySet[Pledge]:
    """Published pledges only, with their objectives, States, areas and updates."""
    return _with_relations(Pledge.objects.filter(editorial=Editorial.PUBLISHED)).order_by("public_id")


def editorial_pledges() -> QuerySet[Pledge]:
    """Every pledge, drafts included: for the data managers' screens only."""
    return _with_relations(Pledge.objects.all()).order_by("-updated_at", "-id")


def public_pledge(public_id: str) -> Pledge | None:
    return public_pledges().filter(public_id=public_id).first()


def public_reviews() -> QuerySet[Review]:
    return (
        Review.objects.filter(editorial=Editorial.PUBLISHED)
        .select_related("area")
        .prefetch_related(Prefetch("objectives", queryset=GcmObjective.objects.order_by("number")))
        .order_by("-year", "area__code", "pk")
    )


def area_and_below(area: Area) -> list[int]:
    """The area and every area under it in the M49 tree (a region's sub-regions and countries)."""
    found, frontier = [area.pk], [area.pk]
    while frontier:
        frontier = list(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        found.extend(frontier)
    return found


def pledges_of_area(area: Area) -> QuerySet[Pledge]:
    """Published pledges made by, or covering, the area (for a region: any area in it)."""
    ids = [area.pk] if area.kind == AreaKind.COUNTRY else area_and_below(area)
    match = Q(pledging_states__in=ids) | Q(areas__in=ids)
    pks = Pledge.objects.filter(match, editorial=Editorial.PUBLISHED).values("pk")
    return public_pledges().filter(pk__in=pks)


def reviews_of_area(area: Area) -> QuerySet[Review]:
    return public_reviews().filter(area=area)


def filter_pledges(
    pledges: QuerySet[Pledge],
    *,
    status: str | None = None,
    objective: int | None = None,
    pledge_type: str | None = None,
    area: Area | None = None,
) -> QuerySet[Pledge]:
    if status:
        pledges = pledges.filter(status=status)
    if pledge_type:
        pledges = pledges.filter(pledge_type=pledge_type)
    if objective:
        pledges = pledges.filter(pk__in=Pledge.objects.filter(objectives__number=objective).values("pk"))
    if area is not None:
        pledges = pledges.filter(pk__in=pledges_of_area(area).values("pk"))
    return pledges


def _rows(counts: Counter, total: int, labels: dict[Any, Any], order: Iterable[Any]) -> list[dict[str, Any]]:
    return [
        {"key": key, "label": labels.get(key, str(key)), "count": counts[key], "share": share(counts[key], total)}
        for key in order
        if counts[key]
    ]


def dashboard(pledges: QuerySet[Pledge] | None = None) -> dict[str, Any]:
    """Counts and shares of published pledges by status, objective, type and pledging country.

    A pledge counts once by status and by type (those shares add up to 100 %), but under each of its objectives
    and each of its pledging States, so those shares may add up to more than 100 %.
    """
    rows = list(public_pledges() if pledges is None else pledges)
    total = len(rows)
    by_status = Counter(p.status for p in rows)
    by_type = Counter(p.pledge_type for p in rows)
    by_objective: Counter[int] = Counter()
    by_country: Counter[int] = Counter()
    objectives: dict[int, GcmObjective] = {}
    countries: dict[int, Area] = {}
    for pledge in rows:
        for objective in pledge.objectives.all():
            by_objective[objective.number] += 1
            objectives[objective.number] = objective
        for state in pledge.pledging_states.all():
            by_country[state.pk] += 1
            countries[state.pk] = state
    country_order = sorted(countries, key=lambda pk: (-by_country[pk], countries[pk].name))
    return {
        "total": total,
        "by_status": _rows(by_status, total, dict(PledgeStatus.choices), PledgeStatus.values),
        "by_type": _rows(by_type, total, dict(PledgeType.choices), PledgeType.values),
        "by_objective": [
            {**row, "objective": objectives[row["key"]]}
            for row in _rows(
                by_objective, total, {n: o.short_label for n, o in objectives.items()}, sorted(by_objective)
            )
        ],
        "by_country": [
            {**row, "area": countries[row["key"]]}
            for row in _rows(by_country, total, {pk: a.name for pk, a in countries.items()}, country_order)
        ],
    }


def calendar() -> list[dict[str, Any]]:
    """The review calendar with the published reviews entered for each cycle."""
    reviews = list(public_reviews())
    return [
        {
            "first": first,
            "last": last,
            "what": what,
            "label": CALENDAR_LABELS[what],
            "reviews": [r for r in reviews if first <= r.year <= last],
        }
        for first, last, what in CALENDAR
    ]
