"""HTTP caching for the API: a cheap data version, ETag/Last-Modified, 304s and a per-version response cache.

Everything the API serves from the statistics store changes only when a release is imported or rolled back,
so one aggregate over the (small) release table identifies the state of the data. It keys the ETag and the
server-side cache of rendered bodies: a repeat call costs that one query and a cache lookup.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from migmon.indicators.models import Release

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class DataVersion:
    """The state of the statistics store: changes whenever a release is added or rolled back."""

    tag: str
    modified: datetime


def _as_datetime(value: datetime | str | None) -> datetime | None:
    """Raw SQL gives datetimes on PostgreSQL and ISO text on SQLite."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(value)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


_sqlite_memo: tuple[tuple[object, ...], DataVersion] | None = None


def sqlite_files_state() -> tuple[object, ...] | None:
    """(mtime, size) of the SQLite database file and its WAL, or None when not on a SQLite file.

    Every committed write changes one of them (WAL mode appends to ``-wal``; a checkpoint rewrites the main
    file), so while they are unchanged the data version cannot have changed either.
    """
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    state: list[object] = []
    for suffix in ("", "-wal"):
        try:
            stat = os.stat(name + suffix)
        except FileNotFoundError:
            state.append(None)
        else:
            state.append((stat.st_mtime_ns, stat.st_size))
    return tuple(state)


def data_version() -> DataVersion:
    """The state of the releases: one aggregate query (ids, import and rollback times, count).

    Written as plain SQL: it runs on every API request and profile view, and the ORM's aggregate compilation
    costs more than the query itself. On a SQLite file the answer is reused while the database files are
    unchanged, which spares opening a connection per request (SQLite connections are not kept between
    requests); the files are read before the query, so a write racing it only causes one more query.
    """
    global _sqlite_memo
    state = sqlite_files_state()
    if state is not None and _sqlite_memo is not None and _sqlite_memo[0] == state:
        return _sqlite_memo[1]
    version = _query_data_version()
    if state is not None:
        _sqlite_memo = (state, version)
    return version


def _query_data_version() -> DataVersion:
    table = connection.ops.quote_name(Release._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id), COUNT(*), MAX(imported_at), MAX(rolled_back_at) FROM {table}")  # noqa: S608
        last_id, count, imported, rolled_back = cursor.fetchone()
    times = [t for t in (_as_datetime(imported), _as_datetime(rolled_back)) if t is not None]
    modified = max(times) if times else EPOCH
    tag = f"{last_id or 0}.{count}.{int(modified.timestamp() * 1000)}"
    return DataVersion(tag=tag, modified=modified.replace(microsecond=0))


def _etag(version: DataVersion, request: HttpRequest, extra: str = "") -> str:
    """A strong ETag from the data version and the exact query (path + sorted parameters)."""
    query = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
    digest = hashlib.blake2b(repr((version.tag, request.path, query, extra)).encode(), digest_size=12).hexdigest()
    return quote_etag(digest)


def _not_modified(request: HttpRequest, etag: str, modified: datetime | None) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    if modified is not None:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        return since is not None and int(modified.timestamp()) <= since
    return False


def _stamp(response: HttpResponse, etag: str, modified: datetime | None) -> HttpResponse:
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
    response["Cache-Control"] = f"public, max-age={settings.MIGMON_API_MAX_AGE}"
    response["Vary"] = "Accept-Encoding"
    return response


def cached_response(request: HttpRequest, render: Callable[[], HttpResponse], *, extra: str = "") -> HttpResponse:
    """Answer 304 when the client has this version, else serve the rendered body from cache or ``render()``.

    Only successful responses are cached; ``render`` may raise ``ApiError`` for bad input.
    """
    version = data_version()
    etag = _etag(version, request, extra)
    if _not_modified(request, etag, version.modified):
        return _stamp(HttpResponseNotModified(), etag, version.modified)
    key = f"migmon.api:{etag}"
    hit = cache.get(key)
    if hit is not None:
        body, content_type, headers = hit
        response = HttpResponse(body, content_type=content_type)
        for name, value in headers:
            response[name] = value
    else:
        response = render()
        if response.status_code == 200:
            kept = [(name, response[name]) for name in ("Link", "Content-Disposition") if response.has_header(name)]
            cache.set(key, (response.content, response["Content-Type"], kept), settings.MIGMON_API_CACHE_SECONDS)
    return _stamp(response, etag, version.modified)
