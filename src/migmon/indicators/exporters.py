"""Exports of observations: one small class per format, each ``render()``-ing a file name, media type and bytes.

In the spirit of pretix's exporters: :class:`Exporter` does the shared work (iterating the queryset in chunks,
naming areas the way files do) and each format writes its own rows. ``render()`` returns an
:class:`ExportFile` whose ``content`` is an iterator of byte chunks, so a view can stream it
(``StreamingHttpResponse``) and the CLI can write it to a file, without holding the export in memory.

Every format re-imports to the same observations (tested with hypothesis). The tidy CSV begins with a UTF-8
byte-order mark, so a spreadsheet opens "Türkiye" as written (the reader skips it); SDMX-CSV, read by SDMX
tools that refuse a BOM, has none.

- ``csv`` — migmon's tidy national CSV (see ``src/migmon/importers/tidy_csv.py``): ``series, area, area_kind,
  area_name, period, value, unit, unit_multiplier, nature, footnote, source, reporting_type, release,
  release_date`` then one column per dimension of the vocabulary, the same columns for every series. Areas are
  written as ISO alpha-3 for countries, M49 for regions, the English name otherwise; ``area_name`` is the name
  in the active language and ``release``/``release_date`` the import the value came from, ``provisional``
  (``true``/``false``) and ``as_of`` whether the period is still being recorded and the date its data is as of
  (the reader ignores these five).
- ``json`` — ``{"format": "migmon-observations", "version": 1, "observations": [...]}``; each observation has
  the same fields (``reporting_type`` included) plus ``area_name``, ``release``, ``provisional`` and ``as_of``
  (for reading; the importer ignores them) and ``dimensions`` as an object. Read back by
  :mod:`migmon.importers.migmon_json`.
- ``sdmx-csv`` — SDMX-CSV 2.0 against the global SDG DSD: ``STRUCTURE, STRUCTURE_ID, ACTION``, the DSD's key
  (``FREQ, REPORTING_TYPE, SERIES, REF_AREA``, the eleven breakdowns, ``_T`` for totals), ``TIME_PERIOD,
  OBS_VALUE`` and the attributes ``UNIT_MEASURE, UNIT_MULT, OBS_STATUS, NATURE, COMMENT_OBS, SOURCE_DETAIL``.
  ``STRUCTURE_ID`` is the pinned DSD (``IAEG-SDGs:SDG(1.14)``); ``ACTION`` is ``I`` (information: merge). sdmx1
  reads it with that DSD to exactly the exported observations. Read back by :mod:`migmon.importers.sdmx_csv`.
- ``sdmx-ml`` — SDMX-ML 2.1 StructureSpecificData, what a country sends to UNSD: the DSD's URN in the header,
  one ``<Series>`` per key (with ``UNIT_MEASURE``), one ``<Obs>`` per period. Read back by
  :mod:`migmon.importers.sdmx_ml`.

Both SDMX formats write what :func:`migmon.indicators.sdmx.encode` makes of an observation (numeric M49
``REF_AREA``, DESA groupings as codes, mandatory attributes always present; see that module) and refuse, before
writing anything, a selection holding 10.c.1 corridor values, which the DSD has no dimension for; SDMX-ML also
refuses migmon's own UN DESA series, which are not in CL_SERIES.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar
from xml.sax.saxutils import escape, quoteattr  # noqa: S406 - writing XML, not parsing it

from django.db.models import QuerySet
from django.utils.translation import get_language

from migmon.geo.models import Area
from migmon.indicators import sdmx, vocabulary
from migmon.indicators.models import Observation
from migmon.indicators.query import Provisional, provisional_periods

#: Dimension columns, in this order, in the CSV formats: every dimension of the vocabulary.
DIMENSION_COLUMNS = vocabulary.CODES
COUNTERPART = vocabulary.COUNTERPART_AREA.code
TIDY_COLUMNS: tuple[str, ...] = (
    "series",
    "area",
    "area_kind",
    "area_name",
    "period",
    "value",
    "unit",
    "unit_multiplier",
    "nature",
    "footnote",
    "source",
    "reporting_type",
    "release",
    "release_date",
    "provisional",
    "as_of",
    *DIMENSION_COLUMNS,
)
SDMX_COLUMNS: tuple[str, ...] = (
    "STRUCTURE",
    "STRUCTURE_ID",
    "ACTION",
    *sdmx.KEY,
    "TIME_PERIOD",
    "OBS_VALUE",
    *sdmx.ATTRIBUTES,
)
CHUNK_SIZE = 2000


@dataclass
class ExportFile:
    """What an exporter produces: a suggested file name, a media type and the bytes, in chunks."""

    filename: str
    media_type: str
    content: Iterator[bytes]

    def read(self) -> bytes:
        """All the bytes at once (for tests and small exports)."""
        return b"".join(self.content)


def format_value(value: float | None) -> str:
    """The shortest text that reads back as exactly the same float; integers without ``.0``."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def area_ref(area: Area) -> tuple[str, str]:
    """(kind, value) naming an area in a tidy file: ISO alpha-3, else M49, else the English name."""
    if area.iso3:
        return "iso3", area.iso3
    if area.m49:
        return "m49", area.m49
    return "name", area.name_en


