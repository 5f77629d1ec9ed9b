"""Where reads and writes go once a replica is configured (``migmon.core.db_router``), and that nothing changes
without one. The replica itself (a second PostgreSQL cluster) is exercised by ``tests/test_scaleout.py``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.signals import request_finished
from django.db import OperationalError, close_old_connections, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult

from migmon.core import db_router
from migmon.core.cache import DatabaseCache

ROUTER = db_router.ReplicaRouter()
CACHE_ENTRY = DatabaseCache("migmon_cache", {}).cache_model_class
PROJECT_DIR = Path(__file__).resolve().parents[4]


@pytest.fixture
def with_replica(monkeypatch):
    """Settings with a replica that answers (its connection is tested below, with a stand-in)."""
    monkeypatch.setattr(db_router, "has_replica", lambda: True)
    monkeypatch.setattr(db_router, "replica_answers", lambda: True)


class StandInReplica:
    """The replica's connection as the middleware uses it: opens, or fails as a stopped server does."""

    def __init__(self) -> None:
        self.down = False
        self.tries = 0

    def close_if_health_check_failed(self) -> None:
        pass

    def ensure_connection(self) -> None:
        self.tries += 1
        if self.down:
            raise OperationalError("connection to server at 127.0.0.1, port 5433 failed: Connection refused")


@pytest.fixture
def stand_in(monkeypatch):
    replica = StandInReplica()
    clock = [100.0]
    monkeypatch.setattr(db_router, "has_replica", lambda: True)
    monkeypatch.setattr(db_router, "connections", {"replica": replica, "default": connections["default"]})
    monkeypatch.setattr(db_router.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)
    return replica, clock


def serve(request, view):
    """Run ``view`` behind the middleware, then close the answer as the server does (without closing the
    database connection, as Django's test client does: these tests touch no database)."""
    answer = db_router.ReplicaReadsMiddleware(view)(request)
    request_finished.disconnect(close_old_connections)
    try:
        answer.close()
    finally:
        request_finished.connect(close_old_connections)
    return answer


def reads_during(request, *models):
    """Where each model is read while ``request`` is served."""
    seen: list[str | None] = []

    def view(_request):
        seen.extend(ROUTER.db_for_read(model) for model in models)
        return HttpResponse("ok")

    answer = serve(request, view)
    return seen, answer


def test_without_a_replica_the_router_and_middleware_stand_aside(settings):
    assert settings.DATABASE_ROUTERS == ["migmon.core.cache.CacheRouter"]  # not even asked
    assert ROUTER.db_for_read(User) is None
    assert ROUTER.db_for_write(User) is None
    assert ROUTER.allow_migrate("default", "indicators") is None
    seen, answer = reads_during(RequestFactory().get("/api/v1/goals"), User)
    assert seen == [None]
    assert db_router.PIN_COOKIE not in answer.cookies


def test_anonymous_get_reads_the_replica_except_what_instances_share(with_replica):
    seen, answer = reads_during(RequestFactory().get("/fr/data/"), User, Session, CACHE_ENTRY, DBTaskResult)
    assert seen == ["replica", "default", "default", "default"]
    assert db_router.PIN_COOKIE not in answer.cookies


def test_outside_a_request_everything_reads_the_primary(with_replica):
    assert ROUTER.db_for_read(User) == "default"
    assert db_router.current_scope() is None


@pytest.mark.parametrize(
    "request_of",
    [
        lambda rf: rf.post("/fr/workshop/"),
        lambda rf: rf.delete("/api/v1/imports/3"),
        lambda rf: rf.get("/api/v1/imports/3", HTTP_AUTHORIZATION="Bearer mgm_x_y"),
    ],
    ids=["post", "delete", "token"],
)
def test_requests_that_may_write_or_carry_credentials_read_the_primary(with_replica, request_of):
    seen, _answer = reads_during(request_of(RequestFactory()), User)
    assert seen == ["default"]


@pytest.mark.parametrize("cookie", ["sessionid", db_router.PIN_COOKIE])
def test_signed_in_users_and_recent_writers_read_the_primary(with_replica, cookie):
    request = RequestFactory().get("/fr/data/")
    request.COOKIES[cookie] = "x"
    seen, _answer = reads_during(request, User)
    assert seen == ["default"]


def test_a_request_reads_the_primary_from_its_first_write_and_pins_the_client(with_replica):
    seen = []

    def view(_request):
        seen.append(ROUTER.db_for_read(User))
        assert ROUTER.db_for_write(User) == "default"
        seen.append(ROUTER.db_for_read(User))
        return HttpResponse("ok")

    answer = serve(RequestFactory().get("/fr/data/"), view)
    assert seen == ["replica", "default"]
    pin = answer.cookies[db_router.PIN_COOKIE]
    assert pin["max-age"] == db_router.PIN_SECONDS
    assert pin["httponly"] and pin["samesite"] == "Lax"


