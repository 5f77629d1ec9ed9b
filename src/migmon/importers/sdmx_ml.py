"""SDMX-ML 2.1 data messages of the global SDG DSD (``IAEG-SDGs:SDG``): StructureSpecificData and GenericData.

Read with lxml's ``iterparse``, element by element, dropping each element once read: memory stays flat and
every problem can name its element (``DataSet[1]/Series[1]/Obs[3]``) and line. The two message types carry the
same thing differently — a StructureSpecific ``<Series SERIES="…">`` holds its key as attributes, a Generic
``<generic:Series>`` as ``<generic:Value id="SERIES" value="…"/>`` children — so each is turned into one dict of
component values per series and per observation, and from there both go the same way. ``sdmx1`` reads these
files too (the tests cross-check against it) but builds the whole message in memory and keeps no element
positions.

Every coded component (dimensions, ``UNIT_MEASURE``, ``UNIT_MULT``, ``OBS_STATUS``, ``NATURE`` …) is checked
against the codelists of the pinned DSD (:mod:`migmon.importers.dsd`), not against lists written here: ``_X``
and every other code of the DSD pass, anything else is an error naming the element, the attribute and the value.

Defects of real files are reported, never silently accepted (see data/sdg-sdmx-samples/PROVENANCE.md):

* ``SERIES="_T"`` or ``REF_AREA="_T"``: the builder did not fill in the series or the area. Without them an
  observation cannot be stored, so this is an **error** — unless the caller passes ``series=``/``area=``
  explicitly, which turns it into a **warning** saying which value was used.
* ``TIME_PERIOD="2010.0"`` (and ``TIME_DETAIL``): a year written as a float. The year is unambiguous, so it is
  read as ``2010`` with a **warning** per observation; a non-integral or unreadable period is an error.
* No ``REPORTING_TYPE`` (a dimension of the DSD): **warning**, the observations are read as global (``G``);
  a code outside the DSD's CL_REPORTING_TYPE is an error.
* No ``UNIT_MEASURE``: **warning** (the series' own unit applies). ``<mes:Test>true</mes:Test>``: **warning**
  (the sender marked the message as test data). A message built on another structure than the pinned DSD
  (``KG_NSC:SDG(1.8)``, ``IAEG-SDGs:SDG(1.17)``): one **warning**, its codes are still checked against the DSD.
* An attribute the DSD does not have: one **warning** per attribute name and file (not stored).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from migmon.indicators.vocabulary import DEFAULT_REPORTING_TYPE, REPORTING_TYPES

from . import dsd, limits
from .base import Item, Reader
from .errors import UnreadableFile
from .i18n import gettext_noop
from .records import (
    DIMENSION_NAMES,
    TOTAL_CODE,
    ObservationRecord,
    Problem,
    SourceLocation,
    dimensions_from,
    error,
    warning,
)
from .values import FLOAT_YEAR_RULE, ValueRuleError, area_kind_of, parse_number, parse_period

MESSAGE_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
GENERIC_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic"
MESSAGE_TYPES = ("StructureSpecificData", "GenericData")
#: What a <DataSet> may hold (SDMX 2.1 schema, both message types); anything else is refused at once, so that
#: a file of junk elements costs a line, not a parse of every element.
DATASET_CHILDREN = frozenset({"Annotations", "DataProvider", "Group", "Series", "Obs"})
#: Components that are not checked against a codelist here: the observation's own period and value, and
#: migmon's corridor partner, which the DSD has no dimension for.
UNCODED = frozenset({"TIME_PERIOD", "OBS_VALUE", "COUNTERPART_AREA"})
#: A codelist this short is spelled out in the error; a longer one is named with its size.
SPELLED_OUT = 12


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


class SdmxMlReader(Reader):
    """Reads SDMX-ML 2.1 StructureSpecificData and GenericData with observations at TIME_PERIOD."""

    format_name = "sdmx-ml-2.1"
    dataset = "sdmx-sdg"
    dataset_name = "SDMX-ML data of the global SDG DSD"
    source_organisation = "SDMX-ML sender named in the message header"
    version = "2"

    def __init__(
        self, *, series: str | None = None, area: str | None = None, dataset: str | None = None, **options: Any
    ) -> None:
        super().__init__(dataset=dataset, **options)
        self.series = series or self.options.series
        self.area = area or self.options.area

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        return any(name.encode() in head for name in MESSAGE_TYPES) and b"sdmx.org" in head.lower()

    def parse(self, path: Path) -> Iterator[Item]:
        context = etree.iterparse(
            str(path), events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False
        )
        state = _State(path.name)
        max_depth = limits.XML_DEPTH.value()
        max_element = limits.XML_ELEMENT.value() * limits.KB
        try:
            for event, element in context:
                name = _local(element.tag)
                if event == "start":
                    if state.depth == 0:
                        _check_root(path, element, name)
                        state.generic = name == "GenericData"
                    state.depth += 1
                    if state.depth > max_depth:
                        raise limits.exceeded(path, limits.XML_DEPTH, f"line {element.sourceline}")
                    size = sum(len(key) + len(value) for key, value in element.attrib.items())
                    if size > max_element:
                        raise _too_large(path, element, size)
                    yield from self._start(path, element, name, state)
                    continue
                state.depth -= 1
                if element.text and len(element.text) > max_element:
                    raise _too_large(path, element, len(element.text))
                yield from self._end(element, name, state)
                # Every element is dropped once read, with its read siblings (unknown ones too: junk must not
                # pile up in memory), so memory stays flat.
                element.clear()
                parent = element.getparent()  # None for the root (a comment before it is its sibling)
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            line, column = exc.position if exc.position else (None, None)
            where = f"line {line}, column {column}" if line else None
            reason = str(exc.msg).split(", line ")[0]
            raise UnreadableFile(path, f"malformed or truncated XML: {reason}", where) from None
        if state.depth != 0 or state.datasets == 0:
            raise UnreadableFile(path, "no <DataSet> in the message: nothing to import")

    # -- the two message types, element by element ------------------------------------------------------------

    def _start(self, path: Path, element: Any, name: str, state: _State) -> Iterator[Item]:
        if name == "DataSet":
            state.datasets += 1
            state.series_count = state.obs_count = 0
            state.dataset_depth = state.depth
        elif state.depth == state.dataset_depth + 1:
            if name not in DATASET_CHILDREN:
                raise UnreadableFile(
                    path,
                    f"unexpected element <{name[:40]}> in a data set (expected <Series>): not SDMX-ML data",
                    f"line {element.sourceline}",
                )
            if name == "Series":
                state.series_count += 1
                state.obs_count = 0
                state.series_line = element.sourceline
                state.series_values = {}
                state.series_started = False
                if not state.generic:
                    state.series_values = dict(element.attrib)
                    yield from self._start_series(state)
            elif name == "Obs":
                raise UnreadableFile(
                    path,
                    "observations outside a series (dimensionAtObservation=AllDimensions) are not read: "
                    "export the message with observations at TIME_PERIOD",
                    f"line {element.sourceline}",
                )
        elif name == "Obs" and state.depth == state.dataset_depth + 2:
            if not state.series_started:
                yield from self._start_series(state)
            state.obs_count += 1
            state.obs_values = {}
        elif name == "Structure" and element.tag == f"{{{MESSAGE_NS}}}Structure":
            if element.get("dimensionAtObservation") not in (None, "TIME_PERIOD"):
                raise UnreadableFile(
                    path, "only dimensionAtObservation=TIME_PERIOD is supported", f"line {element.sourceline}"
                )

    def _end(self, element: Any, name: str, state: _State) -> Iterator[Item]:
        if name == "Test" and element.tag == f"{{{MESSAGE_NS}}}Test" and (element.text or "").strip() == "true":
            here = SourceLocation(state.file, element=f"Header/Test (line {element.sourceline})")
            yield warning(
                here, None, "true", gettext_noop("the sender marked this message as test data (mes:Test=true)")
            )
        elif name in ("Ref", "URN") and state.datasets == 0:
            yield from _structure_reference(element, state)
        elif state.generic and element.tag in _GENERIC_TAGS and state.depth > state.dataset_depth:
            _generic_value(element, name, state)
        elif name == "Obs" and state.depth == state.dataset_depth + 1:
            values = state.obs_values if state.generic else dict(element.attrib)
            yield from self._observation(element, values, state)
        elif name == "Series" and state.depth == state.dataset_depth and not state.series_started:
            yield from self._start_series(state)  # a Generic series without observations: check its key

    # -- series and observations, whatever the message type ----------------------------------------------------

    def _start_series(self, state: _State) -> Iterator[Problem]:
        state.series_started = True
        here = SourceLocation(state.file, element=f"{state.series_path} (line {state.series_line})")
        ok, attributes, problems = self._series(state.series_values, here, state)
        state.series_ok = ok
        state.series_attributes = attributes
        yield from problems
        state.area_kind, state.area_code = area_kind_of(attributes["REF_AREA"]) if ok else ("", "")

    def _series(
        self, values: dict[str, str], here: SourceLocation, state: _State
    ) -> tuple[bool, dict[str, str], list[Problem]]:
        """Whether a series key can be stored, the key with configured series and area filled in, and its
        problems."""
        attributes = dict(values)
        problems: list[Problem] = []
        ok = True
        for column, configured, what in (("SERIES", self.series, "series"), ("REF_AREA", self.area, "area")):
            found = attributes.get(column, "")
            if found and found != TOTAL_CODE:
                continue
            if configured:
                problems.append(
                    warning(
                        here,
                        column,
                        found or None,
                        _CONFIGURED[what],
                        component=column,
                        found=found or "missing",
                        configured=configured,
                    )
                )
                attributes[column] = configured
            else:
                ok = False
                rule = _TOTAL_CODE[what] if found else _MISSING[what]
                problems.append(error(here, column, found or None, rule, component=column))
        coded = _code_problems(values, here, state)  # what the file says; the loader resolves configured codes
        problems += coded
        if "REPORTING_TYPE" not in attributes:
            problems.append(warning(here, "REPORTING_TYPE", None, _NO_REPORTING_TYPE, code=DEFAULT_REPORTING_TYPE))
        if "UNIT_MEASURE" not in attributes:
            problems.append(
                warning(here, "UNIT_MEASURE", None, gettext_noop("no UNIT_MEASURE: the series' own unit will be used"))
            )
        return ok and not any(p.severity == "error" for p in coded), attributes, problems

    def _observation(self, element: Any, values: dict[str, str], state: _State) -> Iterator[Item]:
        attributes = state.series_attributes | values
        here = SourceLocation(state.file, element=f"{state.obs_path} (line {element.sourceline})")
        problems: list[Problem] = []
        period = attributes.get("TIME_PERIOD", "")
        try:
            period, repair = parse_period(period)
            if repair:
                problems.append(warning(here, "TIME_PERIOD", attributes["TIME_PERIOD"], FLOAT_YEAR_RULE, year=period))
        except ValueRuleError as exc:
            problems.append(error(here, "TIME_PERIOD", period or None, exc.rule, **exc.params))
        detail = attributes.get("TIME_DETAIL")
        if detail and detail.endswith(".0"):
            problems.append(
                warning(here, "TIME_DETAIL", detail, gettext_noop("year written as a decimal number (not stored)"))
            )
        value = self._value(attributes.get("OBS_VALUE"), here, problems)
        problems += _code_problems(values, here, state)
        # A code outside CL_REPORTING_TYPE is an error of its series (above, against the DSD's codelist).
        reporting_type = attributes.get("REPORTING_TYPE", DEFAULT_REPORTING_TYPE)
        if reporting_type not in REPORTING_TYPES:
            reporting_type = DEFAULT_REPORTING_TYPE
        yield from problems
        if not state.series_ok or any(problem.severity == "error" for problem in problems):
            return  # the observation's own defects are still reported when its series is unusable
        yield ObservationRecord(
            series=attributes["SERIES"],
            area=state.area_code,
            area_kind=state.area_kind,
            period=period,
            value=value,
            location=here,
            unit=attributes.get("UNIT_MEASURE"),
            unit_multiplier=int(attributes.get("UNIT_MULT") or 0),
            dimensions=dimensions_from(
                (name, _counterpart(code) if name == "COUNTERPART_AREA" else code)
                for name, code in attributes.items()
                if name in DIMENSION_NAMES
            ),
            nature=attributes.get("NATURE") or None,
            footnote=attributes.get("COMMENT_OBS") or None,
            source=attributes.get("SOURCE_DETAIL") or None,
            reporting_type=reporting_type,
        )

    @staticmethod
    def _value(text: str | None, here: SourceLocation, problems: list[Problem]) -> Decimal | None:
        if text is None or text == "":
            problems.append(error(here, "OBS_VALUE", None, gettext_noop("observation without OBS_VALUE")))
            return None
        if text == "NaN":  # SDMX-ML's own marker for a missing observation value
            return None
        try:
            return parse_number(text)
        except ValueRuleError as exc:
            problems.append(error(here, "OBS_VALUE", text, exc.rule, **exc.params))
            return None


_NO_REPORTING_TYPE = gettext_noop("no REPORTING_TYPE: the observations are read as %(code)s (global)")
_CONFIGURED = {
    "series": gettext_noop(
        "%(component)s is %(found)s (no series code in the file); using the configured %(configured)s"
    ),
    "area": gettext_noop("%(component)s is %(found)s (no area code in the file); using the configured %(configured)s"),
}
_TOTAL_CODE = {
    "series": gettext_noop(
        "%(component)s must be an SDG series code but is the total code _T: the file does not say which series its "
        "observations belong to; fix the file or import it with an explicit series (--series)"
    ),
    "area": gettext_noop(
        "%(component)s must be an SDG area code but is the total code _T: the file does not say which area its "
        "observations belong to; fix the file or import it with an explicit area (--area)"
    ),
}
_MISSING = {
    "series": gettext_noop(
        "%(component)s must be an SDG series code but is missing: the file does not say which series its "
        "observations belong to; fix the file or import it with an explicit series (--series)"
    ),
    "area": gettext_noop(
        "%(component)s must be an SDG area code but is missing: the file does not say which area its "
        "observations belong to; fix the file or import it with an explicit area (--area)"
    ),
}
_NOT_A_CODE = gettext_noop("not a code of %(codelist)s in the SDG DSD %(dsd)s; expected one of %(codes)s")
_NOT_A_CODE_OF_MANY = gettext_noop("not a code of %(codelist)s in the SDG DSD %(dsd)s (%(count)s codes)")
_UNKNOWN_COMPONENT = gettext_noop(
    "%(component)s is not a dimension or attribute of the SDG DSD %(dsd)s; not stored (reported once per file)"
)
_OTHER_STRUCTURE = gettext_noop(
    "the message is built on the structure %(found)s; its codes are checked against the SDG DSD %(dsd)s"
)


def _code_problems(values: dict[str, str], here: SourceLocation, state: _State) -> list[Problem]:
    """An error for each coded component whose value is not a code of its DSD codelist; one warning per file
    for a component the DSD does not have."""
    structure = dsd.structure()
    problems: list[Problem] = []
    for name, code in values.items():
        if name in UNCODED or (name in ("SERIES", "REF_AREA") and code == TOTAL_CODE):
            continue
        component = structure.component(name)
        if component is None:
            if name not in state.unknown_components:
                state.unknown_components.add(name)
                problems.append(warning(here, name, code, _UNKNOWN_COMPONENT, component=name, dsd=structure.ref))
            continue
        if component.codelist is None:
            continue
        codes = structure.codelists[component.codelist]
        if code in codes or (name == "REF_AREA" and code.isdigit() and code.lstrip("0") in codes):
            continue  # M49 codes are often written zero-padded (004); the DSD lists them without (4)
        if len(codes) <= SPELLED_OUT:
            problems.append(
                error(here, name, code, _NOT_A_CODE, codelist=codes.id, dsd=structure.ref, codes=", ".join(codes))
            )
        else:
            problems.append(
                error(here, name, code, _NOT_A_CODE_OF_MANY, codelist=codes.id, dsd=structure.ref, count=len(codes))
            )
    return problems


def _structure_reference(element: Any, state: _State) -> Iterator[Problem]:
    """The header's reference to the structure the message is built on: a warning when it is not the pinned
    DSD (a national copy such as ``KG_NSC:SDG(1.8)``, or another version)."""
    if state.structure_seen:
        return
    if _local(element.tag) == "URN":
        found = (element.text or "").strip().rsplit("=", 1)[-1]
    else:
        found = f"{element.get('agencyID', '')}:{element.get('id', '')}({element.get('version', '')})"
    state.structure_seen = True
    pinned = dsd.structure().ref
    if found != pinned:
        here = SourceLocation(state.file, element=f"Header/Structure (line {element.sourceline})")
        yield warning(here, None, found, _OTHER_STRUCTURE, found=found, dsd=pinned)


_GENERIC_TAGS = frozenset(f"{{{GENERIC_NS}}}{name}" for name in ("Value", "ObsDimension", "ObsValue"))


def _generic_value(element: Any, name: str, state: _State) -> None:
    """Keep one value of a GenericData series or observation: a key or attribute ``<generic:Value>``, the
    observation's ``<generic:ObsDimension>`` (its period) or ``<generic:ObsValue>``."""
    if name == "ObsDimension":
        state.obs_values[element.get("id") or "TIME_PERIOD"] = element.get("value", "")
    elif name == "ObsValue":
        state.obs_values["OBS_VALUE"] = element.get("value", "")
    else:
        holder = element.getparent()
        owner = _local(holder.getparent().tag) if holder is not None and holder.getparent() is not None else ""
        if owner == "Series":  # SeriesKey or the series' Attributes
            state.series_values[element.get("id", "")] = element.get("value", "")
        elif owner == "Obs":  # the observation's Attributes; a Group's values are not read
            state.obs_values[element.get("id", "")] = element.get("value", "")


