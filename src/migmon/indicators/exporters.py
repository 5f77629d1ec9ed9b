"""Exports of observations: one small class per format, each ``render()``-ing a file name, media type and bytes.

In the spirit of pretix's exporters: :class:`Exporter` does the shared work (iterating the queryset in chunks,
naming areas the way files do) and each format writes its own rows. ``render()`` returns an
:class:`ExportFile` whose ``content`` is an iterator of byte chunks, so a view can stream it
(``StreamingHttpResponse``) and the CLI can write it to a file, without holding the export in memory.

Every format re-imports to the same observations (tested with hypothesis):

- ``csv`` — migmon's tidy national CSV (see ``src/migmon/importers/tidy_csv.py``): ``series, area, area_kind,
  period, value, unit, unit_multiplier, nature, footnote, source`` then one column per dimension. Areas are
  written as ISO alpha-3 for countries, M49 for regions, the English name otherwise.
- ``json`` — ``{"format": "migmon-observations", "version": 1, "observations": [...]}``; each observation has
  the same fields plus ``area_name`` and ``release`` (for reading; the importer ignores them) and
  ``dimensions`` as an object. Read back by :mod:`migmon.importers.migmon_json`.
- ``sdmx-csv`` — SDMX-CSV 2.0 style, columns ``STRUCTURE, STRUCTURE_ID, ACTION, FREQ, SERIES, REF_AREA``, the
  SDG DSD dimensions (``_T`` for totals), ``TIME_PERIOD, OBS_VALUE, UNIT_MEASURE, UNIT_MULT, NATURE,
  COMMENT_OBS, SOURCE_DETAIL``. ``STRUCTURE`` is ``datastructure`` and ``STRUCTURE_ID`` the global SDG DSD
  ``IAEG-SDGs:SDG(1.17)``; ``ACTION`` is ``I`` (information: merge). ``REF_AREA`` and ``COUNTERPART_AREA``
  are M49 codes where the area has one (as in the SDG DSD), else ISO alpha-3, else the English name.
  ``COUNTERPART_AREA`` is not a dimension of the SDG DSD (1.14 has none for the 10.c.1 corridor partner, see
  :mod:`migmon.indicators.vocabulary`): migmon writes it as one more column after the DSD's, ``_T`` when none.
  migmon's own UN DESA series codes (``MIGSTOCK``…) are not in the SDG code list; they are written as they are.
  Read back by :mod:`migmon.importers.sdmx_csv`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from django.db.models import QuerySet

from migmon.geo.models import Area
from migmon.indicators import vocabulary
from migmon.indicators.models import Observation

#: Dimension columns, in this order, in the CSV formats: every dimension of the vocabulary.
DIMENSION_COLUMNS = vocabulary.CODES
COUNTERPART = vocabulary.COUNTERPART_AREA.code
TIDY_ATTRIBUTES = ("series", "area", "area_kind", "period", "value", "unit", "unit_multiplier", "nature", "footnote")
TIDY_COLUMNS: tuple[str, ...] = (*TIDY_ATTRIBUTES, "source", *DIMENSION_COLUMNS)
SDMX_STRUCTURE_ID = "IAEG-SDGs:SDG(1.17)"
SDMX_KEY = ("STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "SERIES", "REF_AREA")
SDMX_ATTRIBUTES = ("TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "UNIT_MULT", "NATURE", "COMMENT_OBS", "SOURCE_DETAIL")
SDMX_COLUMNS: tuple[str, ...] = (*SDMX_KEY, *DIMENSION_COLUMNS, *SDMX_ATTRIBUTES)
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


def sdmx_area(area: Area) -> str:
    """REF_AREA as the SDG DSD codes it: M49; else ISO alpha-3; else the English name (DESA groupings)."""
    return area.m49 or area.iso3 or area.name_en


def sdmx_frequency(period: str) -> str:
    """FREQ from the shape of the period (A, M, Q or S)."""
    if len(period) == 4:
        return "A"
    return {"Q": "Q", "S": "S"}.get(period[5:6], "M")


class Exporter:
    """Shared part of every format; subclasses set the class attributes and write :meth:`chunks`."""

    identifier: ClassVar[str]
    verbose_name: ClassVar[str]
    media_type: ClassVar[str]
    extension: ClassVar[str]

    def __init__(self, observations: QuerySet[Observation], *, name: str = "observations") -> None:
        self.observations = observations
        self.name = name

    def render(self) -> ExportFile:
        """File name, media type and the content as an iterator of byte chunks."""
        return ExportFile(f"{self.name}.{self.extension}", self.media_type, self.chunks())

    def rows(self) -> Iterator[Observation]:
        """The observations with everything the formats print joined in, fetched in chunks."""
        query = self.observations.select_related("series", "area", "dimensions", "dimensions__counterpart_area")
        return query.iterator(chunk_size=CHUNK_SIZE)

    def chunks(self) -> Iterator[bytes]:  # pragma: no cover - abstract
        raise NotImplementedError


class _CsvExporter(Exporter):
    columns: ClassVar[tuple[str, ...]]
    media_type = "text/csv; charset=utf-8"
    extension = "csv"

    def chunks(self) -> Iterator[bytes]:
        buffer = io.StringIO()
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

    def row(self, observation: Observation) -> list[str]:
        kind, area = area_ref(observation.area)
        codes = observation.dimensions.codes
        counterpart = observation.dimensions.counterpart_area
        dimensions = [
            area_ref(counterpart)[1] if name == COUNTERPART and counterpart else codes.get(name, "")
            for name in DIMENSION_COLUMNS
        ]
        return [
            observation.series.code,
            area,
            kind,
            observation.period,
            format_value(observation.value),
            observation.unit,
            str(observation.unit_multiplier),
            observation.nature,
            observation.footnote,
            observation.source,
            *dimensions,
        ]


class SdmxCsvExporter(_CsvExporter):
    """SDMX-CSV 2.0 style against the global SDG DSD (see the module docstring)."""

    identifier = "sdmx-csv"
    verbose_name = "SDMX-CSV 2.0"
    columns = SDMX_COLUMNS

    def render(self) -> ExportFile:
        return ExportFile(f"{self.name}.sdmx.csv", self.media_type, self.chunks())

    def row(self, observation: Observation) -> list[str]:
        codes = observation.dimensions.codes
        counterpart = observation.dimensions.counterpart_area
        dimensions = [
            sdmx_area(counterpart) if name == COUNTERPART and counterpart else codes.get(name, vocabulary.TOTAL_CODE)
            for name in DIMENSION_COLUMNS
        ]
        return [
            "datastructure",
            SDMX_STRUCTURE_ID,
            "I",
            sdmx_frequency(observation.period),
            observation.series.code,
            sdmx_area(observation.area),
            *dimensions,
            observation.period,
            format_value(observation.value),
            observation.unit,
            str(observation.unit_multiplier),
            observation.nature,
            observation.footnote,
            observation.source,
        ]


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
            "dimensions": dimensions,
            "release": observation.release_id,
        }


EXPORTERS: dict[str, type[Exporter]] = {cls.identifier: cls for cls in (TidyCsvExporter, JsonExporter, SdmxCsvExporter)}


def exporter_for(identifier: str) -> type[Exporter]:
    """The exporter class for ``csv``, ``json`` or ``sdmx-csv`` (KeyError with the choices otherwise)."""
    try:
        return EXPORTERS[identifier]
    except KeyError:
        raise KeyError(f"unknown export format {identifier!r}; choose one of {', '.join(EXPORTERS)}") from None
