"""Stored API answers served before Django's handler: the answer path of ``make run``.

:class:`migmon.core.answer_store.AnswerReplayMiddleware` replays a finished answer while its data is unchanged,
but only after Django's WSGI handler has built a request, sent ``request_started``, entered the middleware, and
before it sends ``request_finished`` and builds a new response object with its headers: about four fifths of
what a replayed answer cost (220 µs of a 1,000-row answer, measured in-process). :class:`ReplayingApplication`
wraps the WSGI application and does, for a request that can only meet a stored answer, what that middleware
does and nothing else: it counts the request against the client's limit, asks the data version, and writes the
stored status, the headers the API's HTTP layer gives a GET answer (computed once per stored answer by that
layer's own :func:`~migmon.api.middleware.finished`) and the stored bytes.

Whatever else comes down to Django, which answers it as before:

* a request that does not find a stored answer, or finds one whose data version has changed (it is rebuilt);
* a client over its limit (the request is counted once: the count is kept in the environ, which Django's
  request carries on, so the answer store's 429 follows);
* a conditional request (``If-None-Match``…: the 304 or 412 is Django's), and a request with a cookie or an
  ``Authorization`` header (read scope, sessions and tokens are the middleware's business);
* a path that is not plain ASCII (Django re-decodes those), a method other than GET and HEAD;
* a database error while counting or reading the version (Django's outage answer follows).

The database connections are tidied as Django's request signals would: an unusable or expired connection is
closed after the request (``CONN_MAX_AGE`` and ``CONN_HEALTH_CHECKS`` keep their meaning).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import DatabaseError, connections

from migmon.api.middleware import PREFIX, finished
from migmon.core import rate_limit
from migmon.core.answer_store import STORE, StoredAnswer, answer_key
from migmon.core.db_router import anonymous_read_scope

WsgiApplication = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Headers = tuple[tuple[str, str], ...]

#: Request headers that send a request down to Django (see the module docstring).
LEFT_TO_DJANGO = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_COOKIE",
    "HTTP_AUTHORIZATION",
)


def stored_answer_for(environ: dict[str, Any]) -> StoredAnswer | None:
    """The stored answer this request may be given as it is, or None when it is Django's to answer."""
    path = environ.get("PATH_INFO", "")
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not path.startswith(PREFIX) or not path.isascii():
        return None
    if any(name in environ for name in LEFT_TO_DJANGO):
        return None
    stored = STORE.get(answer_key(environ, path))
    if stored is None:
        return None
    try:
        with anonymous_read_scope():
            if rate_limit.retry_after_for(environ) is not None or not stored.is_current():
                return None
    except DatabaseError:
        return None
    finally:
        tidy_connections()
    return stored


def tidy_connections() -> None:
    """What ``request_finished`` does to this thread's open connections; it also leaves them for a health check at
    their next use (``CONN_HEALTH_CHECKS``), which is what ``request_started`` would have done."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:  # a transaction open here is the caller's (the tests' wrapped database)
            connection.close_if_unusable_or_obsolete()


def status_and_headers(stored: StoredAnswer) -> tuple[str, Headers]:
    """The status line and headers Django would send for this stored answer (computed once, kept with it)."""
    known = stored.derived.get("wsgi")
    if known is None:
        response = finished(stored.response(), read=True)
        headers = tuple(response.items())
        known = stored.derived["wsgi"] = (f"{response.status_code} {response.reason_phrase}", headers)
    return known


class ReplayingApplication:
    """The WSGI application: stored answers first, everything else to ``django``."""

    def __init__(self, django: WsgiApplication) -> None:
        self.django = django

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        stored = stored_answer_for(environ)
        if stored is None:
            return self.django(environ, start_response)
        status, headers = status_and_headers(stored)
        start_response(status, list(headers))  # a server may add to the list it is given
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else stored.body]
