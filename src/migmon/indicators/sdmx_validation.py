"""The pre-submission check: SDMX observations against the global SDG DSD and its per-series content constraints.

What is checked is what would be sent: a selection of stored observations in the form the SDMX exporters write
them (:func:`migmon.indicators.sdmx.encode`), or an SDMX-ML StructureSpecific message read as it stands
(:func:`read_message`: a file built elsewhere, by sdg-build for instance). Every problem is reported, none
repaired, each as ``severity, series, area, period, component, value, rule``:

- the key: every dimension of the DSD present and a code of its codelist — ``_T`` is not a code of CL_SERIES
  or CL_AREA, so a message that does not say its series or area is an error; a series key's problems are
  reported once, with an empty period;
- ``TIME_PERIOD`` an SDMX period of the key's frequency (``2010``, ``2010-Q1``, ``2010-03``, ``2010-S1``;
  sdg-build's ``2010.0`` is not one), ``OBS_VALUE`` a number or ``NaN``, no key and period twice;
- the mandatory attributes (``UNIT_MEASURE`` on the series, ``OBS_STATUS`` and ``UNIT_MULT`` on each
  observation) present, every coded attribute a code of its codelist;
- the series' content constraint (``data/sdg-series-codes/sdmx_global_content_constraints.csv``): its
  ``UNIT_MEASURE``, its ``UNIT_MULT`` unless ``ALL``, and for each constrained breakdown the codes it allows;
- in a selection, what the DSD cannot carry at all: a 10.c.1 corridor partner (``COUNTERPART_AREA``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext
from lxml import etree

from migmon.importers import dsd
from migmon.indicators import sdmx, vocabulary
from migmon.indicators.framework_sources import SERIES_FILE
from migmon.indicators.models import Observation

COLUMNS = ("severity", "series", "area", "period", "component", "value", "rule")
ALL = "ALL"
_PERIODS = {
    "A": re.compile(r"\d{4}"),
    "Q": re.compile(r"\d{4}-Q[1-4]"),
    "S": re.compile(r"\d{4}-S[12]"),
    "M": re.compile(r"\d{4}-(0[1-9]|1[0-2])"),
}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|NaN")


@dataclass(frozen=True, slots=True)
class Constraint:
    """A series' content constraint: its unit, its unit multiplier (``None`` = any) and, per breakdown, the
    codes allowed (``None`` = any code of the codelist)."""

    unit_measure: str
    unit_mult: str | None
    allowed: Mapping[str, frozenset[str] | None]


@cache
def constraints(path: Path | None = None) -> Mapping[str, Constraint]:
    """The per-series constraints of the SDG DSD, by series code (read once)."""
    path = path or Path(settings.DATA_DIR) / SERIES_FILE
    made = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            allowed: dict[str, frozenset[str] | None] = {}
            for name in vocabulary.CONSTRAINT_CODES:
                text = (row.get(name) or "").strip()
                if text:
                    allowed[name] = None if text == ALL else frozenset(code.strip() for code in text.split(";"))
            multiplier = row["UNIT_MULT"].strip()
            made[row["SERIES"].strip()] = Constraint(
                row["UNIT_MEASURE"].strip(), None if multiplier in {ALL, ""} else multiplier, allowed
            )
    return made


def problem(
    observation: sdmx.SdmxObservation | None, component: str, value: str | None, rule: str, *, period: bool = True
) -> dict[str, Any]:
    """One line of the report."""
    key = observation.key if observation is not None else {}
    return {
        "severity": "error",
        "series": key.get("SERIES", ""),
        "area": key.get("REF_AREA", ""),
        "period": observation.period if observation is not None and period else "",
        "component": component,
        "value": value,
        "rule": rule,
    }


class Checker:
    """Checks observations one by one; key-level problems are reported once per series key."""

    def __init__(self) -> None:
        self.structure = dsd.structure()
        self.seen_keys: set[tuple[str, ...]] = set()
        self.seen_observations: set[tuple[tuple[str, ...], str]] = set()

    def check(self, observation: sdmx.SdmxObservation) -> Iterator[dict[str, Any]]:
        series_key = observation.series_key
        if series_key not in self.seen_keys:
            self.seen_keys.add(series_key)
            yield from self.key_problems(observation)
        yield from self.observation_problems(observation)

    def key_problems(self, observation: sdmx.SdmxObservation) -> Iterator[dict[str, Any]]:
        key = observation.key
        for name in sdmx.KEY:
            code = key.get(name, "")
            codelist = dsd.codelist_for(name)
            if not code:
                yield problem(observation, name, None, gettext("dimension missing from the key"), period=False)
            elif codelist is not None and code not in codelist:
                rule = gettext("not a code of %(codelist)s in the SDG DSD %(dsd)s") % {
                    "codelist": codelist.id,
                    "dsd": self.structure.ref,
                }
                if code == vocabulary.TOTAL_CODE and name in {"SERIES", "REF_AREA"}:
                    rule += gettext(": the message does not say which series or area its observations belong to")
                yield problem(observation, name, code, rule, period=False)
        for component in self.structure.attributes:
            if component.attachment == "series":
                yield from self.attribute_problems(observation, component, period=False)
        unit = observation.attributes.get("UNIT_MEASURE")
        constraint = constraints().get(key.get("SERIES", ""))
        if constraint is None:
            return
        if unit and constraint.unit_measure and unit != constraint.unit_measure:
            yield problem(
                observation,
                "UNIT_MEASURE",
                unit,
                _constraint_rule(key["SERIES"], constraint.unit_measure),
                period=False,
            )
        for name, allowed in constraint.allowed.items():
            code = key.get(name, "")
            if allowed is not None and code and code not in allowed:
                yield problem(
                    observation, name, code, _constraint_rule(key["SERIES"], ", ".join(sorted(allowed))), period=False
                )

    def attribute_problems(
        self, observation: sdmx.SdmxObservation, component: dsd.Component, *, period: bool
    ) -> Iterator[dict[str, Any]]:
        text = observation.attributes.get(component.id)
        if not text:
            if component.mandatory:
                yield problem(observation, component.id, None, _mandatory(component.id), period=period)
            return
        codelist = dsd.codelist_for(component.id)
        if codelist is not None and text not in codelist:
            rule = gettext("not a code of %(codelist)s in the SDG DSD %(dsd)s") % {
                "codelist": codelist.id,
                "dsd": self.structure.ref,
            }
            yield problem(observation, component.id, text, rule, period=period)

    def observation_problems(self, observation: sdmx.SdmxObservation) -> Iterator[dict[str, Any]]:
        period = observation.period
        shape = _PERIODS.get(observation.key.get("FREQ", ""))
        if not any(pattern.fullmatch(period) for pattern in _PERIODS.values()):
            rule = gettext("not an SDMX time period (2010, 2010-Q1, 2010-S1, 2010-03)")
            yield problem(observation, "TIME_PERIOD", period or None, rule)
        elif shape is not None and not shape.fullmatch(period):
            rule = gettext("does not match the frequency FREQ=%(freq)s") % {"freq": observation.key["FREQ"]}
            yield problem(observation, "TIME_PERIOD", period, rule)
        if not _NUMBER.fullmatch(observation.value):
            yield problem(observation, "OBS_VALUE", observation.value or None, gettext("not a number (or NaN)"))
        identity = (observation.series_key, period)
        if identity in self.seen_observations:
            yield problem(observation, "TIME_PERIOD", period, gettext("a second observation with the same key"))
        self.seen_observations.add(identity)
        attributes = observation.attributes
        for component in self.structure.attributes:
            if component.attachment != "series":
                yield from self.attribute_problems(observation, component, period=True)
        constraint = constraints().get(observation.key.get("SERIES", ""))
        multiplier = attributes.get("UNIT_MULT")
        if (
            constraint is not None
            and constraint.unit_mult is not None
            and multiplier
            and multiplier != constraint.unit_mult
        ):
            yield problem(
                observation, "UNIT_MULT", multiplier, _constraint_rule(observation.key["SERIES"], constraint.unit_mult)
            )


def _mandatory(component: str) -> str:
    return gettext("mandatory attribute %(component)s missing") % {"component": component}


def _constraint_rule(series: str, expected: str) -> str:
    return gettext("the content constraint of %(series)s allows %(expected)s") % {
        "series": series,
        "expected": expected,
    }


def observations_check(encoded: Iterable[sdmx.SdmxObservation]) -> list[dict[str, Any]]:
    """Every problem of the observations, in order."""
    checker = Checker()
    return [found for observation in encoded for found in checker.check(observation)]


def selection_check(selected: QuerySet[Observation]) -> list[dict[str, Any]]:
    """Every problem of a selection of stored observations, as the SDMX exporters would write them."""
    checker = Checker()
    problems: list[dict[str, Any]] = []
    query = selected.select_related("series", "area", "dimensions").order_by(
        "series__code", "area_id", "dimensions_id", "year", "period", "id"
    )
    for observation in query.iterator(chunk_size=2000):
        if observation.dimensions.counterpart_area_id is not None:
            partner = observation.dimensions.codes.get(vocabulary.COUNTERPART_AREA.code, "")
            rule = gettext("the SDG DSD %(dsd)s has no dimension for the corridor partner") % {
                "dsd": checker.structure.ref
            }
            where = sdmx.SdmxObservation(
                key={"SERIES": observation.series.code, "REF_AREA": sdmx.ref_area(observation.area)},
                period=observation.period,
                value="",
            )
            problems.append(problem(where, vocabulary.COUNTERPART_AREA.code, partner, rule))
            continue
        problems.extend(checker.check(sdmx.encode(observation)))
    return problems


def read_message(path: Path) -> Iterator[sdmx.SdmxObservation]:
    """The observations of an SDMX-ML StructureSpecific message, as written (nothing repaired or defaulted)."""
    parser = etree.iterparse(
        str(path), events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    series: dict[str, str] = {}
    for event, element in parser:
        name = etree.QName(element).localname
        if event == "start" and name == "Series":
            series = dict(element.attrib)
        elif event == "end" and name == "Obs":
            attributes = {**series, **dict(element.attrib)}
            yield sdmx.SdmxObservation(
                key={dimension: attributes.get(dimension, "") for dimension in sdmx.KEY},
                period=attributes.get("TIME_PERIOD", ""),
                value=attributes.get("OBS_VALUE", ""),
                attributes={
                    component: text
                    for component, text in attributes.items()
                    if component not in sdmx.KEY and component not in {"TIME_PERIOD", "OBS_VALUE"}
                },
            )
            element.clear()


def message_check(path: Path) -> list[dict[str, Any]]:
    """Every problem of an SDMX-ML StructureSpecific message (raises ``etree.XMLSyntaxError`` if not XML)."""
    return observations_check(read_message(path))
