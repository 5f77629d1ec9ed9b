"""Readers for IOM Missing Migrants Project files: the "allData" XLSX, the website CSV export and the API JSON.

The three formats carry the same incidents under different column names and with different quirks (see each
``data/iom-missing-migrants-*/PROVENANCE.md``). Each reader maps its columns onto one :class:`IncidentRecord`;
rows that share an incident id (split incidents: the website CSV's ``Main ID``, the API's ``web_id``) are
summed into one record, never de-duplicated. Values that cannot be read come out as :class:`Problem` items
naming the row, column and value. Nothing here touches the database.

Which reader reads a file is decided in :mod:`migmon.importers.detect` (``missing_migrants_reader_for``), beside
the observation readers, so that ``migmon import`` tells the two kinds of file apart from their content.

Which file is newer is decided by :func:`export_date_of`: the download timestamp IOM writes into the website
export's file name when there is one, otherwise the latest incident date in the file (a lower bound of when it
was exported). Callers that know better (the bundled files' PROVENANCE) pass the date explicitly.
"""

from __future__ import annotations

import html
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, ClassVar

from . import limits, plausible
from .base import WorkbookPeek
from .csv_source import CsvRow, CsvSource
from .errors import UnreadableFile
from .records import Problem, SourceLocation, error, warning

#: IOM's cause-of-death categories. Several may be comma-joined in one cell, and one contains commas itself.
CAUSE_CATEGORIES = (
    "Harsh environmental conditions / lack of adequate shelter, food, water",
    "Vehicle accident / death linked to hazardous transport",
    "Sickness / lack of access to adequate healthcare",
    "Accidental death",
    "Mixed or unknown",
    "Drowning",
    "Violence",
)

DATE_PRECISIONS = ("day", "month", "year")

_ID = re.compile(r"(\d{4})\.MMP\d+")
#: IOM joins several values of one cell with a bare comma ("Mediterranean,North America"); a comma followed by a
#: space belongs to a value ("China, Hong Kong Special Administrative Region").
_LISTED = re.compile(r",(?! )")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_TAG = re.compile(r"<[^>]{0,200}>")
_SPACE = re.compile(r"\s+")
_EXPORT_STAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})--(\d{2})_(\d{2})_(\d{2})")
_APPROXIMATE = re.compile(r"\b(unspecified|approximate|approximately|somewhere)\b", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}

COUNT_FIELDS = ("dead", "missing", "survivors", "females", "males", "children")


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentRecord:
    """One incident as a file describes it, its split rows already summed.

    Counts are ``None`` when not reported (an empty cell is not zero). ``total`` is derived, never read: where a
    file has a total column the reader checks it against dead + missing instead. ``parts`` keeps each source
    row's own id, date, place, coordinates, country, region, route, causes and counts when the incident was split
    over several rows (empty when the incident is one row).
    """

    incident_id: str
    location: SourceLocation
    incident_type: str = ""
    year: int | None = None
    date: date | None = None
    date_precision: str = "day"
    region: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    coordinates_approximate: bool = False
    place: str = ""
    dead: int | None = None
    missing: int | None = None
    survivors: int | None = None
    females: int | None = None
    males: int | None = None
    children: int | None = None
    causes: tuple[str, ...] = ()
    route: str = ""
    origin_countries: tuple[str, ...] = ()
    origin_region: str = ""
    origin_presumed: bool = False
    unsd_grouping: str = ""
    information_source: str = ""
    urls: tuple[str, ...] = ()
    source_quality: str = ""
    parts: tuple[dict[str, Any], ...] = ()
    #: Every region, route and country of incident the record lists (each its own filter value), in file order.
    regions: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        """Dead plus missing, an unreported count counting as zero (IOM's rule for its own total column)."""
        return (self.dead or 0) + (self.missing or 0)


@dataclass
class IncidentFile:
    """Everything read from one file: its incidents, its problems, and when it was exported (with the basis)."""

    path: Path
    format_name: str
    reader_version: str
    records: list[IncidentRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    exported_at: datetime | None = None
    exported_at_basis: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]


# --------------------------------------------------------------------------------------------------- values


