"""The typed records every reader yields: the contract between readers and the loader.

Readers never touch the database. They stream :class:`ObservationRecord` objects (one observation each) and
:class:`Problem` objects (one broken rule each) in file order; the loader resolves areas and series through the
database, writes the records and refuses the import if any problem has severity ``"error"``.

Totals rule (the same in every reader): a dimension whose value is the SDMX total code ``_T`` (or a word meaning
"all", such as ``BOTHSEX``, ``ALLAGE`` or an empty disaggregation cell) is *omitted* from ``dimensions``. A record
without dimensions is therefore the total over every dimension, whatever the file's layout was: the UN DESA
"both sexes" row, the Open SDG ``BOTHSEX``/``ALLAGE`` row and an SDMX series with ``SEX="_T"`` all mean the same
thing and share one key. Use :func:`dimensions_from` to build the tuple; it applies the rule.

Reporting type rule: every record says who reported it (``reporting_type``: ``G`` global, ``N`` national, ``R``
regional, the SDG DSD's REPORTING_TYPE). It is part of the observation's key, so a national value and the UN
Global SDG Database's value for the same country, period and series are two observations, both kept. A format
that carries it (SDMX, migmon's exports) gives it per observation; a format that does not says what its files
are (the UN Global SDG Database extracts, UN DESA and IOM tables: ``G``; a national platform's files: ``N``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any, Literal

from migmon.importers import i18n
from migmon.importers.shown import VALUE_CHARS, escaped
from migmon.indicators import vocabulary
from migmon.indicators.vocabulary import TOTAL_CODE

__all__ = ["TOTAL_CODE"]

#: How an area (or a counterpart area) is identified in the file. The loader resolves each kind through ``geo``.
#: ``m49``: UN M49 numeric code, zero-padded to 3 digits ("004"); ``iso2``/``iso3``: ISO 3166 alpha codes
#: ("FR", "FRA"); ``name``: a name as printed in the file ("Türkiye"); ``desa``: a UN DESA Location code, which
#: equals M49 for countries and is DESA's own for aggregates (World = 900).
AREA_KINDS = frozenset({"m49", "iso2", "iso3", "name", "desa"})

#: Dimension names readers may emit (:mod:`migmon.indicators.vocabulary`): the global SDG DSD's, plus
#: COUNTERPART_AREA for corridors and origin x destination tables (its value carries its own kind prefix,
#: e.g. "iso2:FR", "m49:250", "name:Turkey").
DIMENSION_NAMES = frozenset(vocabulary.CODES)

#: SDG NATURE codes (CL_NATURE of the global SDG DSD) and their English names, ``_X`` for "not available".
NATURE_CODES = {
    "C": "Country data",
    "CA": "Country adjusted data",
    "E": "Estimated data",
    "G": "Global monitoring data",
    "M": "Modelled data",
    "N": "Non-relevant",
    "_X": "Not available",
}

Severity = Literal["error", "warning"]
Dimensions = tuple[tuple[str, str], ...]


#: The fields of an observation other than its location, in the order ``fields()`` gives them.
RECORD_FIELDS = (
    "series",
    "area",
    "area_kind",
    "period",
    "value",
    "unit",
    "unit_multiplier",
    "dimensions",
    "nature",
    "footnote",
    "source",
    "reporting_type",
)


#: ``record.fields()``: the RECORD_FIELDS of a record as one tuple.
_RECORD_FIELDS_OF = attrgetter(*RECORD_FIELDS)

_ROW = i18n.gettext_noop("row %(row)s")
_ELEMENT = i18n.gettext_noop("element %(element)s")
_COLUMN = i18n.gettext_noop("column %(column)s")
_ATTRIBUTE = i18n.gettext_noop("attribute %(column)s")


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where something sits in a source file, as a person opening the file would find it.

    ``row`` is the 1-based line (CSV) or row (spreadsheet) number; ``element`` is an XML element path such as
    ``DataSet[1]/Series[1]/Obs[3]`` (with its line number when known), and then ``column`` names one of its
    attributes (shown as ``attribute NATURE``).
    """

    file: str
    row: int | None = None
    column: str | None = None
    element: str | None = None

    def __str__(self) -> str:
        return self.shown(str)

    def shown(self, translate: Callable[[str], str]) -> str:
        """The place in the language of ``translate``: ``indicator_10-7-3.csv, ligne 17, colonne Value``."""
        parts = [escaped(self.file)]
        if self.row is not None:
            parts.append(translate(_ROW) % {"row": self.row})
        if self.element is not None:
            parts.append(translate(_ELEMENT) % {"element": self.element})
        if self.column is not None:  # in an XML element, the "column" is one of its attributes
            label = _COLUMN if self.element is None else _ATTRIBUTE
            parts.append(translate(label) % {"column": escaped(self.column)})
        return ", ".join(parts)

    def at(self, column: str) -> SourceLocation:
        """The same place narrowed to one column (or XML attribute)."""
        return SourceLocation(self.file, self.row, column, self.element)


