"""Template helpers of the foresight pages: a text in the visitor's language, a figure with its unit's decimals."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

from migmon.foresight.text import localized as localized_text
from migmon.indicators import precision

register = template.Library()


@register.filter
def localized(obj: object, name: str) -> str:
    """``{{ scenario|localized:"premise" }}``: the premise in the active language (French as a fallback)."""
    return localized_text(obj, name)


@register.filter
def figure(value: Any, series: object = None) -> str:
    """``{{ end.value|figure:series }}``: a projected or target figure with the decimals the series' tables and
    charts show (:func:`migmon.indicators.precision.decimals_for`: 7.83 % stays 7.83, 547.6 deaths reads 548),
    grouped in the active language's notation."""
    if value is None or value == "":
        return "–"
    unit = getattr(series, "unit", "") or ""
    places = precision.decimals_for(unit, float(value), multiplier=getattr(series, "unit_multiplier", 0) or 0)
    return number_format(round(float(value), places), decimal_pos=places, use_l10n=True, force_grouping=True)
