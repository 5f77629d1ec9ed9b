"""Texts kept in three languages as ``<name>_fr``, ``<name>_en``, ``<name>_es`` fields, read in the active one.

Foresight content is written once per set by editors, with each language side by side on one form (as the
statistics' names are), so a scenario and its signposts stay one row whatever the language. A text missing in
the visitor's language falls back to French, then English: the page shows something true rather than nothing.
"""

from __future__ import annotations

from django.utils import translation

LANGUAGES = ("fr", "en", "es")
FALLBACK = ("fr", "en", "es")


def active_language() -> str:
    code = (translation.get_language() or "fr")[:2]
    return code if code in LANGUAGES else "fr"


def localized(obj: object, name: str, language: str | None = None) -> str:
    """``obj.<name>_<language>``, or the first non-empty fallback."""
    wanted = language or active_language()
    for code in (wanted, *FALLBACK):
        value = getattr(obj, f"{name}_{code}", "")
        if value:
            return str(value)
    return ""


def is_fallback(obj: object, name: str, language: str | None = None) -> bool:
    """True when the text shown is not in the visitor's language (pages mark it with ``lang``)."""
    return not getattr(obj, f"{name}_{language or active_language()}", "")
