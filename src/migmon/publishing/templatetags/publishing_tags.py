"""Small filters of the publishing pages: translated outcomes and severities, progress percent, changed fields."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from migmon.publishing.report import severity_label as _severity_label

register = template.Library()


@register.filter
def severity_label(severity: str) -> str:
    return _severity_label(severity)


@register.filter
def outcome_label(outcome: str) -> str:
    labels = {
        "ready": _("ready to publish"),
        "refused": _("refused: fix the errors or choose keep going"),
        "already imported": _("already published"),
        "published": _("published"),
        "imported": _("published"),
    }
    return labels.get(outcome, outcome)


@register.filter
def percent_done(progress: dict[str, Any]) -> int:
    """Share done, from rows when their total is known, else from bytes of finished files."""
    if progress.get("rows_total"):
        return min(100, int(100 * progress["rows_done"] / progress["rows_total"]))
    if progress.get("bytes_total"):
        return min(100, int(100 * progress["bytes_done"] / progress["bytes_total"]))
    return 0


@register.filter
def changed_fields(change: dict[str, Any]) -> str:
    return ", ".join(name for name in change["old"] if change["old"][name] != change["new"].get(name))


@register.filter
def count_label(name: str) -> str:
    """The audit log's count names in the admin's language."""
    labels = {
        "added": _("added"),
        "changed": _("changed"),
        "unchanged": _("unchanged"),
        "kept": _("kept"),
        "rejected": _("rejected"),
        "restored": _("restored"),
        "removed": _("removed"),
        "bytes": _("bytes"),
    }
    return labels.get(name, name)
