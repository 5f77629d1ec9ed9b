"""Parsing cell values the same way in every reader: numbers, periods, area codes and nature words."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from migmon.indicators.vocabulary import REPORTING_TYPES

from .i18n import gettext_noop, render
from .sdmx_areas import desa_grouping

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:\.\d+)?")
_PERIOD = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]|Q[1-4]|S[12]))?")
_FLOAT_YEAR = re.compile(r"(\d{4})\.0+")

#: Readable words the Open SDG and tidy CSVs use for the SDG NATURE attribute, folded to lower case, to the
#: codes of the DSD's CL_NATURE (where "not available" is ``_X``; ``NA`` is read as a word for it).
NATURE_WORDS = {
    "c": "C",
    "country data": "C",
    "ca": "CA",
    "country adjusted": "CA",
    "country adjusted data": "CA",
    "e": "E",
    "estimated": "E",
    "estimated data": "E",
    "estimate": "E",
    "g": "G",
    "global monitoring": "G",
    "global monitoring data": "G",
    "m": "M",
    "modelled": "M",
    "modeled": "M",
    "modelled data": "M",
    "n": "N",
    "non-relevant": "N",
    "non relevant": "N",
    "_x": "_X",
    "na": "_X",
    "not available": "_X",
}


#: The warning every reader gives for a year written as a decimal number (``2010.0``), with ``year=``.
FLOAT_YEAR_RULE = gettext_noop("year written as a decimal number; read as %(year)s")


NOT_A_NUMBER = gettext_noop("not a number")
DECIMAL_COMMA = gettext_noop("decimal comma: write decimals with a full stop (0.5, not 0,5)")
THOUSANDS = gettext_noop("thousands separators are not allowed: write 1234567, not 1,234,567")
EMPTY_VALUE = gettext_noop("value is empty; this format has no missing-value marker")


class ValueRuleError(ValueError):
    """A cell breaks a value rule; the message is the rule, phrased for the person fixing the file.

    ``rule`` is the English msgid (marked with ``gettext_noop``) and ``params`` its parameters: a reader passes
    both on to :func:`~migmon.importers.records.error` (``error(here, column, value, exc.rule, **exc.params)``)
    so that the rule is shown in the user's language.
    """

    def __init__(self, rule: str, **params: object) -> None:
        self.rule = rule
        self.params = params
        super().__init__(render(rule, params))


def parse_number(text: str) -> Decimal:
    """A plain decimal number (``12``, ``-0.5``, ``1e3``); anything else raises with the rule broken.

    Thousands separators and decimal commas are refused rather than guessed: ``1,234`` could be either.
    """
    text = text.strip()
    if _NUMBER.fullmatch(text):
        try:
            return Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern already guarantees a valid literal
            raise ValueRuleError(NOT_A_NUMBER) from exc
    if not text:
        raise ValueRuleError(EMPTY_VALUE)
    if _DECIMAL_COMMA.fullmatch(text):
        raise ValueRuleError(DECIMAL_COMMA)
    if _THOUSANDS.fullmatch(text):
        raise ValueRuleError(THOUSANDS)
    raise ValueRuleError(NOT_A_NUMBER)


@lru_cache(maxsize=4096)  # periods repeat on every row; failures raise and are not cached
def parse_period(text: str) -> tuple[str, str | None]:
    """A period (``2020``, ``2020-03``, ``2020-Q1``) and, when it had to be repaired, the repair made.

    The one treatment of a year written as a decimal number, in every reader: ``2010.0`` (a spreadsheet's or a
    careless builder's float; the SDG SDMX samples write every ``TIME_PERIOD`` so) is read as ``2010``, and the
    note returned becomes a **warning** on that row — the year is unambiguous, so refusing it would only make
    real files unreadable. A fraction that is not zero (``2010.5``) is not a year: it raises like anything else
    that is not a period. :func:`whole_year` applies the same rule to a spreadsheet's numeric cell.
    """
    text = text.strip()
    if _PERIOD.fullmatch(text):
        return text, None
    float_year = _FLOAT_YEAR.fullmatch(text)
    if float_year:
        return float_year.group(1), render(FLOAT_YEAR_RULE, {"year": float_year.group(1)})
    raise ValueRuleError(gettext_noop("not a period: expected a year such as 2020 (or 2020-03, 2020-Q1)"))


def whole_year(cell: object) -> tuple[int, str | None] | None:
    """A spreadsheet cell holding a year: ``(year, repair note)``, or None when the cell is not a year.

    An integer is a year as it is; a float whose fraction is zero (``1990.0``) is that year with the note
    :func:`parse_period` gives; text goes through :func:`parse_period`. Only four-digit years count.
    """
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return (cell, None) if 1000 <= cell <= 9999 else None
    if isinstance(cell, float):
        if not cell.is_integer():
            return None
        cell = f"{int(cell)}.0"
    if not isinstance(cell, str):
        return None
    try:
        period, repair = parse_period(cell)
    except ValueRuleError:
        return None
    return (int(period), repair) if period.isdigit() else None


def parse_nature(text: str) -> str:
    """An SDG NATURE code from a code or a readable word (``Estimated`` → ``E``)."""
    code = NATURE_WORDS.get(" ".join(text.strip().lower().split()))
    if code is None:
        raise ValueRuleError(
            gettext_noop("unknown nature; expected one of %(codes)s"),
            codes=", ".join(sorted(set(NATURE_WORDS.values()))),
        )
    return code


def parse_reporting_type(text: str, *, names: bool = True) -> str:
    """An SDG REPORTING_TYPE code (``G`` global, ``N`` national, ``R`` regional: the DSD's CL_REPORTING_TYPE),
    from the code or, with ``names``, its English name in any case (``National`` → ``N``), as Open SDG files
    write either. SDMX files must give the code itself (``names=False``)."""
    if not names:
        if text in REPORTING_TYPES:
            return text
    else:
        folded = text.strip().lower()
        for code, label in REPORTING_TYPES.items():
            if folded in (code.lower(), label.lower()):
                return code
    raise ValueRuleError(
        gettext_noop("not a reporting type of the SDG DSD (CL_REPORTING_TYPE): expected %(codes)s"),
        codes=", ".join(f"{code} ({label.lower()})" for code, label in REPORTING_TYPES.items()),
    )


def parse_unit_multiplier(text: str) -> int:
    """SDMX UNIT_MULT: a power of ten, ``0`` for units."""
    text = text.strip()
    if not text:
        return 0
    if re.fullmatch(r"-?\d{1,2}", text):
        return int(text)
    raise ValueRuleError(gettext_noop("unit multiplier must be a whole power of ten such as 0, 3 or 6"))


@lru_cache(maxsize=65536)
def area_kind_of(code: str) -> tuple[str, str]:
    """Guess how an area is identified: a UN DESA grouping as migmon's SDMX exports write it (``513``,
    ``DESA_1503``, see :mod:`.sdmx_areas`) → DESA code, digits → M49 (zero-padded), 2 or 3 capitals → ISO,
    otherwise a name."""
    code = code.strip()
    grouping = desa_grouping(code)
    if grouping is not None:
        return "desa", grouping
    if code.isdigit() and len(code) <= 3:
        return "m49", code.zfill(3)
    if re.fullmatch(r"[A-Z]{2}", code):
        return "iso2", code
    if re.fullmatch(r"[A-Z]{3}", code):
        return "iso3", code
    return "name", code
