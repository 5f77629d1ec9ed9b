"""The readers' one door to translation: rule texts and refusals in the user's language, without Django.

Readers write each rule as an English msgid with named parameters (``gettext_noop("… %(code)s …")``) and keep
the parameters apart, so the same problem can be shown in French to one data manager and in Spanish to the
next: the message is rendered when it is shown, not when the file is read. The importers' app config points
:func:`set_translator` at Django's ``gettext``; outside Django (a bench, a notebook) texts stay in English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

_translate: Callable[[str], str] = str


def gettext_noop(message: str) -> str:
    """Marks a msgid for ``makemessages`` (the keyword it extracts); it is translated when shown."""
    return message


def set_translator(translate: Callable[[str], str]) -> None:
    """Translate rule texts and refusals with ``translate`` (Django's ``gettext``, set by the app config)."""
    global _translate
    _translate = translate


def translate(message: str) -> str:
    """A msgid in the active language (itself when no translator is set or the catalogue lacks it)."""
    return _translate(message)


def render(template: str, params: Mapping[str, Any], translate: Callable[[str], str] = str) -> str:
    """A rule template in one language with its parameters filled in (``%`` only when there are parameters,
    so that a template without them may hold a literal ``%``)."""
    text = translate(template) if template else ""
    return text % dict(params) if params else text
