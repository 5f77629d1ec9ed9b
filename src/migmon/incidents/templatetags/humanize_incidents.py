"""Numbers as people read them in each site language: 1 234 (fr), 1,234 (en), 1.234 (es); safe source links."""

from __future__ import annotations

from django import template
from django.utils import translation

from migmon.importers import plausible
from migmon.incidents.vocabulary import category_label

register = template.Library()

SEPARATORS = {"fr": "\u202f", "en": ",", "es": "."}


@register.filter
def spaced(value: object) -> str:
    """Group thousands with the active language's separator; non-numbers pass through."""
    if not isinstance(value, int):
        return "" if value is None else str(value)
    separator = SEPARATORS.get((translation.get_language() or "fr")[:2], ",")
    return f"{value:,}".replace(",", separator)


@register.filter
def category(value: object) -> str:
    """An IOM region, route or cause in the active language (IOM publishes them in English)."""
    return category_label(value)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """``counts|get_item:status`` in templates."""
    return mapping.get(key, 0) if isinstance(mapping, dict) else None


@register.filter
def web_url(value: object) -> bool:
    """Whether a stored source URL may become a link (http/https only: never ``javascript:`` and the like)."""
    return isinstance(value, str) and plausible.is_web_url(value)