@dataclass(frozen=True, slots=True, kw_only=True)
class ObservationRecord:
    """One observation as read from a file, before any database lookup.

    ``series``: SDG series code (``SM_DTH_MIGR``) or one of migmon's UN DESA series (``MIGSTOCK``,
    ``MIGSTOCK_ORIGIN``, ``MIGSTOCK_OD``). ``area``/``area_kind``: the area as the file gives it (see
    :data:`AREA_KINDS`). ``period``: ``"2020"`` (or ``"2020-03"``, ``"2020-Q1"`` where a file has them).
    ``value``: ``None`` only where the format defines a missing-value marker (``..`` in UN DESA tables, an empty
    cell in the tidy CSV). ``unit``: SDMX UNIT_MEASURE code when the file states one, else ``None`` (the loader
    then uses the series' unit). ``unit_multiplier``: power of ten (SDMX UNIT_MULT). ``dimensions``: sorted
    ``(name, code)`` pairs without totals (see the module docstring). ``nature``: an SDG NATURE code (see
    :data:`NATURE_CODES`) or ``None``. ``reporting_type``: who reported it (see the module docstring).
    """

    series: str
    area: str
    area_kind: str
    period: str
    value: Decimal | None
    location: SourceLocation
    unit: str | None = None
    unit_multiplier: int = 0
    dimensions: Dimensions = ()
    nature: str | None = None
    footnote: str | None = None
    source: str | None = None
    reporting_type: str = vocabulary.DEFAULT_REPORTING_TYPE

    def __post_init__(self) -> None:
        if self.area_kind not in AREA_KINDS:
            raise ValueError(f"area_kind {self.area_kind!r} is not one of {sorted(AREA_KINDS)}")
        if self.reporting_type not in vocabulary.REPORTING_TYPES:
            raise ValueError(f"reporting_type {self.reporting_type!r} is not one of {list(vocabulary.REPORTING_TYPES)}")
        dims = self.dimensions
        if dims and (any(code == TOTAL_CODE for _, code in dims) or list(dims) != sorted(dims)):
            raise ValueError(f"dimensions must be sorted and omit totals: {dims!r}")

    @property
    def key(self) -> tuple[str, str, str, str, Dimensions, str]:
        """What identifies the observation inside one file: two records with the same key are duplicates."""
        return (self.series, self.area_kind, self.area, self.period, self.dimensions, self.reporting_type)

    def fields(self) -> tuple[Any, ...]:
        """Every field but the location, in :data:`RECORD_FIELDS` order (as :meth:`ObservationBatch.fields`)."""
        return _RECORD_FIELDS_OF(self)  # one C call: the loader asks for every record's fields

    def dimension(self, name: str) -> str | None:
        """The code of one dimension, or ``None`` when the record is a total over it."""
        for dim, code in self.dimensions:
            if dim == name:
                return code
        return None


