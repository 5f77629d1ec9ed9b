"""migmon's own JSON export (``migmon export --format json``) read back, so an export re-imports as it was.

The document is ``{"format": "migmon-observations", "version": 1, "observations": [...]}`` (written by
:mod:`migmon.indicators.exporters`). Each observation has ``series, area, area_kind, period, value`` and the
optional ``unit, unit_multiplier, nature, footnote, source, reporting_type`` (``G`` when absent), ``dimensions`` (an
object, totals omitted; ``COUNTERPART_AREA`` as ``kind:value``); ``area_name`` and ``release`` are informative and
ignored. Numbers are read as decimals, so values round-trip exactly. The file is parsed whole (exports are bounded
by a query).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from migmon.indicators.vocabulary import GLOBAL

from . import limits
from .base import Item, Reader
from .errors import UnreadableFile
from .i18n import gettext_noop
from .records import AREA_KINDS, DIMENSION_NAMES, ObservationRecord, SourceLocation, dimensions_from, error, warning
from .values import FLOAT_YEAR_RULE, ValueRuleError, parse_nature, parse_period, parse_reporting_type

FORMAT = "migmon-observations"


class MigmonJsonReader(Reader):
    """Reads a migmon JSON export."""

    format_name = "migmon-json"
    dataset = "migmon-export"
    source_organisation = "migmon export (see each observation's source)"
    version = "2"  # 2: a year written 2016.0 is read as 2016 with a warning

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return text.startswith(b"{") and f'"format": "{FORMAT}"'.encode() in text[:200]

    def parse(self, path: Path) -> Iterator[Item]:
        try:
            with path.open("rb") as handle:
                document = json.load(handle, parse_float=Decimal, parse_int=Decimal)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise UnreadableFile(path, f"not valid JSON ({exc})") from None
        except RecursionError:  # ``[[[[…`` or ``{"a": {"a": …``: the C parser recurses once per level
            raise limits.LimitExceeded(path, None, limits.JSON_DEPTH_MESSAGE, limit=sys.getrecursionlimit()) from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise UnreadableFile(path, f'not a migmon export: "format" must be "{FORMAT}"')
        observations = document.get("observations")
        if not isinstance(observations, list):
            raise UnreadableFile(path, '"observations" must be a list')
        for number, item in enumerate(observations, start=1):
            yield from _observation(path.name, number, item)


def _observation(file: str, number: int, item: Any) -> Iterator[Item]:
    here = SourceLocation(file, element=f"observations[{number}]")
    if not isinstance(item, dict):
        yield error(here, None, None, "each observation must be an object")
        return
    problems = []
    for name in ("series", "area", "area_kind", "period"):
        if not isinstance(item.get(name), str) or not item[name]:
            problems.append(error(here, name, item.get(name), f"{name} must be a non-empty string"))
    if problems:
        yield from problems
        return
    if item["area_kind"] not in AREA_KINDS:
        yield error(
            here,
            "area_kind",
            item["area_kind"],
            gettext_noop("area_kind must be one of %(kinds)s"),
            kinds=", ".join(sorted(AREA_KINDS)),
        )
        return
    try:
        period, repair = parse_period(item["period"])
    except ValueRuleError as exc:
        yield error(here, "period", item.get("period"), exc.rule, **exc.params)
        return
    try:
        nature = parse_nature(item["nature"]) if item.get("nature") else None
    except ValueRuleError as exc:
        yield error(here, "nature", item.get("nature"), exc.rule, **exc.params)
        return
    if repair:
        yield warning(here, "period", item["period"], FLOAT_YEAR_RULE, year=period)
    value = item.get("value")
    if value is not None and not isinstance(value, Decimal):
        yield error(here, "value", value, "value must be a number or null")
        return
    dimensions = item.get("dimensions") or {}
    if not isinstance(dimensions, dict) or not set(dimensions) <= DIMENSION_NAMES:
        yield error(here, "dimensions", dimensions, "dimensions must map SDG DSD dimension names to codes")
        return
    multiplier = item.get("unit_multiplier") or 0
    try:
        reporting_type = parse_reporting_type(str(item.get("reporting_type") or GLOBAL), names=False)
    except ValueRuleError as exc:
        yield error(here, "reporting_type", item.get("reporting_type"), exc.rule, **exc.params)
        return
    yield ObservationRecord(
        series=item["series"],
        area=item["area"],
        area_kind=item["area_kind"],
        period=period,
        value=value,
        location=here,
        unit=item.get("unit") or None,
        unit_multiplier=int(multiplier),
        dimensions=dimensions_from((str(k), str(v)) for k, v in dimensions.items()),
        nature=nature,
        footnote=item.get("footnote") or None,
        source=item.get("source") or None,
        reporting_type=reporting_type,
    )
