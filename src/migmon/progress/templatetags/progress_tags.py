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
