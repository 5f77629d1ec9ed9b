"""Serve an explicit list of files from node_modules/ as static files under ``vendor/``.

Third-party front-end code is installed from the npm registry (package.json + lockfile) and served by the
app itself — never committed, never loaded from a CDN. Listing files one by one (``settings.VENDOR_FILES``)
keeps collectstatic small: the packages ship megabytes of sources and type definitions we do not serve.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Error
from django.core.files.storage import FileSystemStorage


def vendor_files() -> dict[str, Path]:
    """Static path (``vendor/vega.min.js``) → file in node_modules."""
    root = Path(settings.NODE_MODULES_DIR)
    return {f"vendor/{name}": root / relative for name, relative in settings.VENDOR_FILES.items()}


class NodeModulesFinder(BaseFinder):
    """A staticfiles finder for the whitelisted npm files."""

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        missing = [str(path) for path in vendor_files().values() if not path.is_file()]
        if missing:
            return [
                Error(
                    f"Front-end packages are not installed: {', '.join(missing)}",
                    hint="Run `npm ci` (make does it) to install them from package-lock.json.",
                    id="migmon.E001",
                )
            ]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:  # the stubs overload on find_all
        match = vendor_files().get(path)
        if match is None or not match.is_file():
            return [] if find_all else ""
        return [str(match)] if find_all else str(match)

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for static_path, file_path in vendor_files().items():
            if file_path.is_file():
                storage = FileSystemStorage(location=str(file_path.parent))
                storage.prefix = str(Path(static_path).parent)  # type: ignore[attr-defined]
                yield file_path.name, storage