def test_counting_a_rate_limit_in_the_cache_table_is_not_a_write_of_data(with_replica):
    seen = []

    def view(_request):
        assert ROUTER.db_for_write(CACHE_ENTRY) == "default"
        seen.append(ROUTER.db_for_read(User))
        return HttpResponse("ok")

    answer = serve(RequestFactory().get("/api/v1/goals"), view)
    assert seen == ["replica"]
    assert db_router.PIN_COOKIE not in answer.cookies


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_reads_go_to_the_primary(with_replica):
    seen = []

    def view(_request):
        with transaction.atomic():
            seen.append(ROUTER.db_for_read(User))
        seen.append(ROUTER.db_for_read(User))
        return HttpResponse("ok")

    serve(RequestFactory().get("/fr/data/"), view)
    assert seen == ["default", "replica"]


def test_the_scope_ends_when_the_answer_is_closed(with_replica):
    during = []

    def view(_request):
        during.append(db_router.current_scope())
        return HttpResponse("ok")

    serve(RequestFactory().get("/fr/data/"), view)
    assert during[0] is not None and during[0].replica
    assert db_router.current_scope() is None
    assert ROUTER.db_for_read(User) == "default"


def test_a_replica_that_does_not_answer_sends_reads_to_the_primary_and_is_tried_again_later(stand_in, caplog):
    replica, clock = stand_in
    assert reads_during(RequestFactory().get("/fr/data/"), User)[0] == ["replica"]
    replica.down = True
    assert reads_during(RequestFactory().get("/fr/data/"), User)[0] == ["default"]
    assert "the replica does not answer" in caplog.text
    tries = replica.tries
    clock[0] += db_router.RETRY_SECONDS * 0.9
    assert reads_during(RequestFactory().get("/fr/data/"), User)[0] == ["default"]
    assert replica.tries == tries  # not tried on every request while it is known to be down
    replica.down = False
    clock[0] += db_router.RETRY_SECONDS * 0.2
    assert reads_during(RequestFactory().get("/fr/data/"), User)[0] == ["replica"]


def test_requests_that_read_the_primary_anyway_never_try_the_replica(stand_in):
    replica, _clock = stand_in
    reads_during(RequestFactory().post("/fr/workshop/"), User)
    assert replica.tries == 0


def test_migrations_never_run_on_the_replica_and_its_objects_relate_to_the_primarys(with_replica):
    assert ROUTER.allow_migrate("replica", "indicators") is False
    assert ROUTER.allow_migrate("default", "indicators") is None
    on_replica, on_primary = User(), User()
    on_replica._state.db, on_primary._state.db = "replica", "default"
    assert ROUTER.allow_relation(on_replica, on_primary) is True


SHOW_DATABASES = """
import json
from django.conf import settings
print(json.dumps({alias: {k: db.get(k) for k in ("ENGINE", "HOST", "PORT", "NAME", "TEST")}
                  for alias, db in settings.DATABASES.items()}))
print(json.dumps(settings.DATABASE_ROUTERS))
"""


def settings_with(tmp_path, **variables):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "migmon.config.settings.production",
        "MIGMON_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "settings-test-key-not-a-secret-but-long-enough-0123456789",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", SHOW_DATABASES], env=env, cwd=PROJECT_DIR, capture_output=True, text=True
    )


def test_a_replica_url_adds_the_replica_as_a_mirror_of_the_primary_for_tests(tmp_path):
    done = settings_with(
        tmp_path,
        DATABASE_URL="postgres://postgres@10.0.0.1:5432/migmon",
        DATABASE_REPLICA_URL="postgres://postgres@10.0.0.2:5433/migmon",
    )
    assert done.returncode == 0, done.stderr
    databases, routers = (json.loads(line) for line in done.stdout.splitlines())
    assert databases["replica"]["HOST"] == "10.0.0.2" and databases["replica"]["PORT"] == 5433
    assert databases["replica"]["TEST"] == {"MIRROR": "default"}
    assert routers == ["migmon.core.cache.CacheRouter", "migmon.core.db_router.ReplicaRouter"]


def test_a_replica_of_a_sqlite_file_is_refused(tmp_path):
    done = settings_with(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'migmon.sqlite3'}",
        DATABASE_REPLICA_URL="postgres://postgres@10.0.0.2:5433/migmon",
    )
    assert done.returncode != 0
    assert "DATABASE_REPLICA_URL needs a PostgreSQL DATABASE_URL" in done.stderr