def _check_root(path: Path, element: Any, name: str) -> None:
    if name not in MESSAGE_TYPES:
        raise UnreadableFile(
            path, f"XML root is <{name}>, not an SDMX-ML 2.1 <StructureSpecificData> or <GenericData> message"
        )
    namespace = etree.QName(element).namespace or ""
    if namespace != MESSAGE_NS:
        version = "2.0" if "v2_0" in namespace else "another version"
        raise UnreadableFile(
            path, f"an SDMX-ML {version} <{name}> message: only SDMX-ML 2.1 is read (namespace {MESSAGE_NS})"
        )


def _too_large(path: Path, element: Any, size: int) -> limits.LimitExceeded:
    where = f"<{_local(element.tag)}>, line {element.sourceline}"
    return limits.exceeded(path, limits.XML_ELEMENT, where, found=f"{size / limits.KB:,.0f}")


def _counterpart(code: str) -> str:
    kind, normalised = area_kind_of(code)
    return f"{kind}:{normalised}"


class _State:
    """Where the parser is in the message: counters for element paths, the current series' and observation's
    values, and what has been reported once per file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.generic = False
        self.depth = 0
        self.dataset_depth = -1  # the depth of the current <DataSet>
        self.datasets = 0
        self.series_count = 0
        self.obs_count = 0
        self.series_line = 0
        self.series_started = False
        self.series_ok = False
        self.series_values: dict[str, str] = {}
        self.obs_values: dict[str, str] = {}
        self.series_attributes: dict[str, str] = {}
        self.area_kind = ""
        self.area_code = ""
        self.structure_seen = False
        self.unknown_components: set[str] = set()

    @property
    def series_path(self) -> str:
        return f"DataSet[{self.datasets}]/Series[{self.series_count}]"

    @property
    def obs_path(self) -> str:
        return f"{self.series_path}/Obs[{self.obs_count}]"
