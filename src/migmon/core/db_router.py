"""Reads from a streaming replica, writes to the primary: the router behind ``DATABASE_REPLICA_URL``.

What scales out is the public traffic: anonymous GET and HEAD requests of the portal and the API, which only
read. They read the replica. Everything else reads the primary, so that whoever writes reads what they wrote
(read-your-writes) even while the replica is a few milliseconds behind:

* requests that may write (POST, PUT, PATCH, DELETE), signed-in users (a session cookie) and API clients with a
  token (an ``Authorization`` header): the whole request;
* any request from the moment it wrote something;
* a client for :data:`PIN_SECONDS` after a request of theirs wrote (the :data:`PIN_COOKIE` cookie): the page a
  form redirects to shows the saved change;
* anything inside a transaction (``atomic``): the reads that decide a write see the rows it decides on;
* management commands, the job worker, and anything else outside a request;
* the cache table, the sessions and the job queue, which every instance must see at once.

When the replica does not answer, the reads go to the primary as well: a process that finds it down (a failed
connection at the start of a request) reads the primary for :data:`RETRY_SECONDS`, then tries it again.

Writes always go to the primary, migrations run only there (the replica copies them by streaming
replication), and objects read from either database may be related to each other: they hold the same data.
Without a replica in the settings the router and the middleware do nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

from migmon.core.cache import CACHE_APP_LABEL

REPLICA = "replica"
PRIMARY = DEFAULT_DB_ALIAS
#: Set on the answer to a request that wrote: the client's next requests read the primary for this long.
PIN_COOKIE = "migmon_primary"
PIN_SECONDS = 10
#: Read by every instance right after another wrote them: never from the replica.
PRIMARY_ONLY_APP_LABELS = frozenset({CACHE_APP_LABEL, "sessions", "django_tasks_database"})
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: After the replica failed to answer, this process reads the primary for so long before trying it again.
RETRY_SECONDS = 5.0

logger = logging.getLogger(__name__)


@dataclass
class ReadScope:
    """Where the reads of one request go: the replica when ``replica`` is allowed, until the request writes."""

    replica: bool
    wrote: bool = False


_scope: ContextVar[ReadScope | None] = ContextVar("migmon_read_scope", default=None)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def may_read_replica(request: HttpRequest) -> bool:
    """An anonymous read-only request from a client that has not just written."""
    return (
        request.method in READ_ONLY_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


_replica_down_until = 0.0


def replica_answers() -> bool:
    """Whether the replica can be read now: its connection is open, or opens, and passes Django's health check
    (the one a request's first query would run anyway). A failure is remembered for :data:`RETRY_SECONDS`."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    replica = connections[REPLICA]
    try:
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + RETRY_SECONDS
        logger.warning("the replica does not answer (%s): reading the primary for %s s", error, RETRY_SECONDS)
        return False
    return True


@contextmanager
def anonymous_read_scope() -> Iterator[None]:
    """The read scope :class:`ReplicaReadsMiddleware` gives an anonymous read-only request, for what answers such a
    request before Django's handler does (:mod:`migmon.api.replay`): its reads go where the request's would."""
    if not has_replica():
        yield
        return
    token = _scope.set(ReadScope(replica=replica_answers()))
    try:
        yield
    finally:
        _scope.reset(token)


def current_scope() -> ReadScope | None:
    """The read scope of the request being served in this thread (None outside a request)."""
    return _scope.get()


class ReplicaRouter:
    """Chained after :class:`migmon.core.cache.CacheRouter`; answers only when the settings name a replica."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not has_replica():
            return None
        scope = _scope.get()
        if (
            scope is None
            or not scope.replica
            or scope.wrote
            or model._meta.app_label in PRIMARY_ONLY_APP_LABELS
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        if not has_replica():
            return None
        scope = _scope.get()
        if scope is not None and model._meta.app_label not in PRIMARY_ONLY_APP_LABELS:
            scope.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        if has_replica() and {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None


class ReplicaReadsMiddleware:
    """Opens each request's read scope (first in the middleware list, so that the answer store's data version
    is read where the answer's data is read) and pins a client that wrote to the primary for a while."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not has_replica():
            return self.get_response(request)
        scope = ReadScope(replica=may_read_replica(request) and replica_answers())
        _scope.set(scope)  # cleared when the answer is closed: a streamed body still reads in this scope
        try:
            response = self.get_response(request)
        except BaseException:
            _scope.set(None)
            raise
        if scope.wrote:
            response.set_cookie(
                PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True, samesite="Lax", secure=request.is_secure()
            )
        return response


@receiver(request_finished)
def _close_scope(**kwargs: Any) -> None:
    _scope.set(None)
