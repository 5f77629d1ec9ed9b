"""Untrusted text (file names, cell values, a file's first line) made safe to show in one line.

A file name can hold terminal escape sequences (``ESC [ 2 J`` clears the screen, ``ESC ] 0 ;`` retitles the
window) and a cell can hold anything. Messages escape every control character, C1 control and bidirectional
override as ``\\x1b``/``\\u202e``, as Python's ``repr`` would, and cut long text to an excerpt; the command line
also keeps Rich from reading ``[bold]`` in them as markup (``indicators/management/commands/import_data.py``).
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates, line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")
#: Longest value quoted in full in a message; longer ones are cut with an ellipsis.
VALUE_CHARS = 120
#: Longest excerpt of an unrecognised file's first line.
EXCERPT_CHARS = 120


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """``text`` with every control character written as an escape; printable text is left as it is."""
    return _UNSAFE.sub(_escape, text)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of ``text`` (then ``…``), escaped."""
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return escaped(cut)