@dataclass(frozen=True, slots=True)
class ObservationBatch:
    """Many observations of one file, column by column: the bulk form of :class:`ObservationRecord`.

    Entry ``i`` of every list is one observation with exactly the meaning and invariants of the record fields of
    the same name (``rows[i]`` is its 1-based line or row number in ``file``; ``reporting_type`` may be left
    out when every observation is global). A reader of a large, regular file
    (the tidy CSV) yields batches so that the loader resolves each distinct series, area, period and dimension
    combination once per batch instead of once per row; it validates every row before putting it in a batch, so
    a batch holds only storable observations and its problems are yielded as :class:`Problem` items around it.
    :meth:`records` gives the same observations one by one, for consumers that do not need the speed.
    """

    file: str
    rows: list[int]
    series: list[str]
    area: list[str]
    area_kind: list[str]
    period: list[str]
    value: list[Decimal | None]
    unit: list[str | None]
    unit_multiplier: list[int]
    dimensions: list[Dimensions]
    nature: list[str | None]
    footnote: list[str | None]
    source: list[str | None]
    reporting_type: list[str] | None = None

    def __post_init__(self) -> None:
        size = len(self.rows)
        if self.reporting_type is None:
            object.__setattr__(self, "reporting_type", [vocabulary.DEFAULT_REPORTING_TYPE] * size)
        for name in self.__slots__:  # type: ignore[attr-defined]
            column = getattr(self, name)
            if name != "file" and len(column) != size:
                raise ValueError(f"batch column {name} has {len(column)} entries, rows has {size}")

    def __len__(self) -> int:
        return len(self.rows)

    def fields(self) -> Iterator[tuple[Any, ...]]:
        """Each observation's fields but its location, in :data:`RECORD_FIELDS` order, in file order."""
        return zip(*(getattr(self, name) for name in RECORD_FIELDS), strict=True)

    def location(self, index: int) -> SourceLocation:
        """Where observation ``index`` of the batch sits in its file."""
        return SourceLocation(self.file, self.rows[index])

    def record(self, index: int) -> ObservationRecord:
        """Observation ``index`` as an :class:`ObservationRecord`."""
        return ObservationRecord(
            series=self.series[index],
            area=self.area[index],
            area_kind=self.area_kind[index],
            period=self.period[index],
            value=self.value[index],
            location=self.location(index),
            unit=self.unit[index],
            unit_multiplier=self.unit_multiplier[index],
            dimensions=self.dimensions[index],
            nature=self.nature[index],
            footnote=self.footnote[index],
            source=self.source[index],
            reporting_type=self.reporting_type[index],  # type: ignore[index]  # filled in __post_init__
        )

    def records(self) -> Iterator[ObservationRecord]:
        """The observations one by one, in file order."""
        for index in range(len(self.rows)):
            yield self.record(index)


