"""Scale-out, for real: two app instances on a PostgreSQL primary with a streaming replica and a shared Redis.

The deployment (``tests/scaleout_cluster.py``) is built once for this module: a second PostgreSQL cluster made
by ``pg_basebackup -R`` from the running server, two granian instances A and B and a job worker. It runs when
``MIGMON_SCALEOUT_TEST=1`` and in CI; ``.ci/run`` runs it in a step of its own and sets
``MIGMON_SCALEOUT_TEST=0`` for its ``make test`` passes, which say so when they skip it. Elsewhere it skips
with the reason. What it pins:

* anonymous reads (API and pages) are answered from the replica, the data version included, and such an
  instance never even connects to the primary; writes go to the primary (the replica is read-only: a write
  sent there would fail);
* a release imported and published through instance A's API is answered by instance B's API and page within
  half a second of its commit on the primary;
* one rate-limit budget for a client across both instances;
* a page cached by one instance is served by the other from Redis, without reading the data again;
* with the replica stopped, the primary answers; once it is back, the instances read it again.

Measured figures go to ``test-artifacts/scaleout.json``.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
import requests
from conftest import DATA_DIR, IN_CI, missing

from migmon.core.db_router import PIN_COOKIE, RETRY_SECONDS
from tests.scaleout_cluster import Deployment, Instance, Unavailable, scaled_out

RATE_LIMIT = 24
#: A real national file: Open SDG ECA's SDG 10.7.3 (deaths and disappearances of migrants), 181 rows.
RELEASE_FILE = DATA_DIR / "sdg-indicators-open-sdg-eca" / "indicator_10-7-3.csv"
OBSERVATIONS = "/api/v1/observations?series=SM_DTH_MIGR&area=GRC"
GREECE_PAGE = "/fr/data/countries/GRC/"
HALF_A_SECOND = 0.5


def greece_in_the_file() -> dict[str, float]:
    """The file's Greece values by year: what B must answer once A published it."""
    with RELEASE_FILE.open(newline="", encoding="utf-8") as rows:
        return {row["Year"]: float(row["Value"]) for row in csv.DictReader(rows) if row["GeoAreaName"] == "Greece"}


FIGURES: dict[str, object] = {}


@pytest.fixture(scope="module")
def deployment(artifacts_dir: Path) -> Iterator[Deployment]:
    switch = os.environ.get("MIGMON_SCALEOUT_TEST", "")
    if switch == "0":
        pytest.skip("MIGMON_SCALEOUT_TEST=0: .ci/run runs the scale-out test in a step of its own")
    if switch != "1" and not IN_CI:
        pytest.skip("set MIGMON_SCALEOUT_TEST=1 to build a replica and two app instances (.ci/run does)")
    try:
        with scaled_out(api_rate_limit=f"{RATE_LIMIT}/86400") as built:
            FIGURES["setup_seconds"] = built.setup_seconds
            yield built
    except Unavailable as why:  # raised before anything is built
        missing(str(why))
    finally:
        (artifacts_dir / "scaleout.json").write_text(json.dumps(FIGURES, indent=2) + "\n")


def client() -> str:
    """A fresh client address (the instances trust X-Forwarded-For): each test has its own rate-limit budget."""
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"


def get(instance: Instance, path: str, address: str | None = None, **headers: str) -> requests.Response:
    return requests.get(
        instance.url + path,
        headers={"X-Forwarded-For": address or client(), **headers},
        timeout=30,
        allow_redirects=False,
    )


def reads_observations(statements: list[str]) -> bool:
    return any('FROM "indicators_observation"' in line for line in statements)


def test_anonymous_reads_are_answered_from_the_replica(deployment):
    b = deployment.instances["b"]
    since = deployment.replica_log_size()
    answers = [get(b, OBSERVATIONS), get(b, GREECE_PAGE)]
    assert [answer.status_code for answer in answers] == [200, 200]
    assert not any(PIN_COOKIE in answer.headers.get("Set-Cookie", "") for answer in answers)
    statements = deployment.replica_statements(b.application_name, since)
    assert reads_observations(statements), statements[-20:]
    assert any('FROM "indicators_release"' in line for line in statements)  # the data version, read there too
    assert any('FROM "geo_area"' in line for line in statements)
    # Nothing of it went to the primary: B, which only served anonymous reads, holds no connection there.
    assert deployment.primary_backends(b.application_name) == 0

    # A client that has just written (the pin cookie) reads the primary: it sees its own change at once.
    since = deployment.replica_log_size()
    assert get(b, OBSERVATIONS + "&start=2015", Cookie=f"{PIN_COOKIE}=1").status_code == 200
    assert deployment.primary_backends(b.application_name) >= 1
    assert not reads_observations(deployment.replica_statements(b.application_name, since))


def watch(name: str, seen: dict[str, float], probe: Callable[[], bool], stop: threading.Event) -> threading.Thread:
    """Call ``probe`` back to back until it is true; record when the first true call started."""

    def run() -> None:
        while not stop.is_set():
            started = time.monotonic()
            if probe():
                seen[name] = started
                return
            time.sleep(0.005)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


def wait_for_status(deployment: Deployment, url: str, wanted: str, timeout: float = 120) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = requests.get(url, headers={"Authorization": f"Bearer {deployment.token}"}, timeout=30).json()
        if state["status"] == wanted:
            return state
        assert state["status"] not in {"refused", "failed", "cancelled"}, state
        time.sleep(0.1)
    raise AssertionError(f"import still {state['status']!r} after {timeout} s, not {wanted!r}")


