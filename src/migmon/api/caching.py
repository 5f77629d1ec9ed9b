"""HTTP caching of API answers: the domain's data version (:func:`migmon.indicators.selectors.data_version`)
handed to :mod:`migmon.core.http_cache`.

It keys the ETag (and so the 304s) and the answers :mod:`migmon.core.answer_store` replays; answers read from
framework tables that releases do not version add those tables' row stamps.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db.models import Count, Max, Model
from django.http import HttpRequest, HttpResponse

from migmon.core.http_cache import Version, conditional_answer
from migmon.indicators.selectors import data_version


def table_stamp(model: type[Model]) -> str:
    """Changes when rows of a framework table are added or removed (they are not versioned by releases), and
    when one is edited if the table keeps an ``updated_at`` (GCM links a data manager edits)."""
    edited = {"edited": Max("updated_at")} if any(f.name == "updated_at" for f in model._meta.fields) else {}
    row = model._default_manager.aggregate(n=Count("pk"), last=Max("pk"), **edited)
    return f"{model.__name__}:{row['n']}:{row['last']}" + (f":{row['edited']}" if row.get("edited") else "")


def cached_response(
    request: HttpRequest, render: Callable[[], HttpResponse], *, tables: tuple[type[Model], ...] = ()
) -> HttpResponse:
    """Answer 304 when the client has this version, else ``render()`` (see :mod:`migmon.core.http_cache`).

    The version is the data version, plus the row counts of ``tables`` for answers read from framework tables
    that releases do not version. ``render`` may raise ``ApiError`` or the domain's ``QueryError`` for bad input.
    """

    def version() -> Version:
        current = data_version()
        if not tables:
            return Version(tag=current.tag, modified=current.modified)
        stamps = ":".join(table_stamp(model) for model in tables)
        return Version(tag=f"{current.tag}:{stamps}", modified=current.modified)

    return conditional_answer(request, version=version, render=render, max_age=settings.MIGMON_API_MAX_AGE)
