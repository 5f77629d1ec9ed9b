"""CSV that a spreadsheet opens as data: text that would start a formula is neutralised, numbers stay numbers.

Excel, LibreOffice and Google Sheets evaluate a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, after a
tab or carriage return, what follows) as a formula, so a place name such as ``=HYPERLINK("http://…")`` typed into
an incident would run in every journalist's spreadsheet that opens our download. Such a text cell gets a leading
apostrophe (OWASP's advice: the spreadsheet shows the text, the apostrophe is not displayed); a value that is a
number — ``-12``, ``+3.5``, ``-1e3`` as text or as int/float — is written unchanged so that figures stay figures.
Every CSV the product lets people download goes through :func:`writer` (a test checks that no other module calls
``csv.writer``, but for the one exception it names); a reader of files we wrote undoes it with :func:`restore_cell`,
so an exported file imported again gives back the same values.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet should read it: formula-like text prefixed with ``'``, everything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def restore_cell(text: str) -> str:
    """The inverse of :func:`safe_cell`, for readers of files we wrote: ``'=1+1`` back to ``=1+1``."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer``'s interface (``writerow``, ``writerows``) with every cell passed through :func:`safe_cell`."""

    def __init__(self, output: _Writable, **options: Any) -> None:
        options.setdefault("lineterminator", "\n")
        self._writer = csv.writer(output, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(output: _Writable, **options: Any) -> SafeWriter:
    """A CSV writer for anything the product lets people download (``lineterminator`` defaults to ``\\n``)."""
    return SafeWriter(output, **options)