class Exporter:
    """Shared part of every format; subclasses set the class attributes and write :meth:`chunks`."""

    identifier: ClassVar[str]
    verbose_name: ClassVar[str]
    media_type: ClassVar[str]
    extension: ClassVar[str]

    def __init__(self, observations: QuerySet[Observation], *, name: str = "observations") -> None:
        self.observations = observations
        self.name = name
        self._provisional: dict[int, dict[str, Provisional]] | None = None

    def provisional(self, observation: Observation) -> Provisional | None:
        """Whether the observation's period is still being recorded (and as of when), else None."""
        if self._provisional is None:
            series = self.observations.order_by().values_list("series_id", flat=True).distinct()
            self._provisional = provisional_periods(series)
        return self._provisional.get(observation.series_id, {}).get(observation.period)

    def render(self) -> ExportFile:
        """File name, media type and the content as an iterator of byte chunks."""
        return ExportFile(f"{self.name}.{self.extension}", self.media_type, self.chunks())

    def rows(self) -> Iterator[Observation]:
        """The observations with everything the formats print joined in, fetched in chunks."""
        query = self.observations.select_related(
            "series", "area", "dimensions", "dimensions__counterpart_area", "release"
        )
        return query.iterator(chunk_size=CHUNK_SIZE)

    def chunks(self) -> Iterator[bytes]:  # pragma: no cover - abstract
        raise NotImplementedError


class _CsvExporter(Exporter):
    columns: ClassVar[tuple[str, ...]]
    byte_order_mark: ClassVar[bool] = False
    media_type = "text/csv; charset=utf-8"
    extension = "csv"

    def chunks(self) -> Iterator[bytes]:
        buffer = io.StringIO()
        if self.byte_order_mark:
            buffer.write("\ufeff")  # spreadsheets then read the names' accents right
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        for count, observation in enumerate(self.rows(), start=1):
            writer.writerow(self.row(observation))
            if count % CHUNK_SIZE == 0:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()

    def row(self, observation: Observation) -> Iterable[str]:  # pragma: no cover - abstract
        raise NotImplementedError


