"""Replay finished API answers while the data they came from is unchanged: the fast path of ``/api/``.

Building an answer runs the whole stack (middleware, routing, parameter validation, a query, JSON); answering the
same request again needs none of it while the data is the same. :func:`migmon.core.http_cache.conditional_answer`
marks each 200 with the function that gives its data version; this middleware keeps those answers in memory (one
store per process, bounded in bytes, least recently used out first) under the exact request (scheme, host, path,
query string: :func:`answer_key`), and on a repeat does what the answer depends on and nothing else:

1. counts the request against the client's rate limit (the shared store: 429 beyond, as the API would);
2. asks the version function again: a changed version drops the answer and the request goes down the stack,
   so an import or a rollback is visible on the next request;
3. answers 304 (or 412) from the stored validators, else the stored status, headers and body.

A request only meets a stored answer that was a success for the same scheme, host, path and query under the same
data version, so its checks (known parameters, allowed host, valid values, the redirect to HTTPS) already passed.
It sits first in the middleware list (after the API's HTTP middleware, which adds CORS and handles HEAD on both
paths). :mod:`migmon.api.replay` serves the same answers earlier still, before Django's handler.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from migmon.core import rate_limit
from migmon.core.http_cache import Replay, precondition_answer

PREFIX = "/api/"


@dataclass(frozen=True)
class StoredAnswer:
    replay: Replay
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    #: What a replaying layer derives once from this answer and keeps with it (the WSGI replay's final headers).
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def is_current(self) -> bool:
        """Whether the data version is still the one this answer was built from."""
        return self.replay.version().tag == self.replay.tag

    def response(self) -> HttpResponse:
        response = HttpResponse(self.body, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


Key = tuple[str, str, str, str]


def request_scheme(meta: Mapping[str, Any]) -> str:
    """``request.scheme`` read from a request's ``META`` or WSGI environ (``SECURE_PROXY_SSL_HEADER`` included)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = meta.get(header)
        if value is not None:
            return "https" if str(value).split(",")[0].strip() == secure_value else "http"
    return str(meta.get("wsgi.url_scheme", "http"))


def answer_key(meta: Mapping[str, Any], path_info: str) -> Key:
    """The exact request an answer is stored under. The scheme is part of it: over HTTPS the answer carries HSTS,
    and over HTTP (``SECURE_SSL_REDIRECT``) the request must get its redirect, never the stored answer."""
    return (request_scheme(meta), str(meta.get("HTTP_HOST", "")), path_info, str(meta.get("QUERY_STRING", "")))


class AnswerStore:
    """Answers by request, at most ``limit_bytes()`` of bodies per process; thread-safe."""

    def __init__(self, limit_bytes: Callable[[], int]) -> None:
        self._limit_bytes = limit_bytes
        self._answers: OrderedDict[Key, StoredAnswer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Key) -> StoredAnswer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: Key, answer: StoredAnswer) -> None:
        limit = self._limit_bytes()
        if len(answer.body) > limit:
            return
        with self._lock:
            self._pop(key)
            self._answers[key] = answer
            self._bytes += len(answer.body)
            while self._bytes > limit:
                self._pop(next(iter(self._answers)))

    def discard(self, key: Key) -> None:
        with self._lock:
            self._pop(key)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._bytes = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._answers)

    def _pop(self, key: Key) -> None:
        old = self._answers.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body)


STORE = AnswerStore(lambda: settings.MIGMON_API_ANSWER_STORE_MB * 1024 * 1024)


class AnswerReplayMiddleware:
    """Serve repeat GET requests under /api/ from :data:`STORE`; keep answers marked with a :class:`Replay`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "GET" or not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        key = answer_key(request.META, request.path_info)
        stored = STORE.get(key)
        if stored is not None:
            wait = rate_limit.retry_after(request)
            if wait is not None:
                return rate_limit.too_many_requests(wait)
            if stored.is_current():
                return precondition_answer(request, stored.replay.validators) or stored.response()
            STORE.discard(key)
        response = self.get_response(request)
        replay = getattr(response, "replay", None)
        if isinstance(replay, Replay) and isinstance(response, HttpResponse) and not response.streaming:
            STORE.put(key, StoredAnswer(replay, response.status_code, tuple(response.items()), response.content))
        return response
