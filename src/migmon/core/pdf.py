"""Pages as PDF (profiles, scenario sets), printed by WeasyPrint from the same HTML with the print stylesheet.

Why WeasyPrint rather than headless Chromium: it is a Python package (no browser process to start, supervise
and sandbox per request on the server), it honours ``@media print`` and ``@page``, and it only needs Pango,
which Debian ships (``libpango-1.0-0 libpangoft2-1.0-0``). The fetcher reads our own static files from disk
and refuses everything else, so rendering a PDF never makes a network request.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


def _static_file(relative: str) -> str | None:
    found = finders.find(relative)
    if isinstance(found, str):
        return found
    try:
        candidate = staticfiles_storage.path(relative)
    except NotImplementedError:
        return None
    return candidate if os.path.isfile(candidate) else None


class StaticOnlyFetcher(URLFetcher):
    """Serve ``/static/…`` URLs from the static files on disk; refuse any other URL.

    The prefix is ``STATIC_URL`` itself, not ``static("")``: with the production manifest storage the latter
    looks ``""`` up in the manifest and raises, WeasyPrint logs the error and prints the page unstyled.
    Hashed names (``site.1a2b.css``) are found in ``STATIC_ROOT`` through the storage.
    """

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        prefix = settings.STATIC_URL
        path = url.split("://", 1)[-1]
        path = path[path.find("/") :] if "/" in path else path
        if path.startswith(prefix):
            relative = path[len(prefix) :].split("?")[0]
            found = _static_file(relative)
            if found:
                with open(found, "rb") as handle:
                    body = handle.read()
                content_type = "text/css" if relative.endswith(".css") else "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": content_type})
        raise ValueError(f"not fetched: {url}")


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    return HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher()).write_pdf()
