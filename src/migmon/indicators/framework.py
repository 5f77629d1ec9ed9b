"""Write the reference framework: SDG goals, targets, indicators, series, migration relevance, GCM objectives.

:func:`framework_load` is idempotent: it compares each row with what the files say and writes only the
differences, so a second run reports nothing created or updated. Observations, releases and datasets are
not touched here (see ``services.py``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from migmon.indicators.framework_sources import (
    LANGUAGES,
    read_curated,
    read_framework,
    read_gcm_objectives,
    read_series,
    sort_key,
)
from migmon.indicators.models import (
    GcmLink,
    GcmLinkOrigin,
    GcmLinkStrength,
    GcmObjective,
    Goal,
    Indicator,
    IndicatorEntry,
    Series,
    Target,
)

GCM_LINK_SOURCE = "migmon curation, see indicators/data/SOURCES.md and gcm_sdg_targets.csv"


@dataclass
class FrameworkLoadResult:
    """Created / updated / unchanged per table, and the references that could not be linked."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    unlinked_series: list[str] = field(default_factory=list)

    def count(self, table: str, outcome: str) -> None:
        self.counts.setdefault(table, Counter())[outcome] += 1

    @property
    def changed(self) -> bool:
        return any(counts["created"] or counts["updated"] or counts["deleted"] for counts in self.counts.values())


def framework_load(*, data_dir: Path) -> FrameworkLoadResult:
    """Bring goals, targets, indicators, series and GCM objectives in line with the files; return what changed."""
    framework = read_framework(data_dir)
    series_specs = read_series(data_dir)
    gcm_rows = read_gcm_objectives(data_dir)
    relevance = {row["code"]: row for row in read_curated("migration_relevance.csv")}
    gcm_links = read_curated("gcm_sdg_targets.csv")
    result = FrameworkLoadResult()
    with transaction.atomic():
        known = KnownRows()
        goals = _load_goals(framework.goals, result, known)
        targets = _load_targets(framework.targets, goals, relevance, result, known)
        entries = _load_indicators(framework, targets, relevance, result, known)
        _load_series(series_specs, entries, result, known)
        _load_gcm(gcm_rows, gcm_links, targets, result)
    missing = [code for code in relevance if code not in targets and code not in entries]
    if missing:
        raise ValueError(f"migration_relevance.csv names codes that are not in the framework: {missing}")
    return result


class KnownRows:
    """The rows of the framework's tables by their natural key, read once per load: one query per table instead of
    one per row (the load runs at every ``make run`` and in many tests). Only for tables whose rows the load does
    not delete before it upserts them."""

    def __init__(self) -> None:
        self._rows: dict[tuple[type[models.Model], str], dict[Any, models.Model]] = {}

    def get(self, model: type[models.Model], field: str, value: Any) -> models.Model | None:
        return self._by(model, field).get(value)

    def add(self, model: type[models.Model], field: str, instance: models.Model) -> None:
        self._by(model, field)[getattr(instance, field)] = instance

    def _by(self, model: type[models.Model], field: str) -> dict[Any, models.Model]:
        rows = self._rows.get((model, field))
        if rows is None:
            rows = self._rows[model, field] = {getattr(row, field): row for row in model._default_manager.all()}
        return rows


def _differs(instance: models.Model, name: str, value: Any) -> bool:
    """Compare a foreign key by its id (reading the related row would cost a query per row)."""
    if isinstance(value, models.Model):
        return getattr(instance, f"{name}_id") != value.pk
    return getattr(instance, name) != value


def _upsert(  # type: ignore[no-untyped-def]
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    result: FrameworkLoadResult,
    known: KnownRows | None = None,
):
    """Create the row or update the fields that differ; count the outcome under the model's name.

    With ``known`` the row is looked up there (``lookup`` is then one field of plain values)."""
    table = model._meta.model_name or model.__name__
    if known is not None:
        ((field, value),) = lookup.items()
        instance = known.get(model, field, value)
    else:
        instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model._default_manager.create(**lookup, **values)
        if known is not None:
            known.add(model, field, instance)
        result.count(table, "created")
        return instance
    changed = [name for name, value in values.items() if _differs(instance, name, value)]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        result.count(table, "updated")
    else:
        result.count(table, "unchanged")
    return instance


