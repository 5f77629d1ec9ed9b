"""Conditional requests for every public answer: ETag, Last-Modified, 304 and 412, from a version the caller gives.

A domain knows when its data changed (the statistics store by its releases, the incidents register by its
revisions); it hands :func:`conditional_answer` a function returning that :class:`Version`. The answer's ETag is
a digest of the version tag and the exact request (path and sorted query), so it changes with the data and with
the question, never otherwise. The preconditions follow RFC 9110 §13.2.2 through Django's implementation:
``If-None-Match`` is compared weakly (``W/"x"`` matches ``"x"``), may list several tags or be ``*``, and when it
is present ``If-Modified-Since`` is ignored; ``If-Match`` is compared strongly and fails with 412.

An answer that succeeds is marked with :class:`Replay`, so :mod:`migmon.core.answer_store` may serve the same
bytes again while the version is unchanged. Domain apps import this module; it imports no app.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


@dataclass(frozen=True)
class Version:
    """The state an answer was computed from: ``tag`` changes whenever the data may have; ``modified`` is when."""

    tag: str
    modified: datetime | None = None


VersionSource = Callable[[], Version]
Answer = TypeVar("Answer", bound=HttpResponseBase)


@dataclass(frozen=True)
class Validators:
    """What a client may send back to revalidate: the ETag and the modification time (whole seconds)."""

    etag: str
    last_modified: int | None
    max_age: int

    def stamp(self, response: HttpResponseBase) -> HttpResponseBase:
        """Put the validators and the caching policy on a 200, a 304 or a replayed answer (RFC 9110 §15.4.5)."""
        response["ETag"] = self.etag
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified)
        response["Cache-Control"] = f"public, max-age={self.max_age}"
        response["Vary"] = "Accept-Encoding"
        return response


@dataclass(frozen=True)
class Replay:
    """Marks a finished answer that stays true while ``version()`` still gives ``tag``."""

    version: VersionSource
    tag: str
    validators: Validators


def entity_tag(tag: str, request: HttpRequest) -> str:
    """A strong ETag from the version tag and the exact query (path + sorted parameters)."""
    query = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
    digest = hashlib.blake2b(repr((tag, request.path, query)).encode(), digest_size=12).hexdigest()
    return quote_etag(digest)


def validators_for(request: HttpRequest, version: Version, *, max_age: int) -> Validators:
    modified = int(version.modified.timestamp()) if version.modified is not None else None
    return Validators(etag=entity_tag(version.tag, request), last_modified=modified, max_age=max_age)


def precondition_answer(request: HttpRequest, validators: Validators) -> HttpResponse | None:
    """The 304 (or 412) the request's conditional headers call for, or None when the full answer is due."""
    response = get_conditional_response(request, etag=validators.etag, last_modified=validators.last_modified)
    if response is None:
        return None
    if response.status_code == 304:
        validators.stamp(response)
    return response


def conditional_answer(
    request: HttpRequest, *, version: VersionSource, render: Callable[[], Answer], max_age: int
) -> Answer | HttpResponse:
    """Answer 304 when the client has this version, else ``render()`` the answer and stamp its validators.

    Only a 200 is stamped and marked for replay; ``render`` may answer an error (or raise) for bad input.
    Streaming answers (large CSV downloads) are stamped but never replayed.
    """
    current = version()
    validators = validators_for(request, current, max_age=max_age)
    early = precondition_answer(request, validators)
    if early is not None:
        return early
    response = render()
    if response.status_code == 200:
        validators.stamp(response)
        if not response.streaming:
            response.replay = Replay(version=version, tag=current.tag, validators=validators)  # type: ignore[attr-defined]
    return response