class TidyCsvExporter(_CsvExporter):
    """migmon's tidy CSV: the national-data template's columns, so the file re-imports as it is."""

    identifier = "csv"
    verbose_name = "CSV (tidy, one observation per row)"
    columns = TIDY_COLUMNS
    byte_order_mark = True  # the file people open in a spreadsheet

    def __init__(self, observations: QuerySet[Observation], *, name: str = "observations") -> None:
        super().__init__(observations, name=name)
        self.language = (get_language() or "en")[:2]

    def row(self, observation: Observation) -> list[str]:
        kind, area = area_ref(observation.area)
        codes = observation.dimensions.codes
        counterpart = observation.dimensions.counterpart_area
        dimensions = [
            area_ref(counterpart)[1] if name == COUNTERPART and counterpart else codes.get(name, "")
            for name in DIMENSION_COLUMNS
        ]
        release = observation.release
        status = self.provisional(observation)
        return [
            observation.series.code,
            area,
            kind,
            observation.area.name_in(self.language),
            observation.period,
            format_value(observation.value),
            observation.unit,
            str(observation.unit_multiplier),
            observation.nature,
            observation.footnote,
            observation.source,
            observation.reporting_type,
            str(observation.release_id or ""),
            release.imported_at.date().isoformat() if release is not None else "",
            "true" if status else "false",
            status.as_of.isoformat() if status else "",
            *dimensions,
        ]


class SdmxCsvExporter(_CsvExporter):
    """SDMX-CSV 2.0 against the global SDG DSD (see the module docstring)."""

    identifier = "sdmx-csv"
    verbose_name = "SDMX-CSV 2.0"
    media_type = "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8"
    columns = SDMX_COLUMNS

    def render(self) -> ExportFile:
        sdmx.refuse(self.observations, ml=False)
        return ExportFile(f"{self.name}.sdmx.csv", self.media_type, self.chunks())

    def row(self, observation: Observation) -> list[str]:
        encoded = sdmx.encode(observation, provisional=self.provisional(observation) is not None)
        attributes = encoded.attributes
        return [
            "datastructure",
            sdmx.structure().ref,
            "I",
            *encoded.series_key,
            encoded.period,
            "" if observation.value is None else encoded.value,
            *(attributes.get(name, "") for name in sdmx.ATTRIBUTES),
        ]


class SdmxMlExporter(Exporter):
    """SDMX-ML 2.1 StructureSpecificData against the global SDG DSD (see the module docstring)."""

    identifier = "sdmx-ml"
    verbose_name = "SDMX-ML 2.1 (StructureSpecific)"
    media_type = "application/vnd.sdmx.structurespecificdata+xml; version=2.1"
    extension = "xml"

    def render(self) -> ExportFile:
        sdmx.refuse(self.observations, ml=True)
        return ExportFile(f"{self.name}.sdmx.xml", self.media_type, self.chunks())

    def rows(self) -> Iterator[Observation]:
        """Grouped by key (then unit, which attaches to the series), periods in order within a key."""
        query = self.observations.select_related("series", "area", "dimensions").order_by(
            "series__code", "area_id", "dimensions_id", "unit", "year", "period", "id"
        )
        return query.iterator(chunk_size=CHUNK_SIZE)

    def chunks(self) -> Iterator[bytes]:
        yield self.header().encode()
        parts: list[str] = []
        current: tuple[tuple[str, ...], str] | None = None
        for observation in self.rows():
            encoded = sdmx.encode(observation, provisional=self.provisional(observation) is not None)
            group = (encoded.series_key, encoded.attributes.get("UNIT_MEASURE", ""))
            if group != current:
                if current is not None:
                    parts.append("</Series>\n")
                series = {**encoded.key, **({"UNIT_MEASURE": group[1]} if group[1] else {})}
                parts.append(f"<Series{_xml_attributes(series)}>\n")
                current = group
            obs = {"TIME_PERIOD": encoded.period, "OBS_VALUE": encoded.value}
            obs |= {name: text for name, text in encoded.attributes.items() if name != "UNIT_MEASURE"}
            parts.append(f"<Obs{_xml_attributes(obs)}/>\n")
            if len(parts) >= CHUNK_SIZE:
                yield "".join(parts).encode()
                parts.clear()
        if current is not None:
            parts.append("</Series>\n")
        parts.append("</message:DataSet>\n</message:StructureSpecificData>\n")
        yield "".join(parts).encode()

    @staticmethod
    def header() -> str:
        structure = sdmx.structure()
        prepared = datetime.now(UTC).replace(microsecond=0)
        structure_id = f"{structure.agency}_{structure.id}_{structure.version.replace('.', '_')}"
        namespace = f"{structure.urn}:ObsLevelDim:TIME_PERIOD"
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<message:StructureSpecificData {_NAMESPACES} xmlns:ns1={quoteattr(namespace)}>\n"
            "<message:Header>"
            f"<message:ID>MIGMON{prepared:%Y%m%dT%H%M%S}</message:ID>"
            "<message:Test>false</message:Test>"
            f"<message:Prepared>{prepared.isoformat().replace('+00:00', 'Z')}</message:Prepared>"
            '<message:Sender id="MIGMON"/>'
            f'<message:Structure structureID="{structure_id}" namespace={quoteattr(namespace)} '
            'dimensionAtObservation="TIME_PERIOD">'
            f"<common:Structure><URN>{escape(structure.urn)}</URN></common:Structure></message:Structure>"
            "</message:Header>\n"
            f'<message:DataSet ss:structureRef="{structure_id}" xsi:type="ns1:DataSetType" '
            'ss:dataScope="DataStructure" action="Information">\n'
        )