class KnownLinks:
    """The rows of a many-to-many table as owner id → linked ids, read once per load."""

    def __init__(self, relation: Any) -> None:
        through = relation.through
        owner = relation.field.m2m_column_name()
        linked = relation.field.m2m_reverse_name()
        self._links: dict[int, set[int]] = {}
        for owner_id, linked_id in through._default_manager.values_list(owner, linked):
            self._links.setdefault(owner_id, set()).add(linked_id)

    def of(self, owner_id: int) -> set[int]:
        return self._links.get(owner_id, set())


def _set_m2m(
    manager: Any, wanted: set[int], table: str, result: FrameworkLoadResult, known: KnownLinks | None = None
) -> None:
    current = known.of(manager.instance.pk) if known is not None else set(manager.values_list("pk", flat=True))
    if current != wanted:
        manager.set(wanted)
        result.count(table, "updated")
    else:
        result.count(table, "unchanged")


def _titles(titles: dict[str, str], prefix: str = "title") -> dict[str, str]:
    return {f"{prefix}_{language}": titles[language] for language in LANGUAGES}


def _relevance(code: str, relevance: dict[str, dict[str, str]]) -> dict[str, Any]:
    row = relevance.get(code)
    if row is None:
        return {"migration_relevant": False, "relevance_note": ""}
    return {"migration_relevant": True, "relevance_note": f"{row['rationale']} [{row['source']}]"}


def _load_goals(entries: dict[str, Any], result: FrameworkLoadResult, known: KnownRows) -> dict[str, Goal]:
    goals = {}
    for code, entry in entries.items():
        values = _titles(entry.titles) | {f"short_{lang}": entry.shorts.get(lang, "") for lang in LANGUAGES}
        goals[code] = _upsert(Goal, {"number": int(code)}, values, result, known)
    return goals


def _load_targets(
    entries: dict[str, Any],
    goals: dict[str, Goal],
    relevance: dict[str, dict[str, str]],
    result: FrameworkLoadResult,
    known: KnownRows,
) -> dict[str, Target]:
    targets = {}
    for code, entry in entries.items():
        values = _titles(entry.titles) | {"goal": goals[code.split(".")[0]], "sort_key": sort_key(code)}
        targets[code] = _upsert(Target, {"code": code}, values | _relevance(code, relevance), result, known)
    return targets


def _load_indicators(
    framework: Any,
    targets: dict[str, Target],
    relevance: dict[str, dict[str, str]],
    result: FrameworkLoadResult,
    known: KnownRows,
) -> dict[str, Indicator]:
    """One Indicator per group of identical entries (code = the first), one IndicatorEntry per numbered entry."""
    by_entry: dict[str, Indicator] = {}
    linked = KnownLinks(Indicator.targets)
    for group in framework.indicator_groups():
        first = group[0]
        flagged = [code for code in group if code in relevance]
        values = _titles(framework.indicators[first].titles) | {"sort_key": sort_key(first)}
        indicator = _upsert(
            Indicator,
            {"code": first},
            values | _relevance(flagged[0] if flagged else first, relevance),
            result,
            known,
        )
        group_targets = set()
        for code in group:
            target = targets[code.rsplit(".", 1)[0]]
            group_targets.add(target.pk)
            _upsert(
                IndicatorEntry,
                {"code": code},
                {"indicator": indicator, "target": target, "sort_key": sort_key(code)},
                result,
                known,
            )
            by_entry[code] = indicator
        _set_m2m(indicator.targets, group_targets, "indicator targets", result, linked)
    # Entries and indicators the list no longer has (or that became repeats of another) go; they hold no data.
    stale_entries = IndicatorEntry.objects.exclude(code__in=by_entry)
    stale_indicators = Indicator.objects.exclude(pk__in={indicator.pk for indicator in by_entry.values()})
    for table, stale in (("indicatorentry", stale_entries), ("indicator", stale_indicators)):
        deleted = stale.delete()[0]
        if deleted:
            result.counts.setdefault(table, Counter())["deleted"] += deleted
    return by_entry


