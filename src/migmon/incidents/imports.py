"""Importing IOM Missing Migrants files into the register, newest values winning.

The rules, in the order they apply:

0. The same file (sha256) already imported by the same reader version is a no-op; a file imported by an older
   reader version is read again, so that what a newer reader keeps (a split incident's own causes per row)
   reaches the register without a newer export.
1. A file with any unreadable row is refused as a whole: :class:`ImportRefused` lists every problem (file, row,
   column, value, rule) and nothing is written.
2. Each incident is matched by its IOM id. A new id is added, published (it is IOM's published data) with the
   import recorded as the actor — unless a newer export of the same year was imported without it (IOM merged
   or removed it since): then it is skipped and listed. A known id is updated only when the file is at least
   as recent as the values the register holds (``Incident.values_as_of``); otherwise its differing values are
   *skipped* and listed.
3. With ``supersede=True`` (a complete export of the years it covers), published imported incidents of those
   years that the newer file no longer has are withdrawn with the reason — IOM merged or removed them.
4. Every change writes a revision (snapshot + diff); the import itself is an :class:`IncidentImport` row. The
   whole import is one transaction, followed by the refresh of the published totals and the SDG 10.7.3 series.
5. Each incident's counted rows (:mod:`migmon.incidents.rows`) are rewritten with it: a split incident counts
   each of its rows under the row's own cause, country and route.
6. Each incident written is checked against its country's outline (:mod:`migmon.incidents.locations`); those
   placed far outside it are listed in the import (``far_points``) and flagged for review, never changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from migmon.core.planner_statistics import refresh_planner_statistics
from migmon.importers.detect import missing_migrants_reader
from migmon.importers.errors import UnreadableFile
from migmon.importers.missing_migrants import IncidentFile, IncidentRecord
from migmon.importers.records import Problem
from migmon.incidents.history import revision_for, snapshot_of
from migmon.incidents.locations import FAR_KM, far_from_country_km_of
from migmon.incidents.models import (
    CoordinatesReliability,
    Incident,
    IncidentImport,
    IncidentRevision,
    IncidentRow,
    Origin,
    RevisionAction,
    Status,
    grid_of,
    listed_key,
)
from migmon.incidents.rows import country_resolver, rows_sync

CHUNK = 2000
Progress = Callable[[int, int], None]


class ImportRefused(Exception):  # noqa: N818 - the name says what happened
    """The file has errors; nothing was written. ``problems`` name file, row, column, value and rule."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(f"{file}: {len(problems)} unreadable value(s); nothing imported. First: {problems[0]}")


@dataclass
class ImportReport:
    """What one import did; ``already_imported`` when the same file (sha256) was imported before."""

    run: IncidentImport | None
    file: IncidentFile
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped_older: list[dict[str, Any]] = field(default_factory=list)
    skipped_absent: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    #: Incidents added or changed whose point lies beyond FAR_KM outside their country (for review).
    far_points: list[str] = field(default_factory=list)
    already_imported: bool = False


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fields_of(record: IncidentRecord, countries: dict[str, Any]) -> dict[str, Any]:
    """Model field values for a record (the country resolved through geo when the name is known)."""
    if record.latitude is None:
        reliability = CoordinatesReliability.UNKNOWN
    elif record.coordinates_approximate:
        reliability = CoordinatesReliability.APPROXIMATE
    else:
        reliability = CoordinatesReliability.REPORTED
    grid_x, grid_y = grid_of(record.latitude, record.longitude)
    return {
        "grid_x": grid_x,
        "grid_y": grid_y,
        "incident_type": record.incident_type,
        "date": record.date,
        "date_precision": record.date_precision,
        "year": record.year,
        "region": record.region,
        "country_name": record.country,
        "country": countries.get(record.country),
        "latitude": record.latitude,
        "longitude": record.longitude,
        "coordinates_reliability": reliability,
        "place": record.place,
        "unsd_grouping": record.unsd_grouping,
        "dead": record.dead,
        "missing": record.missing,
        "survivors": record.survivors,
        "females": record.females,
        "males": record.males,
        "children": record.children,
        "cause": record.causes[0] if record.causes else "",
        "causes": list(record.causes),
        "route": record.route,
        "regions": list(record.regions),
        "regions_key": listed_key(record.regions),
        "routes": list(record.routes),
        "routes_key": listed_key(record.routes),
        "countries": list(record.countries),
        "countries_key": listed_key(record.countries),
        "origin_countries": list(record.origin_countries),
        "origin_key": origin_key(record.origin_countries),
        "origin_region": record.origin_region,
        "origin_presumed": record.origin_presumed,
        "information_source": record.information_source,
        "urls": list(record.urls),
        "source_quality": record.source_quality,
        "parts": [dict(part) for part in record.parts],
        "far_from_country_km": far_from_country_km_of(
            latitude=record.latitude,
            longitude=record.longitude,
            country=countries.get(record.country),
            country_name=record.country,
            parts=record.parts,
            country_of=countries.get,
        ),
    }


