"""Writes to the register: the editorial workflow (draft → under review → published, withdrawn) and imports.

Every function takes keyword-only arguments, runs in one transaction and writes a revision. The four-eyes rule
lives here, not only in the views: the person who submitted an incident (or last edited it) cannot publish it.
Permissions (who may call what) are checked by the views; see :mod:`migmon.incidents.permissions`.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migmon.incidents.aggregates import published_totals_refresh
from migmon.incidents.history import revision_for, snapshot_of
from migmon.incidents.imports import ImportRefused, ImportReport, incidents_import, origin_key
from migmon.incidents.listed import listed_fields_of
from migmon.incidents.locations import far_from_country_km_of
from migmon.incidents.models import Incident, IncidentRevision, Origin, RevisionAction, Status, grid_of
from migmon.incidents.rows import PER_ROW_FIELDS, country_resolver, rows_sync

__all__ = [
    "ImportRefused",
    "ImportReport",
    "WorkflowError",
    "incident_create",
    "incident_publish",
    "incident_return",
    "incident_submit",
    "incident_update",
    "incident_withdraw",
    "incidents_import",
]


class WorkflowError(Exception):
    """A step the workflow does not allow from the incident's state, or by this person."""


def _derived(values: dict[str, Any]) -> dict[str, Any]:
    causes = [cause for cause in values.get("causes") or [] if cause]
    values["causes"] = causes
    values["cause"] = causes[0] if causes else ""
    values["origin_countries"] = [name for name in values.get("origin_countries") or [] if name]
    values["origin_key"] = origin_key(values["origin_countries"])
    if values.get("date") is not None:
        values["year"] = values["date"].year
    values["grid_x"], values["grid_y"] = grid_of(values.get("latitude"), values.get("longitude"))
    values["country"] = _country(values.get("country_name") or "")
    return values


def _derive_lists_and_distance(incident: Incident) -> None:
    """The listed regions, routes and countries, and the distance outside the country, from the values."""
    for name, value in listed_fields_of(incident).items():
        setattr(incident, name, value)
    incident.far_from_country_km = far_from_country_km_of(
        latitude=incident.latitude,
        longitude=incident.longitude,
        country=incident.country,
        country_name=incident.country_name,
        parts=incident.parts or (),
        country_of=country_resolver(),
    )


def _country(name: str) -> Any:
    """The geography's area for a country name, or None (the name stays as text): never a guess."""
    from migmon.geo.lookup import AreaLookup, UnknownArea

    if not name:
        return None
    try:
        return AreaLookup.from_db().resolve(name, "name")
    except UnknownArea:
        return None


@transaction.atomic
def incident_create(*, actor: Any, values: dict[str, Any]) -> Incident:
    """A new draft entered by a data manager."""
    incident = Incident(
        status=Status.DRAFT, origin=Origin.EDITORIAL, created_by=actor, values_as_of=timezone.now(), **_derived(values)
    )
    _derive_lists_and_distance(incident)
    incident.save()
    rows_sync([incident])
    revision_for(incident, action=RevisionAction.CREATED, before=None, actor=actor).save()
    return incident


@transaction.atomic
def incident_update(*, actor: Any, incident: Incident, values: dict[str, Any], note: str = "") -> Incident:
    """Edit a draft; every changed field goes into the revision's diff. Published incidents are reopened first."""
    if incident.status != Status.DRAFT:
        raise WorkflowError(_("Only drafts can be edited; return the incident to draft first."))
    derived = _derived(values)
    if incident.parts:
        locked = [name for name in PER_ROW_FIELDS if name in values and derived[name] != getattr(incident, name)]
        if locked:
            message = _("A split incident keeps these values per row; they cannot be edited here: %(fields)s.")
            raise WorkflowError(message % {"fields": ", ".join(locked)})
    before = snapshot_of(incident)
    for name, value in derived.items():
        setattr(incident, name, value)
    _derive_lists_and_distance(incident)
    incident.values_as_of = timezone.now()
    incident.save()
    rows_sync([incident])
    revision = revision_for(incident, action=RevisionAction.EDITED, before=before, actor=actor, note=note)
    if revision.changes:
        revision.save()
    return incident


