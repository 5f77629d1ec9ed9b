"""Pledges and reviews as plain rows: the API's JSON, the CSV/JSON downloads and the CSV the import reads back.

The CSV columns are the import's columns (:data:`PLEDGE_COLUMNS`), so an export can be edited and imported.
Lists are joined with ``;``; areas are written as ISO alpha-3 (countries) or M49 codes (regions).
Downloads carry the licence (CC BY 4.0) in the JSON body and, for CSV, in a ``Link: rel="license"`` header.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from migmon.core import csv_safe
from migmon.gcm.models import Pledge, Review
from migmon.geo.models import Area

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
NOTICE = (
    "Pledges and reviews as entered by their authors and published by migmon after review by a second person; "
    "reuse under CC BY 4.0 with attribution to migmon (GCM follow-up) and to each pledge's pledgers."
)

PLEDGE_COLUMNS = (
    "public_id",
    "title",
    "text",
    "pledge_type",
    "matched_pledge",
    "forms",
    "objectives",
    "guiding_principles",
    "level",
    "pledging_states",
    "stakeholders",
    "partners",
    "areas",
    "start",
    "end",
    "metric",
    "status",
)
LIST_SEPARATOR = ";"


def area_code(area: Area) -> str:
    return area.iso3 or area.m49 or area.code


def pledge_row(pledge: Pledge) -> dict[str, Any]:
    """One published pledge as JSON-ready data (relations prefetched by the selectors)."""
    return {
        "public_id": pledge.public_id,
        "title": pledge.title,
        "text": pledge.text,
        "pledge_type": pledge.pledge_type,
        "matched_pledge": pledge.matched_pledge.public_id if pledge.matched_pledge else None,
        "forms": list(pledge.forms),
        "objectives": [objective.number for objective in pledge.objectives.all()],
        "guiding_principles": list(pledge.guiding_principles),
        "level": pledge.level,
        "pledging_states": sorted(area_code(area) for area in pledge.pledging_states.all()),
        "stakeholders": _lines(pledge.stakeholders),
        "partners": _lines(pledge.partners),
        "areas": sorted(area_code(area) for area in pledge.areas.all()),
        "start": pledge.start.isoformat(),
        "end": pledge.end.isoformat(),
        "metric": pledge.metric,
        "status": pledge.status,
        "updates": [
            {
                "date": update.date.isoformat(),
                "status_before": update.status_before,
                "status": update.status,
                "narrative": update.narrative,
                "evidence": update.evidence,
            }
            for update in pledge.updates.all()
        ],
        "has_attachment": bool(pledge.attachment),
        "published_at": pledge.published_at.isoformat() if pledge.published_at else None,
    }


def review_row(review: Review) -> dict[str, Any]:
    return {
        "area": area_code(review.area),
        "area_name": review.area.name,
        "year": review.year,
        "kind": review.kind,
        "title": review.title,
        "document_url": review.document_url or None,
        "has_document": bool(review.document),
        "objectives": [objective.number for objective in review.objectives.all()],
        "published_at": review.published_at.isoformat() if review.published_at else None,
    }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def pledges_csv(pledges: Iterable[Pledge]) -> str:
    """The CSV download (and import format) of ``pledges``."""
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer)
    writer.writerow(PLEDGE_COLUMNS)
    for pledge in pledges:
        row = pledge_row(pledge)
        writer.writerow([_cell(name, row[name]) for name in PLEDGE_COLUMNS])
    return buffer.getvalue()


def with_notice(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"licence": LICENCE, "licence_url": LICENCE_URL, "notice": NOTICE, "count": len(items), "items": items}
