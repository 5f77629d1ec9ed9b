"""Writes to the statistics store: importing a file as a release, rolling a release back.

The work lives in one module per job (:mod:`~migmon.indicators.loader`, :mod:`~migmon.indicators.releases`);
this module is the public entry point commands, the CLI and other apps call. A file is imported as
``release_import(source=FileSource(path))``; records computed elsewhere as a :class:`RecordSource`.
"""

from __future__ import annotations

from migmon.importers.sources import FileSource, RecordSource, Source
from migmon.indicators.loader import ImportFailed, ImportResult, ImportStatus, release_import
from migmon.indicators.releases import RollbackRefused, RollbackResult, release_rollback

__all__ = [
    "FileSource",
    "ImportFailed",
    "ImportResult",
    "ImportStatus",
    "RecordSource",
    "RollbackRefused",
    "RollbackResult",
    "Source",
    "release_import",
    "release_rollback",
]