def _last_editors(incident: Incident) -> set[int]:
    """Everyone who entered or changed the incident's values since it was last published."""
    editors: set[int] = set()
    for action, actor_id in incident.revisions.order_by("-created_at", "-id").values_list("action", "actor_id"):
        if action == RevisionAction.PUBLISHED:
            break
        if action in (RevisionAction.CREATED, RevisionAction.EDITED, RevisionAction.SUBMITTED) and actor_id:
            editors.add(actor_id)
    return editors


def incident_publish_refusal(*, actor: Any, incident: Incident) -> str | None:
    """Why ``actor`` may not publish ``incident`` under the four-eyes rule (None if they may), so pages offer
    the publish action only to those :func:`incident_publish` will accept."""
    if actor.pk in _last_editors(incident):
        return _("A second person must review: you entered or submitted this incident.")
    return None


def _step(incident: Incident, *, actor: Any, action: str, status: str, note: str = "") -> IncidentRevision:
    before = snapshot_of(incident)
    incident.status = status
    incident.save()
    revision = revision_for(incident, action=action, before=before, actor=actor, note=note)
    revision.save()
    return revision


@transaction.atomic
def incident_submit(*, actor: Any, incident: Incident) -> Incident:
    """Draft → under review."""
    if incident.status != Status.DRAFT:
        raise WorkflowError(_("Only drafts can be submitted for review."))
    incident.submitted_by = actor  # type: ignore[assignment]
    incident.submitted_at = timezone.now()
    _step(incident, actor=actor, action=RevisionAction.SUBMITTED, status=Status.REVIEW)
    return incident


@transaction.atomic
def incident_return(*, actor: Any, incident: Incident, note: str = "") -> Incident:
    """Under review (or published) → draft, with the reviewer's note; a published incident leaves the public."""
    if incident.status not in (Status.REVIEW, Status.PUBLISHED):
        raise WorkflowError(_("Only incidents under review or published can be returned to draft."))
    was_public = incident.status == Status.PUBLISHED
    _step(incident, actor=actor, action=RevisionAction.RETURNED, status=Status.DRAFT, note=note)
    if was_public:
        published_totals_refresh()
    return incident


@transaction.atomic
def incident_publish(*, actor: Any, incident: Incident) -> Incident:
    """Under review → published, by a second person; then the public totals and 10.7.3 series follow."""
    if incident.status != Status.REVIEW:
        raise WorkflowError(_("Only incidents under review can be published."))
    if refusal := incident_publish_refusal(actor=actor, incident=incident):
        raise WorkflowError(refusal)
    incident.published_by = actor  # type: ignore[assignment]
    incident.published_by_label = ""
    incident.published_at = timezone.now()
    _step(incident, actor=actor, action=RevisionAction.PUBLISHED, status=Status.PUBLISHED)
    published_totals_refresh()
    return incident


@transaction.atomic
def incident_withdraw(*, actor: Any, incident: Incident, reason: str) -> Incident:
    """Published → withdrawn, with the reason; it leaves every public page, total and download."""
    if incident.status != Status.PUBLISHED:
        raise WorkflowError(_("Only published incidents can be withdrawn."))
    if not reason.strip():
        raise WorkflowError(_("Say why the incident is withdrawn."))
    incident.withdrawn_by = actor  # type: ignore[assignment]
    incident.withdrawn_at = timezone.now()
    incident.withdrawn_reason = reason.strip()
    _step(incident, actor=actor, action=RevisionAction.WITHDRAWN, status=Status.WITHDRAWN, note=reason.strip())
    published_totals_refresh()
    return incident
