"""Fold place names to comparison keys. Pure Python (no Django) so importers can use it in their parse step."""

from __future__ import annotations

import html
import re
import unicodedata

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼʹ′"), None)
_TRAILING_PARENTHESIS = re.compile(r"^(?P<head>.+?)\s*\((?P<inner>[^()]+)\)$")
# "Korea, Republic of" / "Congo, Democratic Republic of the": the UN's inverted forms.
_TRAILING_OF = re.compile(r"^(?P<head>[^,]+),\s*(?P<tail>[^,]+\bof(?: the)?)$")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold_name(text: str) -> str:
    """Fold a place name to the key lookups compare, so spelling noise does not matter but words do.

    In order: HTML entities decoded (the IOM API sends ``Côte d&#039;Ivoire``), Unicode compatibility form
    with accents removed (``Türkiye`` → ``turkiye``), case folded,
    apostrophes of every kind removed (``Côte d'Ivoire`` = ``Côte d’Ivoire``), DESA's trailing footnote
    stars dropped (``France*``), ``&`` read as ``and``, a trailing parenthesis or an inverted ``…, X of``
    moved to the front (``Bolivia (Plurinational State of)`` = ``Plurinational State of Bolivia``,
    ``Korea, Republic of`` = ``Republic of Korea``), then every run of other punctuation, hyphens
    (including U+2010) and whitespace becomes one space. Nothing else: ``Netherlands`` and
    ``Netherlands (Kingdom of the)`` stay different keys and meet only through a curated alias.
    """
    text = unicodedata.normalize("NFKD", html.unescape(text))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold().translate(_APOSTROPHES).strip().rstrip("*").strip()
    text = text.replace("&", " and ")
    match = _TRAILING_PARENTHESIS.match(text)
    if match:
        text = f"{match['inner']} {match['head']}"
    match = _TRAILING_OF.match(text)
    if match:
        text = f"{match['tail']} {match['head']}"
    return _NOT_WORD.sub(" ", text).strip()