def dimensions_from(pairs: Iterable[tuple[str, str | None]]) -> Dimensions:
    """Build a record's ``dimensions``: drop empty values and totals (``_T``), sort by dimension name."""
    return tuple(sorted((name, code) for name, code in pairs if code and code != TOTAL_CODE))


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule in a source file: where, which column, which value, which rule, how serious.

    ``error``: the value cannot be stored as read (the loader refuses the whole import).
    ``warning``: the reader repaired or skipped something unambiguous and says so (the import may proceed).

    ``rule`` is the rule in English. When the reader wrote it as a msgid (``template``) with ``params``, the same
    problem can be shown in any language, when it is shown: :meth:`rule_in`, :meth:`message_in`.
    """

    location: SourceLocation
    column: str | None
    value: str | None
    rule: str
    severity: Severity = "error"
    template: str = ""
    params: tuple[tuple[str, str], ...] = ()

    @property
    def message(self) -> str:
        """One line naming file, row or element, column, value and rule (in English)."""
        return self.message_in(str)

    def rule_in(self, translate: Callable[[str], str] | None = None) -> str:
        """The rule in the language of ``translate`` (the active language by default)."""
        if not self.template:
            return self.rule
        return i18n.render(self.template, dict(self.params), translate or i18n.translate)

    def message_in(self, translate: Callable[[str], str] | None = None) -> str:
        """:attr:`message` in the language of ``translate`` (the active language by default)."""
        translate = translate or i18n.translate
        where = self.location if self.column is None else self.location.at(self.column)
        shown = "" if self.value is None else " " + translate(_VALUE) % {"value": _quoted(self.value)}
        severity = translate(_SEVERITY[self.severity])
        return f"{severity}: {where.shown(translate)}:{shown} {self.rule_in(translate)}"

    def stored(self) -> dict[str, Any]:
        """The problem as ``Release.problems`` keeps it: its fields, the English rule and message, and the
        template with its parameters so that a report renders it again in its reader's language."""
        location = self.location
        return {
            "severity": self.severity,
            "file": location.file,
            "row": location.row,
            "element": location.element,
            "column": self.column,
            "value": self.value,
            "rule": self.rule,
            "message": self.message,
            "template": self.template,
            "params": dict(self.params),
        }

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> Problem:
        """The problem back from what :meth:`stored` kept (``Release.problems``, an upload's report)."""
        location = SourceLocation(stored.get("file") or "", stored.get("row"), None, stored.get("element"))
        params = tuple((str(name), str(value)) for name, value in (stored.get("params") or {}).items())
        rule = str(stored.get("rule") or stored.get("message") or "")
        severity: Severity = "warning" if stored.get("severity") == "warning" else "error"
        return cls(
            location, stored.get("column"), stored.get("value"), rule, severity, stored.get("template") or "", params
        )

    def __str__(self) -> str:
        return self.message


def rule_shown(stored: Mapping[str, Any]) -> str:
    """The rule of a kept problem in the active language: rendered again from its template and parameters, or
    the text it was kept with (a refusal's one-line message, a rule kept before templates)."""
    if stored.get("template"):
        return Problem.from_stored(stored).rule_in()
    return str(stored.get("rule") or stored.get("message") or "")


def message_shown(stored: Mapping[str, Any]) -> str:
    """The one-line message of a kept problem in the active language (as :func:`rule_shown`)."""
    if stored.get("template"):
        return Problem.from_stored(stored).message_in()
    return str(stored.get("message") or stored.get("rule") or "")


_SEVERITY = {"error": i18n.gettext_noop("error"), "warning": i18n.gettext_noop("warning")}
_VALUE = i18n.gettext_noop("value %(value)s:")


def _quoted(value: str) -> str:
    """The value as ``repr`` quotes it (control characters escaped), cut to :data:`shown.VALUE_CHARS`."""
    if len(value) <= VALUE_CHARS:
        return repr(value)
    return f"{value[:VALUE_CHARS]!r}… ({len(value):,} characters)"


def _problem(
    severity: Severity, location: SourceLocation, column: str | None, value: object, rule: str, params: dict
) -> Problem:
    pairs = tuple((name, str(param)) for name, param in params.items())
    text = i18n.render(rule, dict(pairs))
    return Problem(location, column, None if value is None else str(value), text, severity, rule, pairs)


def error(location: SourceLocation, column: str | None, value: object, rule: str, **params: object) -> Problem:
    """A Problem of severity ``error`` (shorthand used by the readers). ``rule`` is an English msgid marked with
    ``gettext_noop``, with ``%(name)s`` placeholders filled from ``params`` when the problem is shown."""
    return _problem("error", location, column, value, rule, params)


def warning(location: SourceLocation, column: str | None, value: object, rule: str, **params: object) -> Problem:
    """A Problem of severity ``warning``; ``rule`` and ``params`` as for :func:`error`."""
    return _problem("warning", location, column, value, rule, params)
