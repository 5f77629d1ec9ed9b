"""Fixtures shared by every test: the site language, the bundled data folder, the browser, and PostgreSQL-only checks.

In CI (``CI=true``) a missing Chromium or PostgreSQL fails the run; on a developer machine without
them the tests that need them skip with a visible reason.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent
DATA_DIR = PROJECT_DIR / "data"
ARTIFACTS_DIR = PROJECT_DIR / "test-artifacts"
CHROMIUM = os.environ.get("MIGMON_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def missing(reason: str) -> None:
    """Fail in CI, skip (with the reason) on a developer machine."""
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def site_language() -> Iterator[None]:
    """Each test starts in the site's first language. A page fetched through the test client leaves its language
    active in the thread (LocaleMiddleware activates it and nothing resets it), so an earlier test's ``/en/`` page made
    ``reverse()`` in the next test on the same worker give English addresses, by turns."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The real datasets bundled with the project (see data/README.md)."""
    return DATA_DIR


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where browser tests save screenshots and downloads (git-ignored)."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright."""
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, artifacts_dir) -> Iterator[object]:
    """A fresh browser page (own context, French locale) closed after the test."""
    context = chromium.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    yield browser_page
    context.close()


@pytest.fixture
def postgres_only(settings) -> None:
    """Skip on SQLite (the PostgreSQL pass of .ci/run runs these)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only check; .ci/run runs it on the PostgreSQL pass")


@pytest.fixture
def throwaway_postgres(postgres_only) -> Iterator[str]:
    """The URL of an empty PostgreSQL database on the test server, for a subprocess to migrate and fill; dropped after.

    Kill tests run ``migmon`` in their own processes, which cannot see the test run's transaction-wrapped database.
    """
    import psycopg
    from django.db import connection

    server = connection.settings_dict
    credentials = server["USER"] + (f":{server['PASSWORD']}" if server["PASSWORD"] else "")
    root = f"postgres://{credentials}@{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}"
    name = f"migmon_kill_{os.getpid()}"
    with psycopg.connect(f"{root}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{root}/{name}"
    finally:
        with psycopg.connect(f"{root}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