_NAMESPACES = (
    " ".join(
        f'xmlns:{prefix}="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/{path}"'
        for prefix, path in (("message", "message"), ("common", "common"), ("ss", "data/structurespecific"))
    )
    + ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)
#: Characters XML 1.0 cannot hold at all (not even as references): replaced by U+FFFD in free text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_attributes(values: dict[str, str]) -> str:
    return "".join(f" {name}={quoteattr(_NOT_XML.sub(chr(0xFFFD), text))}" for name, text in values.items())


class JsonExporter(Exporter):
    """A JSON document with one object per observation (see the module docstring)."""

    identifier = "json"
    verbose_name = "JSON"
    media_type = "application/json"
    extension = "json"

    def chunks(self) -> Iterator[bytes]:
        head = {"format": "migmon-observations", "version": 1, "exported_at": datetime.now(UTC).isoformat()}
        yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "observations": [').encode()
        parts: list[str] = []
        for count, observation in enumerate(self.rows()):
            parts.append(("," if count else "") + "\n" + json.dumps(self.item(observation), ensure_ascii=False))
            if len(parts) >= CHUNK_SIZE:
                yield "".join(parts).encode()
                parts.clear()
        parts.append("\n]}\n")
        yield "".join(parts).encode()

    def item(self, observation: Observation) -> dict[str, Any]:
        kind, area = area_ref(observation.area)
        dimensions = dict(observation.dimensions.codes)
        counterpart = observation.dimensions.counterpart_area
        if counterpart is not None:
            dimensions[COUNTERPART] = ":".join(area_ref(counterpart))
        value = observation.value
        status = self.provisional(observation)
        return {
            "series": observation.series.code,
            "area": area,
            "area_kind": kind,
            "area_name": observation.area.name_en,
            "period": observation.period,
            "value": int(value) if value is not None and value.is_integer() and abs(value) < 1e16 else value,
            "unit": observation.unit,
            "unit_multiplier": observation.unit_multiplier,
            "nature": observation.nature,
            "footnote": observation.footnote,
            "source": observation.source,
            "reporting_type": observation.reporting_type,
            "dimensions": dimensions,
            "release": observation.release_id,
            "provisional": status is not None,
            "as_of": status.as_of.isoformat() if status else None,
        }


EXPORTERS: dict[str, type[Exporter]] = {
    cls.identifier: cls for cls in (TidyCsvExporter, JsonExporter, SdmxCsvExporter, SdmxMlExporter)
}


def exporter_for(identifier: str) -> type[Exporter]:
    """The exporter class for ``csv``, ``json``, ``sdmx-csv`` or ``sdmx-ml`` (KeyError with the choices otherwise)."""
    try:
        return EXPORTERS[identifier]
    except KeyError:
        raise KeyError(f"unknown export format {identifier!r}; choose one of {', '.join(EXPORTERS)}") from None