def _load_series(
    specs: list[Any], entries: dict[str, Indicator], result: FrameworkLoadResult, known: KnownRows
) -> None:
    # Names a data manager translated in the admin stay: the files hold no better French or Spanish name.
    translated = set(Series.objects.filter(names_edited_at__isnull=False).values_list("code", flat=True))
    linked = KnownLinks(Series.indicators)
    for spec in specs:
        values = {
            "name_en": spec.name_en,
            "name_fr": spec.name_fr,
            "name_es": spec.name_es,
            "unit": spec.unit,
            "unit_multiplier": spec.unit_multiplier,
            "allowed_dimensions": spec.allowed_dimensions,
            "description": spec.description,
            "source": spec.source,
        }
        if spec.code in translated:
            del values["name_fr"], values["name_es"]
        series = _upsert(Series, {"code": spec.code}, values, result, known)
        unknown = [code for code in spec.indicator_codes if code not in entries]
        if unknown:
            raise ValueError(f"series {spec.code} refers to indicators not in the framework: {unknown}")
        if not spec.indicator_codes:
            result.unlinked_series.append(spec.code)
        wanted = {entries[code].pk for code in spec.indicator_codes}
        _set_m2m(series.indicators, wanted, "series indicators", result, linked)


def _load_gcm(
    rows: list[dict[str, str]], links: list[dict[str, str]], targets: dict[str, Target], result: FrameworkLoadResult
) -> None:
    by_objective: dict[int, dict[int, dict[str, Any]]] = {}
    indicators = {entry.code: entry.indicator_id for entry in IndicatorEntry.objects.only("code", "indicator_id")}
    for link in links:
        if link["target"] not in targets:
            raise ValueError(
                f"gcm_sdg_targets.csv: objective {link['objective']} names unknown target {link['target']}"
            )
        code = link["indicator"].strip()
        if code and code not in indicators:
            raise ValueError(f"gcm_sdg_targets.csv: objective {link['objective']} names unknown indicator {code}")
        if link["strength"] not in GcmLinkStrength.values:
            raise ValueError(f"gcm_sdg_targets.csv: objective {link['objective']}: strength {link['strength']!r}")
        by_objective.setdefault(int(link["objective"]), {})[targets[link["target"]].pk] = {
            "indicator_id": indicators[code] if code else None,
            "strength": link["strength"],
            "basis": link["basis"].strip(),
        }
    for row in rows:
        number = int(row["objective"])
        values = {
            "title_en": row["title_en"].strip(),
            "title_fr": row["title_fr"].strip(),
            "title_fr_source": row["title_fr_source"].strip(),
            "short_label_en": row["short_label_en"].strip(),
            "short_label_fr": row["short_label_fr"].strip(),
            "note": row["note"].strip(),
            "link_source": GCM_LINK_SOURCE,
        }
        objective = _upsert(GcmObjective, {"number": number}, values, result)
        _set_gcm_links(objective, by_objective.get(number, {}), result)


def _set_gcm_links(objective: GcmObjective, wanted: dict[int, dict[str, Any]], result: FrameworkLoadResult) -> None:
    """The file's links of one objective; links a data manager edited stay as they are."""
    edited = set(objective.links.filter(origin=GcmLinkOrigin.EDITORIAL).values_list("target_id", flat=True))
    objective.links.filter(origin=GcmLinkOrigin.FILE).exclude(target_id__in=wanted).delete()
    for target_id, values in wanted.items():
        if target_id not in edited:
            _upsert(GcmLink, {"objective": objective, "target_id": target_id}, values, result)
