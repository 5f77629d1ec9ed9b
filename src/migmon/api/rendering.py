"""Turn API rows into response bodies: JSON (orjson, fast) or CSV."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import orjson
from django.http import HttpResponse

from migmon.core import csv_safe

FIXED_COLUMNS = ("series", "area", "period", "value", "unit")
TRAILING_COLUMNS = ("reporting_type", "nature", "footnote", "source", "release", "provisional", "as_of")


def json_response(data: Any, *, status: int = 200) -> HttpResponse:
    return HttpResponse(
        orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS), status=status, content_type="application/json"
    )


def format_value(value: float | None) -> str:
    """Numbers as the shortest text that reads back to the same float; integers without ``.0``."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def observations_csv(items: Iterable[dict[str, Any]]) -> str:
    """One row per observation; each dimension present gets its own column (upper-case DSD name)."""
    items = list(items)
    dimension_columns = sorted({name for item in items for name in item["dimensions"]})
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer)
    writer.writerow([*FIXED_COLUMNS, *dimension_columns, *TRAILING_COLUMNS])
    for item in items:
        writer.writerow(
            [
                item["series"],
                item["area"],
                item["period"],
                format_value(item["value"]),
                item["unit"],
                *(item["dimensions"].get(name, "") for name in dimension_columns),
                item["reporting_type"],
                item["nature"],
                item["footnote"],
                item["source"],
                item["release"],
                "true" if item["provisional"] else "false",
                item["as_of"].isoformat() if item["as_of"] else "",
            ]
        )
    return buffer.getvalue()


def csv_response(text: str, *, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
