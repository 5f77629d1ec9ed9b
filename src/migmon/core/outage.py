"""When the database does not answer, pages and the API say so with 503 and ``Retry-After``, not 500.

A restarted PostgreSQL, a full connection pool or a SQLite file locked past its timeout is a passing state,
not a bug: clients, proxies and crawlers should come back later, and people should read that the site will
return. This is Django's ``handler500``: every uncaught exception reaches it (from views and from middleware
alike, which a middleware's ``process_exception`` would not see); only a database connection error becomes the
503, anything else stays the ordinary 500 page.

Recovery needs nothing here: Django closes a connection that errored at the end of the request, and with
``CONN_HEALTH_CHECKS`` a persistent connection is checked before it is reused, so the first request after the
database is back is answered normally. The 503 answer itself touches no database (no context processors).
"""

from __future__ import annotations

import sqlite3
import sys

import orjson
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 30
SQLITE_UNAVAILABLE = ("database is locked", "database table is locked", "unable to open database", "disk i/o error")
UNAVAILABLE = "The database is not answering right now: retry later."


def database_unavailable() -> bool:
    """Whether the exception being handled is a database connection error.

    PostgreSQL's drivers raise ``OperationalError`` for connection failures; SQLite raises it for a malformed
    full-text query too, which is a bug to fix (a 500), not an outage: there only a lock or an unreadable file
    counts.
    """
    error = sys.exc_info()[1]
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    if isinstance(error.__cause__, sqlite3.Error):
        return any(sign in str(error.__cause__).lower() for sign in SQLITE_UNAVAILABLE)
    return True


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: 503 with ``Retry-After`` for a database outage, else Django's 500 page."""
    if not database_unavailable():
        return django_server_error(request)
    if request.path_info.startswith("/api/"):
        body = orjson.dumps({"message": UNAVAILABLE, "parameter": None})
        response = HttpResponse(body, status=503, content_type="application/json")
    else:
        page = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