class _Row:
    """One source row's cells by column name, with value parsers that record problems instead of raising."""

    def __init__(self, location: SourceLocation, cells: dict[str, Any], problems: list[Problem]) -> None:
        self.location = location
        self.cells = cells
        self.problems = problems

    def raw(self, column: str | None) -> Any:
        return None if column is None else self.cells.get(column)

    def text(self, column: str | None) -> str:
        """Cell as clean text: HTML tags and entities removed, line breaks and runs of spaces collapsed."""
        value = self.raw(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = html.unescape(_TAG.sub(" ", str(value)))
        return _SPACE.sub(" ", text.replace("\ufeff", "")).strip()

    def count(self, column: str | None) -> int | None:
        """A head count: empty → None; ``1,022`` (thousands separator) read as 1022 with a warning."""
        value = self.raw(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            if float(value).is_integer():
                return self._signed(column, value, int(value))
            self.problems.append(error(self.location, column, value, "a count must be a whole number"))
            return None
        text = str(value).strip()
        if re.fullmatch(r"-?\d+", text):
            return self._signed(column, text, int(text))
        if _THOUSANDS.fullmatch(text):
            number = int(text.replace(",", ""))
            rule = f"thousands separator in a count; read as {number}"
            self.problems.append(warning(self.location, column, text, rule))
            return number
        if re.fullmatch(r"-?\d+\.0+", text):
            return self._signed(column, text, int(text.split(".")[0]))
        self.problems.append(error(self.location, column, text, "a count must be a whole number (or empty)"))
        return None

    def _signed(self, column: str | None, value: object, number: int) -> int:
        """Negative counts are IOM's corrections (missing persons later found dead); kept, with a warning."""
        if number < 0:
            rule = "negative count: IOM's correction of an earlier figure (its totals include it); kept"
            self.problems.append(warning(self.location, column, value, rule))
        return number

    def coordinates(self, column: str | None) -> tuple[float | None, float | None]:
        """``"lat, lon"`` in one text field → two floats, checked against the valid ranges."""
        text = self.text(column)
        if not text:
            return None, None
        parts = [part.strip() for part in re.split(r"[,;]\s*|\s+", text) if part.strip()]
        try:
            latitude, longitude = (float(part) for part in parts)
        except ValueError:
            self.problems.append(error(self.location, column, text, 'coordinates must be "latitude, longitude"'))
            return None, None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            rule = "coordinates out of range (latitude −90…90, longitude −180…180)"
            self.problems.append(error(self.location, column, text, rule))
            return None, None
        return latitude, longitude

    def causes(self, column: str | None) -> tuple[str, ...]:
        """Split the comma-joined categories, knowing that one category has commas of its own."""
        text = self.text(column)
        found: list[tuple[int, str]] = []
        rest = text
        for category in CAUSE_CATEGORIES:
            position = rest.find(category)
            if position >= 0:
                found.append((position, category))
                rest = rest[:position] + " " * len(category) + rest[position + len(category) :]
        # Older API files carry free-text causes ("Car Accident"): kept as written, one per comma-separated piece.
        for piece in (piece.strip() for piece in rest.split(",")):
            if piece:
                found.append((text.find(piece), piece))
        return tuple(category for _, category in sorted(found))

    def listing(self, column: str | None) -> tuple[str, ...]:
        return tuple(piece.strip() for piece in self.text(column).split(",") if piece.strip())

    def quality(self, column: str | None) -> str:
        return ",".join(self.listing(column))


def split_listed(text: str) -> tuple[str, ...]:
    """The values of a cell IOM merged from several rows: ``"Mediterranean,North America"`` → two regions.

    A comma followed by a space is part of a value (``"China, Hong Kong Special Administrative Region"``), so
    a single value is never cut; repeated values are kept once.
    """
    return tuple(dict.fromkeys(piece.strip() for piece in _LISTED.split(text or "") if piece.strip()))


def _incident_id(row: _Row, column: str) -> str | None:
    """The incident id without a byte-order mark; an id that is not ``YYYY.MMPnnnn`` is an error."""
    raw = row.raw(column)
    text = "" if raw is None else str(raw)
    if text.startswith("\ufeff"):
        row.problems.append(warning(row.location, column, text, "byte-order mark (U+FEFF) removed from the id"))
    text = text.replace("\ufeff", "").strip()
    if not _ID.fullmatch(text):
        row.problems.append(error(row.location, column, raw, "not an incident id of the form YYYY.MMPnnnn"))
        return None
    return text


def _origin(text: str) -> tuple[str, bool]:
    """Region of origin without IOM's ``(P)`` (presumed) marks, and whether any was there."""
    presumed = "(P)" in text
    return _SPACE.sub(" ", text.replace("(P)", "")).replace(" ,", ",").strip(), presumed


def _approximate(place: str) -> bool:
    """IOM places a point at a representative spot when the place is unspecified ("Unspecified location …")."""
    return bool(_APPROXIMATE.search(place))


@dataclass
class _Fields:
    """Column names of one format for each record field (``None``: the format does not have it)."""

    incident_id: str
    part_id: str | None
    incident_type: str | None
    region: str
    date: str
    year: str | None
    month: str | None
    dead: str
    missing: str
    total: str | None
    survivors: str
    females: str
    males: str
    children: str
    origin_countries: str | None
    origin_region: str | None
    causes: str
    country: str | None
    route: str
    place: str
    coordinates: str
    unsd_grouping: str
    information_source: str
    urls: str
    source_quality: str


# --------------------------------------------------------------------------------------------------- readers


class IncidentReader(ABC):
    """Reads one Missing Migrants format. :meth:`read` does the shared work; :meth:`rows` is the format's part."""

    format_name: ClassVar[str]
    #: 2: a split incident's parts carry their own region, route, causes and every count. A file imported by an
    #: older version is read again (see ``incidents.imports``), so the register gains what the reader now keeps.
    #: 3: a URL cell with several space-separated addresses gives one URL each, and only http(s) URLs are kept.
    version: ClassVar[str] = "3"
    fields: ClassVar[_Fields]

    @classmethod
    @abstractmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        """Whether the first bytes (decompressed) are this format."""

    @classmethod
    def sniff_workbook(cls, peek: WorkbookPeek) -> bool:
        """Whether a spreadsheet (sheet names and first rows) is this format; only the XLSX format says yes."""
        return False

    @abstractmethod
    def rows(self, path: Path, problems: list[Problem]) -> Iterator[tuple[SourceLocation, dict[str, Any]]]:
        """Each data row as (where it is, cells by column name); raise UnreadableFile for whole-file failures."""

    def parse_date(self, row: _Row) -> tuple[date | None, str]:
        """The incident date and its precision (``day``/``month``/``year``); ``(None, "year")`` if only the year."""
        text = row.text(self.fields.date)
        if text and text != "0":
            try:
                return date.fromisoformat(text[:10]), "day"
            except ValueError:
                row.problems.append(error(row.location, self.fields.date, text, "date must be YYYY-MM-DD"))
                return None, "year"
        if text == "0":
            row.problems.append(warning(row.location, self.fields.date, text, "date 0 read as unknown day"))
        return None, "year"

    def read(self, path: str | Path) -> IncidentFile:
        """Read, parse and merge one file; problems are collected, never raised (except for the whole file)."""
        path = Path(path)
        if not path.is_file():
            raise UnreadableFile(path, "no such file")
        if path.stat().st_size == 0:
            raise UnreadableFile(path, "empty file (0 bytes): nothing to import")
        result = IncidentFile(path=path, format_name=self.format_name, reader_version=self.version)
        parts: dict[str, list[tuple[IncidentRecord, str]]] = {}
        for location, cells in self.rows(path, result.problems):
            row = _Row(location, cells, result.problems)
            record, part_id = self._record(row)
            if record is not None:
                parts.setdefault(record.incident_id, []).append((record, part_id))
        result.records = [_merge(group) for group in parts.values()]
        result.exported_at, result.exported_at_basis = export_date_of(path, result.records)
        return result

    def _record(self, row: _Row) -> tuple[IncidentRecord | None, str]:
        f = self.fields
        before = len(row.problems)
        incident_id = _incident_id(row, f.incident_id)
        when, precision = self.parse_date(row)
        year = row.count(f.year) if f.year else None
        if when is not None:
            year = year or when.year
            if year != when.year:
                rule = f"year {year} differs from the date's year {when.year}"
                row.problems.append(error(row.location, f.year, year, rule))
        if when is None and year is None and incident_id:
            year = int(incident_id[:4])
            rule = f"no date and no year; year {year} taken from the incident id"
            row.problems.append(warning(row.location, f.date, row.raw(f.date), rule))
        if when is None and f.month and row.text(f.month).lower() in _MONTHS and year:
            when, precision = date(year, _MONTHS[row.text(f.month).lower()], 1), "month"
        dead, missing = row.count(f.dead), row.count(f.missing)
        if f.total:
            total = row.count(f.total)
            if total is not None and total != (dead or 0) + (missing or 0):
                rule = f"total {total} is not dead + missing ({(dead or 0) + (missing or 0)})"
                row.problems.append(error(row.location, f.total, row.raw(f.total), rule))
        counts = {"dead": dead, "missing": missing}
        counts.update((name, row.count(getattr(f, name))) for name in ("survivors", "females", "males", "children"))
        for problem in plausible.count_problems(counts):
            column = getattr(f, problem.field)
            row.problems.append(error(row.location, column, row.raw(column), problem.rule))
        urls, not_urls = plausible.split_urls(row.text(f.urls))
        for piece in not_urls:
            row.problems.append(warning(row.location, f.urls, piece, plausible.DROPPED_URL_RULE))
        latitude, longitude = row.coordinates(f.coordinates)
        origin_region, presumed = _origin(row.text(f.origin_region))
        place = row.text(f.place)
        region, route, country = row.text(f.region), row.text(f.route), row.text(f.country)
        if incident_id is None or any(p.severity == "error" for p in row.problems[before:]):
            return None, ""
        record = IncidentRecord(
            incident_id=incident_id,
            location=row.location,
            incident_type=row.text(f.incident_type),
            year=year,
            date=when,
            date_precision=precision,
            region=region,
            country=country,
            latitude=latitude,
            longitude=longitude,
            coordinates_approximate=_approximate(place),
            place=place,
            dead=dead,
            missing=missing,
            survivors=counts["survivors"],
            females=counts["females"],
            males=counts["males"],
            children=counts["children"],
            causes=row.causes(f.causes),
            route=route,
            regions=split_listed(region),
            routes=split_listed(route),
            countries=split_listed(country),
            origin_countries=row.listing(f.origin_countries),
            origin_region=origin_region,
            origin_presumed=presumed,
            unsd_grouping=row.text(f.unsd_grouping),
            information_source=row.text(f.information_source),
            urls=tuple(dict.fromkeys(urls)),
            source_quality=row.quality(f.source_quality),
        )
        return record, row.text(f.part_id) or incident_id


def _add(values: Iterable[int | None]) -> int | None:
    present = [value for value in values if value is not None]
    return sum(present) if present else None


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def _merge(group: list[tuple[IncidentRecord, str]]) -> IncidentRecord:
    """One incident from its rows: counts summed, lists united, the first row's place and date kept.

    Each row also stays as one of ``parts`` with its own date, place, country, region, route, causes and
    counts: IOM splits an incident when its victims differ in any of those (2025.MMP0956: one death by
    sickness in hospital, ten missing at sea), and every total counts a part where the part says.
    """
    first = group[0][0]
    if len(group) == 1:
        return first
    records = [record for record, _ in group]
    parts = tuple(
        {
            "id": part_id,
            "row": record.location.row,
            "date": record.date.isoformat() if record.date else None,
            "country": record.country,
            "place": record.place,
            "latitude": record.latitude,
            "longitude": record.longitude,
            "region": record.region,
            "route": record.route,
            "causes": list(record.causes),
            **{name: getattr(record, name) for name in COUNT_FIELDS},
        }
        for record, part_id in group
    )
    dates = [record.date for record in records if record.date is not None]
    counts = {name: _add(getattr(record, name) for record in records) for name in COUNT_FIELDS}
    return IncidentRecord(
        incident_id=first.incident_id,
        location=first.location,
        incident_type=first.incident_type or "Split Incident",
        year=first.year,
        date=min(dates) if dates else None,
        date_precision=first.date_precision,
        region=first.region,
        country=first.country,
        latitude=first.latitude,
        longitude=first.longitude,
        coordinates_approximate=first.coordinates_approximate,
        place=first.place,
        causes=_union(record.causes for record in records),
        route=first.route,
        origin_countries=_union(record.origin_countries for record in records),
        origin_region=first.origin_region,
        origin_presumed=any(record.origin_presumed for record in records),
        unsd_grouping=first.unsd_grouping,
        information_source=first.information_source,
        urls=_union(record.urls for record in records),
        source_quality=first.source_quality,
        parts=parts,
        regions=_union(record.regions for record in records),
        routes=_union(record.routes for record in records),
        countries=_union(record.countries for record in records),
        **counts,
    )


class AllDataXlsxReader(IncidentReader):
    """The "Global figures allData" workbook: one sheet, one row per incident (splits already merged by IOM)."""

    format_name = "iom-mmp-alldata-xlsx"
    fields = _Fields(
        incident_id="Main ID",
        part_id=None,
        incident_type="Incident Type",
        region="Region of Incident",
        date="Incident Date",
        year="Incident Year",
        month="Month",
        dead="Number of Dead",
        missing="Minimum Estimated Number of Missing",
        total="Total Number of Dead and Missing",
        survivors="Number of Survivors",
        females="Number of Females",
        males="Number of Males",
        children="Number of Children",
        origin_countries="Country of Origin",
        origin_region="Region of Origin",
        causes="Cause of Death",
        country="Country of Incident",
        route="Migration Route",
        place="Location of Incident",
        coordinates="Coordinates",
        unsd_grouping="UNSD Geographical Grouping",
        information_source="Information Source",
        urls="URL",
        source_quality="Source Quality",
    )

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        return False  # a workbook is recognised by its header row (sniff_workbook), not by its first bytes

    @classmethod
    def sniff_workbook(cls, peek: WorkbookPeek) -> bool:
        """The first sheet's header row has IOM's id, incident type and total columns."""
        if not peek.sheet_names:
            return False
        rows = peek.first_rows.get(peek.sheet_names[0], ())
        header = {str(cell).strip() for cell in rows[0] if cell is not None} if rows else set()
        return {"Main ID", "Incident Type", "Total Number of Dead and Missing"} <= header

    def rows(self, path: Path, problems: list[Problem]) -> Iterator[tuple[SourceLocation, dict[str, Any]]]:
        import openpyxl  # imported here: only this format needs it

        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise UnreadableFile(path, f"not a readable XLSX workbook ({exc.__class__.__name__})") from None
        try:
            sheet = workbook.worksheets[0]
            values = sheet.iter_rows(values_only=True)
            header = [str(cell).strip() if cell is not None else "" for cell in next(values, ())]
            _require(path, header, self.fields)
            for number, cells in enumerate(values, start=2):
                if all(cell is None for cell in cells):
                    continue
                yield SourceLocation(path.name, number), dict(zip(header, cells, strict=False))
        finally:
            workbook.close()


class WebsiteCsvReader(IncidentReader):
    """The website's "download" CSV (2026): Drupal dates, no total column, split rows sharing a ``Main ID``."""

    format_name = "iom-mmp-website-csv"
    fields = _Fields(
        incident_id="Main ID",
        part_id="Incident ID",
        incident_type=None,
        region="Region",
        date="Incident Date",
        year="Year",
        month="Reported Month",
        dead="Number Dead",
        missing="Minimum Estimated Number of Missing",
        total=None,
        survivors="Number of Survivors",
        females="Number of Females",
        males="Number of Males",
        children="Number of Children",
        origin_countries="Country of Origin",
        origin_region="Region of Origin",
        causes="Cause of Death",
        country=None,
        route="Migration route",
        place="Location of death",
        coordinates="Coordinates",
        unsd_grouping="UNSD Geographical Grouping",
        information_source="Information Source",
        urls="URL",
        source_quality="Source Quality",
    )

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
        return b"Main ID" in first and b"Location of death" in first

    def parse_date(self, row: _Row) -> tuple[date | None, str]:
        """``Thu, 01/01/2026 - 12:00``: weekday, month/day/year, a fixed time IOM adds."""
        text = row.text(self.fields.date)
        if not text:
            return None, "year"
        try:
            return datetime.strptime(text, "%a, %m/%d/%Y - %H:%M").date(), "day"  # noqa: DTZ007 - a date only
        except ValueError:
            rule = 'date must look like "Thu, 01/01/2026 - 12:00" (month/day/year)'
            row.problems.append(error(row.location, self.fields.date, text, rule))
            return None, "year"

    def rows(self, path: Path, problems: list[Problem]) -> Iterator[tuple[SourceLocation, dict[str, Any]]]:
        source = CsvSource(path, required=_columns(self.fields))
        for item in source.rows():
            if isinstance(item, CsvRow):
                yield SourceLocation(path.name, item.number), dict(zip(source.header, item.cells, strict=True))
            else:
                problems.append(item)


class ApiJsonReader(IncidentReader):
    """The IOM API's per-year JSON (plain or gzip): an array of flat objects whose values are all strings."""

    format_name = "iom-mmp-api-json"
    fields = _Fields(
        incident_id="web_id",
        part_id=None,
        incident_type=None,
        region="region",
        date="reported_date",
        year=None,
        month=None,
        dead="number_dead",
        missing="number_missing",
        total="total_dead_and_missing",
        survivors="number_of_survivors",
        females="number_of_female",
        males="number_of_male",
        children="number_of_children",
        origin_countries="country_origin",
        origin_region="region_origin",
        causes="cause_death",
        country="country_of_incident",
        route="migration_route",
        place="location_description",
        coordinates="location_coodinates",
        unsd_grouping="unsd_geographic_grouping",
        information_source="information_source",
        urls="url",
        source_quality="source_quality",
    )

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        return head.lstrip().startswith(b"[") and b'"web_id"' in head

    def rows(self, path: Path, problems: list[Problem]) -> Iterator[tuple[SourceLocation, dict[str, Any]]]:
        try:
            data = json.loads(_read_bytes(path).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, OSError, EOFError, RecursionError) as exc:
            raise UnreadableFile(path, f"not valid JSON ({exc})") from None
        if not isinstance(data, list):
            raise UnreadableFile(path, "expected a JSON array of incident objects")
        required = {"web_id", "number_dead", "number_missing"}
        for number, item in enumerate(data, start=1):
            location = SourceLocation(path.name, element=f"[{number - 1}]", row=number)
            if not isinstance(item, dict) or not required <= item.keys():
                rule = f"expected an object with {', '.join(sorted(required))}"
                problems.append(error(location, None, str(item)[:80], rule))
                continue
            yield location, item


READERS: tuple[type[IncidentReader], ...] = (AllDataXlsxReader, WebsiteCsvReader, ApiJsonReader)


def _columns(fields: _Fields) -> list[str]:
    return [value for value in vars(fields).values() if value]


def _require(path: Path, header: list[str], fields: _Fields) -> None:
    missing = [name for name in _columns(fields) if name not in header]
    if missing:
        raise UnreadableFile(path, f"missing column(s) {', '.join(missing)}; found {', '.join(header)}", "row 1")


def _read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return limits.gunzip_bytes(path, data)


def export_date_of(path: Path, records: Iterable[IncidentRecord]) -> tuple[datetime | None, str]:
    """When a file was exported, and on what basis: the download timestamp in the name, else the latest date."""
    stamp = _EXPORT_STAMP.search(path.name)
    if stamp:
        year, month, day, hour, minute, second = (int(part) for part in stamp.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC), "download timestamp in the file name"
    dates = [record.date for record in records if record.date is not None]
    if not dates:
        return None, "no date in the file"
    latest = max(dates)
    return datetime.combine(latest, time(23, 59, 59), tzinfo=UTC), "latest incident date in the file"