def origin_key(countries: Iterable[str]) -> str:
    """``|Eritrea|Ethiopia|``: lets ``origin=Eritrea`` be one ``contains`` filter."""
    names = [name for name in countries if name]
    return f"|{'|'.join(names)}|" if names else ""


def _countries(records: list[IncidentRecord]) -> dict[str, Any]:
    """Country names → Area, for the names the geography knows (others stay as text on the incident)."""
    from migmon.geo.lookup import AreaLookup, UnknownArea

    lookup = AreaLookup.from_db()
    found: dict[str, Any] = {}
    names = {record.country for record in records} | {name for record in records for name in record.countries}
    for name in {name for name in names if name}:
        try:
            found[name] = lookup.resolve(name, "name")
        except UnknownArea:
            continue
    return found


def incidents_import(
    *,
    path: str | Path,
    exported_at: datetime | None = None,
    exported_at_basis: str = "given by the caller",
    supersede: bool = False,
    actor: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    refresh: bool = True,
) -> ImportReport:
    """Import one IOM file (format detected from content). See the module docstring for the rules."""
    path = Path(path)
    reader = missing_migrants_reader(path)
    sha256 = file_sha256(path)
    # The same file read by the same reader version changes nothing; a newer reader reads it again.
    previous = IncidentImport.objects.filter(sha256=sha256, reader_version=reader.version).first()
    if previous is not None and not dry_run:
        known = IncidentFile(
            path=path,
            format_name=previous.format_name,
            reader_version=previous.reader_version,
            exported_at=previous.exported_at,
            exported_at_basis=previous.exported_at_basis,
        )
        return ImportReport(
            run=previous,
            file=known,
            unchanged=previous.added + previous.changed + previous.unchanged,
            already_imported=True,
        )
    parsed = reader.read(path)
    if parsed.errors:
        raise ImportRefused(path.name, parsed.errors)
    if exported_at is not None:
        parsed.exported_at, parsed.exported_at_basis = exported_at, exported_at_basis
    if parsed.exported_at is None:
        raise UnreadableFile(path, "cannot tell when the file was exported; give the export date")
    with transaction.atomic():
        report = _write(parsed, sha256=sha256, supersede=supersede, actor=actor, progress=progress)
        if dry_run:
            transaction.set_rollback(True)
            return report
        # The totals below, and the next pages, join the rows just written: plan them on fresh statistics (not for
        # a dry run, whose rows are rolled back: PostgreSQL keeps the row counts an ANALYZE records regardless).
        for model in (Incident, IncidentRow):
            refresh_planner_statistics(model, written=report.added + report.changed)
        if refresh:
            from migmon.incidents.aggregates import published_totals_refresh

            published_totals_refresh()
    return report


