"""Writes to the statistics store: importing a file as a release, rolling a release back.

The work lives in one module per job (:mod:`~migmon.indicators.loader`, :mod:`~migmon.indicators.releases`);
this module is the public entry point commands, the CLI and other apps call.
"""

from __future__ import annotations

from migmon.indicators.loader import ImportFailed, ImportResult, ImportStatus, file_sha256, release_import
from migmon.indicators.releases import RollbackRefused, RollbackResult, release_rollback

__all__ = [
    "ImportFailed",
    "ImportResult",
    "ImportStatus",
    "RollbackRefused",
    "RollbackResult",
    "file_sha256",
    "release_import",
    "release_rollback",
]
