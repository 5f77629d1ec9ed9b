"""Template filters of the progress pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def growth(value: Any) -> str:
    """A growth rate held as a fraction (0.0482) as a signed percentage in the page's notation (+4.82 %)."""
    if value is None:
        return "–"
    percent = float(value) * 100
    sign = "+" if percent > 0 else ("−" if percent < 0 else "")
    return f"{sign}{number_format(round(abs(percent), 2), decimal_pos=2, use_l10n=True)} %"


@register.inclusion_tag("progress/includes/profile_summary.html")
def progress_summary(area: Any) -> dict[str, Any]:
    """The indicators' statuses of one country or region, for its profile page (links to the full page)."""
    from migmon.progress import pages

    rows = pages.indicator_rows(area)
    return {"area": area, "rows": rows}


@register.inclusion_tag("progress/includes/objective_summary.html")
def objective_progress(number: int) -> dict[str, Any]:
    """One GCM objective's status: the world mean, and how many countries have each status."""
    from migmon.progress import pages

    return pages.objective_summary(str(number))
