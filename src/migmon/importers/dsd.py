"""The global SDG data structure definition (``IAEG-SDGs:SDG(1.14)``) and its codelists, read once from the copy
shipped in ``data/sdg-dsd/`` (see its PROVENANCE.md).

Readers validate SDMX codes against these codelists, exporters write the DSD's id and version in their headers
and the SDMX validator checks a selection against them: one source for what a code of the DSD is, instead of
lists written by hand. The file is parsed on first use (about 0.2 s) and kept for the life of the process.

>>> from migmon.importers import dsd
>>> "_X" in dsd.codelist_for("NATURE")
True
>>> dsd.structure().urn
'urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IAEG-SDGs:SDG(1.14)'

Nothing here imports Django: the module is as pure as the readers that use it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from lxml import etree

#: The pinned DSD file (byte-identical to open-sdg/sdg-build ``tests/assets/data/sdmx/dsd.xml`` at ``0b450bf0``).
DSD_FILE = Path(__file__).resolve().parent / "data" / "sdg-dsd" / "IAEG-SDGs_SDG_1.14_dsd.xml"

_STR = "{http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure}"
_COM = "{http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ComponentKind = Literal["dimension", "time", "attribute", "measure"]
#: Where an attribute's value is given: on each observation, or once for a series (its key).
Attachment = Literal["observation", "series", "dataset"]


@dataclass(frozen=True, slots=True)
class Codelist:
    """One codelist of the DSD: its maintainer, id and version, and every code with its English name."""

    agency: str
    id: str
    version: str
    names: Mapping[str, str] = field(repr=False)

    def __contains__(self, code: object) -> bool:
        return code in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    @property
    def urn(self) -> str:
        return f"urn:sdmx:org.sdmx.infomodel.codelist.Codelist={self.agency}:{self.id}({self.version})"

    def name(self, code: str) -> str | None:
        """The code's English name in the DSD (the only language it carries), or ``None`` if not a code."""
        return self.names.get(code)


@dataclass(frozen=True, slots=True)
class Component:
    """A dimension, the time dimension, an attribute or the measure of the DSD.

    ``position`` is the 1-based order of a dimension in the key (``FREQ`` is 1, ``PRODUCT`` 15), ``None`` for
    the others. ``codelist`` is the id of the codelist that enumerates its values, ``None`` for free text,
    dates and numbers. ``mandatory`` and ``attachment`` matter for attributes only.
    """

    id: str
    kind: ComponentKind
    position: int | None = None
    codelist: str | None = None
    mandatory: bool = False
    attachment: Attachment | None = None


@dataclass(frozen=True, slots=True)
class Structure:
    """The data structure definition: its identity, its components in DSD order and its codelists by id."""

    agency: str
    id: str
    version: str
    components: tuple[Component, ...]
    codelists: Mapping[str, Codelist] = field(repr=False)

    @property
    def ref(self) -> str:
        """How a data message names it: ``IAEG-SDGs:SDG(1.14)``."""
        return f"{self.agency}:{self.id}({self.version})"

    @property
    def urn(self) -> str:
        return f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={self.ref}"

    @property
    def dimensions(self) -> tuple[Component, ...]:
        """The key's dimensions in order (FREQ, REPORTING_TYPE, SERIES, REF_AREA, SEX, …, PRODUCT)."""
        return tuple(c for c in self.components if c.kind == "dimension")

    @property
    def attributes(self) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.kind == "attribute")

    def component(self, component_id: str) -> Component | None:
        """The component of that id (``SEX``, ``UNIT_MULT``, ``TIME_PERIOD``, ``OBS_VALUE``), or ``None``."""
        for component in self.components:
            if component.id == component_id:
                return component
        return None


@lru_cache(maxsize=1)
def structure() -> Structure:
    """The pinned DSD, parsed on first call and cached."""
    return _parse(DSD_FILE)


def codelist(codelist_id: str) -> Codelist:
    """A codelist by its id (``CL_NATURE``); ``KeyError`` for an id the DSD does not have."""
    return structure().codelists[codelist_id]


def codelist_for(component_id: str) -> Codelist | None:
    """The codelist that enumerates a component's values (``NATURE`` → CL_NATURE), or ``None`` when the
    component takes free text or numbers, or is not in the DSD (``COUNTERPART_AREA``)."""
    component = structure().component(component_id)
    if component is None or component.codelist is None:
        return None
    return codelist(component.codelist)


def _parse(path: Path) -> Structure:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    root = tree.getroot()
    codelists: dict[str, Codelist] = {}
    for element in root.iter(f"{_STR}Codelist"):
        names = {code.get("id", ""): _english_name(code) for code in element.iterfind(f"{_STR}Code")}
        codelists[element.get("id", "")] = Codelist(
            element.get("agencyID", ""), element.get("id", ""), element.get("version", ""), names
        )
    definitions = list(root.iter(f"{_STR}DataStructure"))
    if len(definitions) != 1:
        raise ValueError(f"{path.name}: expected one DataStructure, found {len(definitions)}")
    definition = definitions[0]
    components: list[Component] = []
    for element in definition.iter(f"{_STR}Dimension", f"{_STR}TimeDimension", f"{_STR}Attribute"):
        if element.get("id") is None:
            continue  # a reference to a dimension inside an AttributeRelationship, not a component
        tag = etree.QName(element).localname
        listed = element.find(f"{_STR}LocalRepresentation/{_STR}Enumeration/Ref")
        codelist_id = listed.get("id") if listed is not None else None
        if tag == "Dimension":
            components.append(
                Component(element.get("id", ""), "dimension", int(element.get("position", "0")), codelist_id)
            )
        elif tag == "TimeDimension":
            components.append(Component(element.get("id", ""), "time"))
        else:
            components.append(
                Component(
                    element.get("id", ""),
                    "attribute",
                    codelist=codelist_id,
                    mandatory=element.get("assignmentStatus") == "Mandatory",
                    attachment=_attachment(element),
                )
            )
    measure = definition.find(f".//{_STR}MeasureList/{_STR}PrimaryMeasure")
    if measure is not None:
        components.append(Component(measure.get("id", ""), "measure"))
    return Structure(
        definition.get("agencyID", ""),
        definition.get("id", ""),
        definition.get("version", ""),
        tuple(components),
        codelists,
    )


def _english_name(code: etree._Element) -> str:
    for name in code.iterfind(f"{_COM}Name"):
        if name.get(_XML_LANG, "en") == "en":
            return name.text or ""
    return ""


def _attachment(attribute: etree._Element) -> Attachment:
    relationship = attribute.find(f"{_STR}AttributeRelationship")
    if relationship is None or len(relationship) == 0:
        return "dataset"
    if relationship.find(f"{_STR}PrimaryMeasure") is not None:
        return "observation"
    return "series"
