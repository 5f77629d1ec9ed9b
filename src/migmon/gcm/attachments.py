"""Limits on uploaded attachments (a pledge's supporting document, a review's document): size and type.

The type is judged on the file's first bytes as well as its name, so a renamed executable is refused even when
it is called ``report.pdf``. The limit is ``MIGMON_GCM_ATTACHMENT_MAX_BYTES`` (5 MiB unless set).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

#: Allowed suffix → the signatures its content may start with (DOCX, XLSX and ODT are ZIP containers).
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".csv": (),
    ".txt": (),
}


def max_bytes() -> int:
    return int(getattr(settings, "MIGMON_GCM_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def validate_attachment(upload: Any) -> None:
    """Refuse a file that is too large or whose name or content is not one of the allowed types."""
    name = str(getattr(upload, "name", "") or "")
    size = int(getattr(upload, "size", 0) or 0)
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("%(name)s is %(size)s bytes; the limit is %(limit)s bytes."),
            code="too_large",
            params={"name": PurePath(name).name, "size": size, "limit": limit},
        )
    suffix = PurePath(name).suffix.lower()
    if suffix not in SIGNATURES:
        raise ValidationError(
            _("%(name)s: only %(types)s files are accepted."),
            code="bad_type",
            params={"name": PurePath(name).name, "types": ", ".join(sorted(SIGNATURES))},
        )
    signatures = SIGNATURES[suffix]
    head = _head(upload)
    if signatures and not head.startswith(signatures):
        raise ValidationError(
            _("%(name)s does not hold what its name says (%(suffix)s)."),
            code="bad_content",
            params={"name": PurePath(name).name, "suffix": suffix},
        )
    if not signatures and b"\x00" in head:
        raise ValidationError(
            _("%(name)s does not hold what its name says (%(suffix)s)."),
            code="bad_content",
            params={"name": PurePath(name).name, "suffix": suffix},
        )


def _head(upload: Any) -> bytes:
    """The first bytes of an upload, leaving its position where it was."""
    handle = getattr(upload, "file", upload)
    try:
        position = handle.tell()
        handle.seek(0)
        head = handle.read(16)
        handle.seek(position)
    except (AttributeError, OSError, ValueError):
        return b""
    return head if isinstance(head, bytes) else head.encode()
