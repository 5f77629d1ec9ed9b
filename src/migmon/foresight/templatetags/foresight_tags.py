"""Template helpers of the foresight pages: a text in the visitor's language."""

from __future__ import annotations

from django import template

from migmon.foresight.text import localized as localized_text

register = template.Library()


@register.filter
def localized(obj: object, name: str) -> str:
    """``{{ scenario|localized:"premise" }}``: the premise in the active language (French as a fallback)."""
    return localized_text(obj, name)
