"""Stored answers served before Django's handler (``migmon.api.replay``), through the WSGI application ``make run``
serves: the same answer as Django's, counted once, fresh after a release, and Django's wherever it must be."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from migmon.config.wsgi import application

OBSERVATIONS = "/api/v1/observations"
QUERY = "series=SM_DTH_MIGR"


def environ(method: str = "GET", path: str = OBSERVATIONS, query: str = QUERY, **headers: str) -> dict[str, Any]:
    base: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    base.update(headers)
    return base


class Answer:
    """What a WSGI server would write, and whether Django's handler was entered to make it."""

    def __init__(self, env: dict[str, Any]) -> None:
        started: list[object] = []

        def count(**kwargs: object) -> None:
            started.append(kwargs)

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
            self.status, self.headers = status, headers

        # As Django's test client does: the request signals must not close the test transaction's connection.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        request_started.connect(count)
        try:
            body = application(env, start_response)
            self.body = b"".join(body)
        finally:
            request_started.disconnect(count)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        self.by_django = bool(started)

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


@pytest.fixture
def first(sample) -> Iterator[Answer]:
    """The answer Django builds (and stores) for the request."""
    answer = Answer(environ())
    assert answer.by_django and answer.status == "200 OK"
    yield answer


@pytest.mark.django_db
def test_a_repeat_is_served_before_django_with_django_s_status_headers_and_bytes(first):
    again = Answer(environ())
    assert not again.by_django
    assert (again.status, again.headers, again.body) == (first.status, first.headers, first.body)
    assert again.header("Access-Control-Allow-Origin") == "*" and again.header("ETag")
    assert again.header("Content-Language") is None  # the API's HTTP layer made it language-neutral


@pytest.mark.django_db
def test_head_gets_the_get_answer_s_headers_without_a_body(first):
    head = Answer(environ("HEAD"))
    assert not head.by_django and head.body == b""
    assert head.headers == first.headers and head.header("Content-Length") == str(len(first.body))


@pytest.mark.django_db
def test_a_new_release_is_seen_by_the_next_request(first, sample):
    from migmon.indicators.models import Release

    old = sample["release"]
    Release.objects.create(
        dataset=old.dataset, file_name="again.csv", sha256="2" * 64, importer="x", importer_version="1"
    )
    fresh = Answer(environ())
    assert fresh.by_django and fresh.header("ETag") != first.header("ETag")
    assert not Answer(environ()).by_django  # and the new answer is stored in its turn


@pytest.mark.django_db
def test_a_replayed_request_is_counted_once_and_the_limit_answers_429(sample, settings):
    settings.MIGMON_API_RATE_LIMIT = "3/60"
    answers = [Answer(environ()) for _ in range(4)]
    assert [answer.status[:3] for answer in answers] == ["200", "200", "200", "429"]
    assert [answer.by_django for answer in answers] == [True, False, False, True]
    assert answers[3].header("Retry-After") and answers[3].header("Access-Control-Allow-Origin") == "*"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_COOKIE": "sessionid=x"},
        {"HTTP_AUTHORIZATION": "Bearer x"},
        {"HTTP_IF_MODIFIED_SINCE": "Sat, 01 Jan 2000 00:00:00 GMT"},
    ],
)
def test_cookies_tokens_and_conditions_are_left_to_django_which_replays_the_same_answer(first, headers):
    answer = Answer(environ(**headers))
    assert answer.by_django and answer.body == first.body


@pytest.mark.django_db
def test_a_conditional_request_gets_django_s_304(first):
    answer = Answer(environ(HTTP_IF_NONE_MATCH=first.header("ETag") or ""))
    assert answer.by_django and answer.status.startswith("304") and answer.body == b""


@pytest.mark.django_db
def test_other_queries_and_paths_are_not_replayed(first):
    assert Answer(environ(query=f"{QUERY}&limit=1")).by_django
    assert Answer(environ(path="/api/v1/goals", query="")).by_django
    assert Answer(environ("POST")).status.startswith("405")


@pytest.mark.django_db
def test_an_http_request_is_never_given_the_answer_stored_for_https(sample, settings):
    """The scheme is part of the key: behind ``SECURE_SSL_REDIRECT`` a plain-HTTP request gets its redirect (and an
    answer built over HTTPS carries HSTS, which a plain-HTTP answer must not)."""
    assert Answer(environ(**{"wsgi.url_scheme": "https"})).status == "200 OK"
    assert not Answer(environ(**{"wsgi.url_scheme": "https"})).by_django
    assert Answer(environ()).by_django  # not the answer stored for https
    settings.SECURE_SSL_REDIRECT = True  # read when the middleware is built: a new client's handler sees it
    client = Client()
    assert client.get(f"{OBSERVATIONS}?{QUERY}", secure=True).status_code == 200
    assert client.get(f"{OBSERVATIONS}?{QUERY}", secure=True).status_code == 200  # replayed by the middleware
    assert client.get(f"{OBSERVATIONS}?{QUERY}").status_code == 301


@pytest.mark.django_db
def test_the_replay_leaves_the_open_transaction_s_connection_alone(first):
    from django.db import connection

    Answer(environ())
    assert connection.in_atomic_block and connection.connection is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
