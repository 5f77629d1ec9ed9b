"""Reads of the foresight workspace for pages, the API and the services: the one door into its data.

``public=True`` (the default) keeps to what visitors may see: published sets, and in them published signposts.
Signpost states are evaluated from the store (:mod:`migmon.foresight.panels`, :mod:`migmon.foresight.rules`)
once per data version and signpost state, and kept for the process: a page after the first reuses them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from wagtail.models import PageLogEntry

from migmon.foresight.choices import GROUP_AGGREGATES, Curation, Direction, State
from migmon.foresight.models import Driver, Scenario, ScenarioSet, Signal, Signpost, SignpostRecord, Trend
from migmon.foresight.panels import Subject, subjects
from migmon.foresight.rules import Evaluation, evaluate, history_by_year
from migmon.geo.models import Area
from migmon.indicators.selectors import data_version
from migmon.progress.selectors import units_for


def scenario_sets(*, public: bool = True) -> QuerySet[ScenarioSet]:
    sets = ScenarioSet.objects.annotate(scenario_count=Count("scenarios"))
    return sets.filter(live=True) if public else sets


def scenario_set(slug: str, *, public: bool = True) -> ScenarioSet | None:
    """One set with its scenarios, their assumptions and its drivers (None when absent or unpublished)."""
    return (
        scenario_sets(public=public)
        .prefetch_related(
            Prefetch("scenarios", queryset=Scenario.objects.prefetch_related("assumptions")),
            Prefetch("drivers", queryset=Driver.objects.prefetch_related("series", "gcm_objectives")),
        )
        .filter(slug=slug)
        .first()
    )


def scenario(set_slug: str, slug: str, *, public: bool = True) -> Scenario | None:
    query = Scenario.objects.select_related("scenario_set").prefetch_related("assumptions")
    if public:
        query = query.filter(scenario_set__live=True)
    return query.filter(scenario_set__slug=set_slug, slug=slug).first()


def signposts(
    *, scenario_set: ScenarioSet | None = None, scenario: Scenario | None = None, public: bool = True
) -> QuerySet[Signpost]:
    query = Signpost.objects.select_related("scenario__scenario_set", "assumption", "series", "region")
    query = query.prefetch_related("areas")
    if public:
        query = query.filter(live=True, scenario__scenario_set__live=True)
    if scenario_set is not None:
        query = query.filter(scenario__scenario_set=scenario_set)
    if scenario is not None:
        query = query.filter(scenario=scenario)
    return query.order_by("scenario__scenario_set", "scenario__order", "pk")


def signpost(pk: int, *, public: bool = True) -> Signpost | None:
    return signposts(public=public).filter(pk=pk).first()


@dataclass(frozen=True)
class SignpostState:
    """The state of one signpost for one subject (an area, or its group), with the evaluation behind it."""

    signpost: Signpost
    subject: Subject
    evaluation: Evaluation

    @property
    def state(self) -> str:
        return self.evaluation.state


def signposts_version() -> str:
    """Changes whenever a signpost is added, edited or removed."""
    found = Signpost.objects.aggregate(n=Count("pk"), top=Max("pk"), last=Max("updated_at"))
    return f"{found['n']}.{found['top']}.{found['last'].timestamp() if found['last'] else 0}"


def set_version(scenario_set: ScenarioSet) -> str:
    """Changes whenever what the set's page and PDF show may change: the data, the signposts, the set, its
    scenarios (their assumptions are saved with them) and drivers, the signals, and any Wagtail page published,
    unpublished or moved (the set's publication page)."""
    parts = [data_version().tag, signposts_version()]
    for query in (
        ScenarioSet.objects.filter(pk=scenario_set.pk),
        Scenario.objects.filter(scenario_set=scenario_set),
        Driver.objects.filter(scenario_set=scenario_set),
        Signal.objects.all(),
    ):
        found = query.aggregate(n=Count("pk"), last=Max("updated_at"))
        parts.append(f"{found['n']}.{found['last'].timestamp() if found['last'] else 0}")
    parts.append(str(PageLogEntry.objects.aggregate(last=Max("id"))["last"]))
    return ":".join(parts)


_memo: dict[tuple[str, int], list[SignpostState]] = {}
_memo_version = ""
_lock = threading.Lock()


def evaluate_signpost(item: Signpost) -> list[SignpostState]:
    """Evaluate one signpost on the current data (no cache)."""
    rule = item.rule()
    return [SignpostState(item, subject, evaluate(rule, subject.panel)) for subject in subjects(item)]


def states(items: Iterable[Signpost]) -> list[SignpostState]:
    """The state of each signpost for each of its subjects, evaluated once per data and signpost version."""
    global _memo_version
    version = f"{data_version().tag}:{signposts_version()}"
    found: list[SignpostState] = []
    with _lock:
        if version != _memo_version:
            _memo.clear()
            _memo_version = version
    for item in items:
        key = (version, item.pk)
        if key not in _memo:
            evaluated = evaluate_signpost(item)
            with _lock:
                _memo[key] = evaluated
        # The memo keeps the signpost it was computed from; answer with the caller's instance.
        found.extend(SignpostState(item, s.subject, s.evaluation) for s in _memo[key])
    return found


def forget_cached_states() -> None:
    """Drop the process's states (tests that change data inside one transaction)."""
    global _memo_version
    with _lock:
        _memo.clear()
        _memo_version = ""


def states_for_area(area: Area, *, public: bool = True) -> list[SignpostState]:
    """States about ``area``: signposts judging it, or counting over it as their region."""
    items = signposts(public=public).filter(areas=area) | signposts(public=public).filter(region=area)
    found = states(items.distinct())
    return [s for s in found if s.subject.area is None or s.subject.area.pk == area.pk]


@dataclass(frozen=True)
class ScenarioTally:
    """How many of a scenario's signposts are on pointing toward it, on pointing away, off, or undecided."""

    scenario: Scenario
    toward: int
    away: int
    off: int
    insufficient: int


def tallies(scenarios: Iterable[Scenario], found: Iterable[SignpostState]) -> list[ScenarioTally]:
    """Per scenario of the set, the count of states by direction and state: which world the data leans to."""
    counts: dict[int, dict[str, int]] = {}
    for item in found:
        bucket = counts.setdefault(item.signpost.scenario_id, {"toward": 0, "away": 0, "off": 0, "insufficient": 0})
        if item.state == State.ON:
            bucket["toward" if item.signpost.direction == Direction.TOWARD else "away"] += 1
        else:
            bucket[item.state] += 1
    empty = {"toward": 0, "away": 0, "off": 0, "insufficient": 0}
    return [ScenarioTally(s, **counts.get(s.pk, empty)) for s in scenarios]


def year_history(item: Signpost, subject_code: str) -> list[Evaluation]:
    """The state the signpost had as of each year, for one of its subjects."""
    for subject in subjects(item):
        if subject.code == subject_code:
            return history_by_year(item.rule(), subject.panel)
    return []


def release_history(item: Signpost, subject_code: str) -> QuerySet[SignpostRecord]:
    """The states recorded each time the data changed, oldest first, with the release that changed it."""
    return item.records.filter(subject=subject_code).select_related("release", "release__dataset")


def target_for(state: SignpostState) -> float | None:
    """The 2030 target value the progress register gives the state's area and series (totals), if any."""
    item = state.signpost
    if state.subject.area is None or item.dimensions or item.aggregate in GROUP_AGGREGATES:
        return None
    for unit in units_for(area=state.subject.area, series=item.series.code):
        if not unit.unit.disaggregation and unit.anticipated.target_value is not None:
            return unit.anticipated.target_value
    return None


# --- signals and trends ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignalFilter:
    """What a visitor narrows the approved signals to; every field optional."""

    category: str = ""
    trend: int | None = None
    location: str = ""  # an area code
    keyword: str = ""


def trends(*, public: bool = True) -> QuerySet[Trend]:
    found = Trend.objects.prefetch_related("drivers", "series")
    if public:
        found = found.filter(status=Curation.APPROVED).annotate(
            approved_signals=Count("signals", filter=Q(signals__status=Curation.APPROVED))
        )
    return found


def trend(pk: int, *, public: bool = True) -> Trend | None:
    return trends(public=public).filter(pk=pk).first()


def signals(where: SignalFilter | None = None, *, public: bool = True) -> QuerySet[Signal]:
    """Signals, newest first; the public sees approved ones only, and through them approved trends only."""
    found = Signal.objects.select_related("location").prefetch_related(
        Prefetch("trends", queryset=trends(public=public)), "drivers", "series"
    )
    if public:
        found = found.filter(status=Curation.APPROVED)
    where = where or SignalFilter()
    if where.category:
        found = found.filter(category=where.category)
    if where.trend is not None:
        found = found.filter(trends__pk=where.trend)
    if where.location:
        found = found.filter(location__code=where.location)
    if where.keyword:
        found = found.filter(keywords__icontains=where.keyword)
    return found.distinct()


def signal(pk: int, *, public: bool = True) -> Signal | None:
    return signals(public=public).filter(pk=pk).first()


def signal_locations() -> list[Area]:
    """The areas approved signals come from (the location filter's menu)."""
    ids = Signal.objects.filter(status=Curation.APPROVED, location__isnull=False).values("location_id")
    return sorted(Area.objects.filter(pk__in=ids), key=lambda area: area.name)


def signals_of_drivers(drivers: Iterable[Driver]) -> dict[int, list[Signal]]:
    """Driver id → the approved signals linked to it (a set page shows them under each driver)."""
    wanted = [driver.pk for driver in drivers]
    found: dict[int, list[Signal]] = {pk: [] for pk in wanted}
    for item in signals().filter(drivers__pk__in=wanted).prefetch_related("drivers"):
        for driver in item.drivers.all():
            if driver.pk in found:
                found[driver.pk].append(item)
    return found
