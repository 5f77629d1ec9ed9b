"""Snapshots and diffs of incidents: what every :class:`IncidentRevision` stores and the history page shows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from migmon.incidents.models import Incident, IncidentRevision

#: The fields a revision keeps: everything that describes the incident (not the workflow bookkeeping).
SNAPSHOT_FIELDS = (
    "incident_id",
    "incident_type",
    "date",
    "date_precision",
    "year",
    "region",
    "country_name",
    "latitude",
    "longitude",
    "coordinates_reliability",
    "place",
    "unsd_grouping",
    "dead",
    "missing",
    "survivors",
    "females",
    "males",
    "children",
    "causes",
    "route",
    "origin_countries",
    "origin_region",
    "origin_presumed",
    "information_source",
    "urls",
    "source_quality",
    "parts",
)


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def snapshot_of(incident: Incident) -> dict[str, Any]:
    """The incident's describing fields as JSON-ready values (dates as ISO text)."""
    data = {name: _plain(getattr(incident, name)) for name in SNAPSHOT_FIELDS}
    data["total"] = (incident.dead or 0) + (incident.missing or 0)
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [before, after] for every field whose value differs."""
    keys = list(dict.fromkeys([*before, *after]))
    return {key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)}


def revision_for(
    incident: Incident,
    *,
    action: str,
    before: dict[str, Any] | None,
    actor: Any = None,
    actor_label: str = "",
    note: str = "",
) -> IncidentRevision:
    """An unsaved revision of ``incident`` as it is now, with the changes since ``before`` (None: creation)."""
    after = snapshot_of(incident)
    changes = diff(before or {}, after) if before is not None else {}
    user = actor if actor is not None and actor.is_authenticated else None
    return IncidentRevision(
        incident=incident,
        action=action,
        actor=user,
        actor_label=actor_label,
        status=incident.status,
        snapshot=after,
        changes=changes,
        note=note,
    )