def _write(
    parsed: IncidentFile, *, sha256: str, supersede: bool, actor: Any, progress: Progress | None
) -> ImportReport:
    exported_at = parsed.exported_at
    assert exported_at is not None
    run = IncidentImport.objects.create(
        file_name=parsed.path.name,
        sha256=sha256,
        format_name=parsed.format_name,
        reader_version=parsed.reader_version,
        exported_at=exported_at,
        exported_at_basis=parsed.exported_at_basis,
        imported_by=actor,
        warnings=[problem.message for problem in parsed.warnings],
        years=sorted({record.year for record in parsed.records if record.year is not None}),
    )
    label = run.label
    report = ImportReport(run=run, file=parsed)
    countries = _countries(parsed.records)
    country_of = country_resolver(countries)
    now = timezone.now()
    newer_years = {
        year
        for years in IncidentImport.objects.filter(exported_at__gt=exported_at).values_list("years", flat=True)
        for year in years
    }
    total = len(parsed.records)
    done = 0
    for start in range(0, total, CHUNK):
        chunk = parsed.records[start : start + CHUNK]
        existing = {
            incident.incident_id: incident
            for incident in Incident.objects.filter(incident_id__in=[record.incident_id for record in chunk])
        }
        new: list[Incident] = []
        updated: list[Incident] = []
        revisions: list[IncidentRevision] = []
        for record in chunk:
            values = fields_of(record, countries)
            incident = existing.get(record.incident_id)
            if incident is None and record.year in newer_years:
                # A newer export of that year no longer has this incident: IOM merged or removed it.
                report.skipped_absent.append(record.incident_id)
                continue
            if incident is None:
                incident = Incident(
                    incident_id=record.incident_id,
                    status=Status.PUBLISHED,
                    origin=Origin.IMPORT,
                    published_at=now,
                    published_by=actor,
                    published_by_label=label,
                    values_as_of=exported_at,
                    source_file=parsed.path.name,
                    **values,
                )
                new.append(incident)
                continue
            before = snapshot_of(incident)
            for name, value in values.items():
                setattr(incident, name, value)
            after = snapshot_of(incident)
            if after == before:
                report.unchanged += 1
                continue
            if incident.values_as_of is not None and incident.values_as_of > exported_at:
                changed = sorted(key for key in after if after[key] != before[key])
                report.skipped_older.append(
                    {"incident": record.incident_id, "fields": changed, "kept_as_of": incident.values_as_of.isoformat()}
                )
                continue
            incident.values_as_of = exported_at
            incident.source_file = parsed.path.name
            updated.append(incident)
            revisions.append(revision_for(incident, action=RevisionAction.IMPORTED, before=before, actor_label=label))
        Incident.objects.bulk_create(new)
        created = list(Incident.objects.filter(incident_id__in=[incident.incident_id for incident in new]))
        revisions += [
            revision_for(incident, action=RevisionAction.IMPORTED, before=None, actor_label=label)
            for incident in created
        ]
        if updated:
            Incident.objects.bulk_update(updated, [*fields_of(chunk[0], {}).keys(), "values_as_of", "source_file"])
        rows_sync([*created, *updated], country_of)
        report.far_points += [
            incident.incident_id
            for incident in [*new, *updated]
            if incident.far_from_country_km is not None and incident.far_from_country_km > FAR_KM
        ]
        IncidentRevision.objects.bulk_create(revisions)
        report.added += len(new)
        report.changed += len(updated)
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    if supersede:
        report.withdrawn = _withdraw_absent(parsed, label=label, exported_at=exported_at, now=now)
    run.added, run.changed, run.unchanged = report.added, report.changed, report.unchanged
    run.skipped_older, run.withdrawn = report.skipped_older, report.withdrawn
    run.skipped_absent = report.skipped_absent
    run.far_points = report.far_points
    run.save()
    return report


def _withdraw_absent(parsed: IncidentFile, *, label: str, exported_at: datetime, now: datetime) -> list[str]:
    """Withdraw older imported incidents of the file's years that this newer, complete export no longer has."""
    years = {record.year for record in parsed.records if record.year is not None}
    present = {record.incident_id for record in parsed.records}
    stale = [
        incident
        for incident in Incident.objects.filter(
            origin=Origin.IMPORT, status=Status.PUBLISHED, year__in=years, values_as_of__lt=exported_at
        )
        if incident.incident_id not in present
    ]
    reason = f"absent from the newer export {parsed.path.name} ({exported_at:%Y-%m-%d}), which covers {min(years)}"
    if len(years) > 1:
        reason += f"–{max(years)}"
    revisions = []
    for incident in stale:
        before = snapshot_of(incident)
        incident.status = Status.WITHDRAWN
        incident.withdrawn_at = now
        incident.withdrawn_reason = reason
        revisions.append(
            revision_for(incident, action=RevisionAction.WITHDRAWN, before=before, actor_label=label, note=reason)
        )
    Incident.objects.bulk_update(stale, ["status", "withdrawn_at", "withdrawn_reason"])
    IncidentRevision.objects.bulk_create(revisions)
    return [incident.incident_id for incident in stale]
