"""Bounds on what one file may cost an import: hostile files are refused by name of the limit they break.

A 4 MB gzip or XLSX can inflate to gigabytes, a CSV can be one 200 MB line, an XML file can nest or repeat
elements without end. Every reader goes through the guards here, so that such a file is refused within seconds
and a few hundred MB, with a one-line message naming the limit and the setting that raises it, never a traceback.

The limits are read from the environment (declared in :mod:`migmon.config.env`, listed in the README) when a file
is opened, so a test or an operator changes them without a restart. Nothing here imports Django: the messages
are translated through :mod:`migmon.importers.i18n`, which the importers' app config points at Django's ``gettext``.
"""

from __future__ import annotations

import gzip
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from migmon.config.env import env_int

from .errors import UnreadableFile
from .i18n import gettext_noop, translate

KB = 1024
MB = 1024 * KB
#: Below this many inflated bytes the ratio is not checked: tiny files compress oddly well.
RATIO_FLOOR_BYTES = 1 * MB


@dataclass(frozen=True, slots=True)
class Limit:
    """One bound: the setting that holds it, its unit and the message template shown when it is broken."""

    setting: str
    unit: str
    message: str

    def value(self) -> int:
        """The bound now in force (the environment, else its default)."""
        return env_int(self.setting)


INFLATED = Limit(
    "MIGMON_IMPORT_MAX_INFLATED_MB",
    "MB",
    gettext_noop("decompressed content larger than %(limit)s MB (limit %(setting)s)"),
)
RATIO = Limit(
    "MIGMON_IMPORT_MAX_RATIO",
    "",
    gettext_noop(
        "content decompresses to more than %(limit)s times its compressed size, like a compression bomb "
        "(limit %(setting)s)"
    ),
)
SHARED_STRINGS = Limit(
    "MIGMON_IMPORT_MAX_SHARED_STRINGS_MB",
    "MB",
    gettext_noop("the workbook's shared strings take %(found)s MB, more than %(limit)s MB (limit %(setting)s)"),
)
LINE = Limit(
    "MIGMON_IMPORT_MAX_LINE_KB",
    "KB",
    gettext_noop("a line longer than %(limit)s KB (limit %(setting)s)"),
)
FIELDS = Limit(
    "MIGMON_IMPORT_MAX_FIELDS",
    "",
    gettext_noop("%(found)s fields in one row, more than %(limit)s (limit %(setting)s)"),
)
XML_DEPTH = Limit(
    "MIGMON_IMPORT_MAX_XML_DEPTH",
    "",
    gettext_noop("XML elements nested more than %(limit)s deep (limit %(setting)s)"),
)
XML_ELEMENT = Limit(
    "MIGMON_IMPORT_MAX_XML_ELEMENT_KB",
    "KB",
    gettext_noop("an XML element of %(found)s KB, larger than %(limit)s KB (limit %(setting)s)"),
)
PROBLEMS = Limit(
    "MIGMON_IMPORT_MAX_PROBLEMS",
    "",
    "",  # not a refusal: the loader keeps this many errors and as many warnings, and counts the rest
)
#: Every limit, in the order of the README's settings table.
LIMITS = (INFLATED, RATIO, SHARED_STRINGS, LINE, FIELDS, XML_DEPTH, XML_ELEMENT, PROBLEMS)

JSON_DEPTH_MESSAGE = gettext_noop("JSON nested too deeply for the parser (more than about %(limit)s levels)")
CR_ONLY_MESSAGE = gettext_noop(
    "lines end with a lone carriage return (CR, old Mac OS); save the file with LF or CR LF line endings"
)


class LimitExceeded(UnreadableFile):
    """A file refused because it breaks a :class:`Limit`; ``limit`` says which one."""

    def __init__(
        self, path: str | Path, broken: Limit | None, message: str, where: str | None = None, **params: object
    ) -> None:
        self.limit = broken
        values = {"setting": broken.setting if broken else "", **params}
        if broken is not None and "limit" not in values:
            values["limit"] = broken.value()
        super().__init__(path, translate(message) % values, where)


def exceeded(path: str | Path, limit: Limit, where: str | None = None, **params: object) -> LimitExceeded:
    """The refusal for a file that breaks ``limit`` (``found=`` names what it had, when known)."""
    return LimitExceeded(path, limit, limit.message, where, **params)


def translated(message: str) -> str:
    """A message of this module in the active language."""
    return translate(message)


class InflateGuard(gzip.GzipFile):
    """A gzip stream that stops with :class:`LimitExceeded` once its output passes the size or ratio limit.

    The ratio is the running one — bytes handed out against compressed bytes consumed so far — so a bomb is
    stopped after a few MB of output (its first compressed block inflates a thousandfold), while a real file
    (about 10 to 1) never comes near it. Counting costs one addition per read.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(filename=str(path), mode="rb")
        self.path = path
        self._inflated = 0
        self._max_size = INFLATED.value() * MB
        self._ratio = RATIO.value()
        self._compressed = cast(BinaryIO, self.fileobj)  # the file itself: its position = bytes consumed

    def _count(self, data: bytes) -> bytes:
        self._inflated += len(data)
        if self._inflated > self._max_size:
            raise exceeded(self.path, INFLATED)
        if self._inflated > RATIO_FLOOR_BYTES and self._inflated > self._ratio * max(1, self._compressed.tell()):
            raise exceeded(self.path, RATIO)
        return data

    def read(self, size: int | None = -1) -> bytes:
        return self._count(super().read(size))

    def read1(self, size: int = -1) -> bytes:
        return self._count(super().read1(size))

    def readline(self, size: int | None = -1) -> bytes:
        return self._count(super().readline(size))


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, inflated on the fly through :class:`InflateGuard` when it is gzip-compressed."""
    with path.open("rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"
    return cast(BinaryIO, InflateGuard(path)) if compressed else path.open("rb")


def gunzip_bytes(path: Path, data: bytes) -> bytes:
    """The whole of a small gzip file's content, through the same guard (for formats parsed in one piece)."""
    if data[:2] != b"\x1f\x8b":
        return data
    with InflateGuard(path) as stream:
        return stream.read()


def check_workbook(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a ZIP/XLSX whose members would inflate past the limits, before any of them is inflated.

    The sizes come from the archive's directory; ``zipfile`` never inflates a member beyond its declared size,
    so a lying directory cannot get round the check. The shared-strings part has its own bound because
    openpyxl holds all of it in memory, as Python strings (about four times its size).
    """
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if total > INFLATED.value() * MB:
        raise exceeded(path, INFLATED)
    ratio = RATIO.value()
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > ratio * max(1, member.compress_size):
            raise exceeded(path, RATIO, member.filename)
        if member.filename.lower().endswith("sharedstrings.xml") and member.file_size > SHARED_STRINGS.value() * MB:
            raise exceeded(path, SHARED_STRINGS, member.filename, found=f"{member.file_size / MB:.0f}")


def check_workbook_file(path: Path) -> None:
    """:func:`check_workbook` for a workbook on disk (damaged archives are left to the reader to report)."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_workbook(path, archive)
    except zipfile.BadZipFile:
        return


def check_fields(path: Path, count: int, where: str) -> None:
    """Refuse a row (or header) of more fields than the limit."""
    if count > FIELDS.value():
        raise exceeded(path, FIELDS, where, found=f"{count:,}")
