"""Reading printed PDFs in tests: WeasyPrint compresses its streams, so inflate them to find link annotations."""

from __future__ import annotations

import re
import zlib


def pdf_text(document: bytes) -> bytes:
    """The PDF with its compressed streams inflated, so link annotations (``/URI (…)``) can be read."""
    parts = [document]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", document, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)