def test_a_release_published_through_a_is_on_b_within_half_a_second(deployment):
    a, b = deployment.instances["a"], deployment.instances["b"]
    assert get(b, OBSERVATIONS).json()["items"] == []
    page_before = get(b, GREECE_PAGE)
    assert page_before.status_code == 200
    token = {"Authorization": f"Bearer {deployment.token}"}
    with RELEASE_FILE.open("rb") as upload:
        created = requests.post(f"{a.url}/api/v1/imports", headers=token, files={"files": upload}, timeout=60)
    assert created.status_code == 202, created.text  # staged and queued: written on the primary
    assert PIN_COOKIE in created.headers.get("Set-Cookie", "")  # whoever uploaded reads the primary for a while
    state = wait_for_status(deployment, created.json()["url"], "checked")
    assert state["counts"]["added"] > 0, state

    greece = greece_in_the_file()
    latest = greece[max(greece)]
    # The profile's table row of SDG 10.7.3 for Greece: its latest value, as the French page writes a number.
    latest_cell = f'<td class="num">{latest:.0f} '.encode()
    assert latest_cell not in page_before.content
    seen: dict[str, float] = {}
    stop = threading.Event()
    observation_rows = 'SELECT count(*) FROM "indicators_observation"'
    watchers = [
        watch("primary", seen, lambda: int(deployment.primary.value(observation_rows, deployment.database)) > 0, stop),
        watch("b_api", seen, lambda: bool(get(b, OBSERVATIONS).json()["items"]), stop),
        watch("b_page", seen, lambda: latest_cell in get(b, GREECE_PAGE).content, stop),
    ]
    try:
        published = requests.post(f"{state['url']}/publish", headers=token, timeout=60)
        assert published.status_code == 202, published.text
        wait_for_status(deployment, state["url"], "published")
        for watcher in watchers:
            watcher.join(timeout=30)
    finally:
        stop.set()
    assert set(seen) == {"primary", "b_api", "b_page"}, seen
    lags = {name: round(seen[name] - seen["primary"], 3) for name in ("b_api", "b_page")}
    FIGURES["published_on_a_seen_on_b_seconds"] = lags
    assert all(lag < HALF_A_SECOND for lag in lags.values()), lags
    items = get(b, OBSERVATIONS).json()["items"]
    assert {item["period"]: item["value"] for item in items} == greece
    # Every write went to the primary: the replica ran reads only, for every instance and the worker.
    everything = deployment.replica_statements("migmon-a") + deployment.replica_statements("migmon-b")
    everything += deployment.replica_statements("migmon-a-worker")
    writes = [line for line in everything if any(f"statement: {verb}" in line for verb in ("INSERT", "UPDATE"))]
    assert writes == []


def test_one_rate_limit_budget_across_both_instances(deployment):
    address = client()
    for _attempt in range(2):  # once more if the day (the limit's window) turned during the run
        day = int(time.time() // 86400)
        answers = {"a": [], "b": []}
        for number in range(2 * RATE_LIMIT):
            name = "ab"[number % 2]
            answers[name].append(get(deployment.instances[name], "/api/v1/goals", address).status_code)
        if day == int(time.time() // 86400):
            break
        address = client()
    allowed = {name: codes.count(200) for name, codes in answers.items()}
    FIGURES["rate_limit_allowed_per_instance"] = allowed
    assert sum(allowed.values()) == RATE_LIMIT, answers  # counted per instance, 2 × RATE_LIMIT would pass
    assert all(codes[-1] == 429 for codes in answers.values()), answers
    assert all(count > 0 for count in allowed.values()), allowed


def test_a_page_cached_by_one_instance_is_served_by_the_other(deployment):
    a, b = deployment.instances["a"], deployment.instances["b"]
    page = "/en/data/countries/ITA/"
    assert get(a, page).status_code == 200
    store = redis.Redis.from_url(deployment.redis_url)
    assert store.keys(f"*migmon.portal.page:{page}:*"), "instance A did not cache the page in Redis"
    since = deployment.replica_log_size()
    served = get(b, page)
    assert served.status_code == 200
    assert b"Italy" in served.content or b"Italie" in served.content
    statements = deployment.replica_statements(b.application_name, since)
    assert statements, "instance B read nothing at all"  # it checked the versions the page's key holds
    assert not reads_observations(statements), statements


def test_while_the_replica_is_down_the_primary_answers_then_the_replica_again(deployment):
    """Last: it stops the replica. Reads fall back to the primary at once, and return to the replica once it is
    back and the instance's retry delay has passed."""
    b = deployment.instances["b"]
    deployment.stop_replica()
    try:
        answers = [get(b, OBSERVATIONS) for _ in range(3)] + [get(b, GREECE_PAGE)]
        assert [answer.status_code for answer in answers] == [200, 200, 200, 200]
        assert {item["period"]: item["value"] for item in answers[0].json()["items"]} == greece_in_the_file()
    finally:
        deployment.start_replica()
    since = deployment.replica_log_size()
    back = time.monotonic()
    attempt = 0
    while not reads_observations(deployment.replica_statements(b.application_name, since)):
        assert time.monotonic() - back < RETRY_SECONDS + 20, "instance B never read the replica again"
        attempt += 1  # a new query each time: a repeated one would be replayed from the answer store
        assert get(b, f"{OBSERVATIONS}&limit={100 + attempt}").status_code == 200
        time.sleep(0.5)
    FIGURES["replica_back_in_use_after_seconds"] = round(time.monotonic() - back, 1)
