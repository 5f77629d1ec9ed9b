"""An uploaded file's report as shown and downloaded: problems (first ones inline, all as CSV in the admin's
language) and the changed values, filtered by series, area and period."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from migmon.core import csv_safe
from migmon.importers.records import rule_shown
from migmon.publishing.models import UploadFile

#: Problems shown on the page per file; the CSV has all of them.
INLINE_PROBLEMS = 20
#: Changed values shown on the page per file after filtering.
SHOWN_CHANGES = 200


def severity_label(severity: str) -> str:
    return {"error": _("error"), "warning": _("warning"), "info": _("note")}.get(severity, severity)


def problems_shown(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Kept problems with their rule in the active language (rendered again from its template)."""
    return [{**problem, "rule": rule_shown(problem)} for problem in problems]


def problems_csv(upload_file: UploadFile) -> str:
    """Every kept problem of the file, with translated headings and severities."""
    out = io.StringIO()
    writer = csv_safe.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            pgettext("problems report column", "severity"),
            pgettext("problems report column", "file"),
            pgettext("problems report column", "row"),
            pgettext("problems report column", "element"),
            pgettext("problems report column", "column"),
            pgettext("problems report column", "value"),
            pgettext("problems report column", "rule"),
        ]
    )
    for problem in upload_file.problems:
        writer.writerow(
            [
                severity_label(problem.get("severity", "")),
                problem.get("file") or upload_file.name,
                problem.get("row") or "",
                problem.get("element") or "",
                problem.get("column") or "",
                problem.get("value") or "",
                rule_shown(problem),
            ]
        )
    return out.getvalue()


def filtered_changes(changes: list[dict[str, Any]], *, series: str, area: str, period: str) -> list[dict[str, Any]]:
    """Changes whose series, area and period match the filters (case-insensitive; empty matches all)."""

    def keep(change: dict[str, Any]) -> bool:
        return (
            (not series or change["series"].lower() == series.lower())
            and (not area or change["area"].lower() == area.lower())
            and (not period or change["period"] == period)
        )

    return [change for change in changes if keep(change)]
