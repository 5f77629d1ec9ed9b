"""Settings read from the environment: every variable is declared once in :data:`VARIABLES`, then read by name.

The declaration holds the default and what the variable means, so the README's settings table can be checked
against it (``core/tests/test_docs.py``): a variable read here and missing from the README, or a README row
that nothing reads, fails the suite. Reading an undeclared name is an error, so nothing can bypass the list.

The secret key is never committed: when ``SECRET_KEY`` is unset, one is generated once into ``var/secret_key``
(git-ignored) and reused on later starts.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

PROJECT_DIR = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Variable:
    """One environment variable: ``default`` is the text used when it is unset (``None``: computed, see
    ``documented_default``); ``read_by`` is ``settings`` (Python) or ``make`` (the Makefile's ``make run``)."""

    name: str
    documented_default: str
    meaning: str
    default: str | None = None
    read_by: str = "settings"


VARIABLES: dict[str, Variable] = {
    variable.name: variable
    for variable in (
        Variable(
            "DATABASE_URL",
            "`sqlite:///var/migmon.sqlite3`",
            "any dj-database-url URL, e.g. `postgres://postgres@127.0.0.1:5432/migmon`",
        ),
        Variable(
            "DATABASE_REPLICA_URL",
            "unset",
            "a streaming replica of a PostgreSQL `DATABASE_URL`: anonymous GET and HEAD requests read it; writes, "
            "transactions, signed-in users and commands use the primary (see Deployment: several instances)",
            default="",
        ),
        Variable("SECRET_KEY", "generated once into `var/secret_key`", "never committed"),
        Variable("DEBUG", "off", "`1` to turn on", default=""),
        Variable(
            "ALLOWED_HOSTS", "`127.0.0.1,localhost,[::1]`", "comma-separated", default="127.0.0.1,localhost,[::1]"
        ),
        Variable("CSRF_TRUSTED_ORIGINS", "empty", "comma-separated origins behind a proxy", default=""),
        Variable("HTTPS", "off", "secure cookies, HSTS, SSL redirect", default=""),
        Variable("MIGMON_VAR_DIR", "`var/` in the project", "database file, secret key, cache database, media, static"),
        Variable(
            "WAGTAILADMIN_BASE_URL",
            "`http://127.0.0.1:8000`",
            "the site's address, used in links of notification e-mails",
            default="http://127.0.0.1:8000",
        ),
        Variable(
            "REDIS_URL",
            "unset",
            "use Redis (e.g. `redis://127.0.0.1:6379/0`) as the shared cache and rate-limit store; without it, "
            "a database table (its own SQLite file next to a SQLite database)",
            default="",
        ),
        Variable(
            "MIGMON_API_RATE_LIMIT",
            "`300/60`",
            "API requests per client per window (`requests/seconds`; `0` = no limit), counted across all workers "
            "in the shared cache; 429 with `Retry-After` beyond",
            default="300/60",
        ),
        Variable(
            "MIGMON_API_TRUST_PROXY",
            "off",
            "take the client address from `X-Forwarded-For` (behind a proxy)",
            default="",
        ),
        Variable("MIGMON_API_MAX_AGE", "`300`", "API `Cache-Control: max-age`, in seconds", default="300"),
        Variable(
            "MIGMON_API_ANSWER_STORE_MB",
            "`64`",
            "memory each server process may give to finished API answers, replayed while the data is unchanged "
            "(`0` = off)",
            default="64",
        ),
        Variable(
            "MIGMON_LOGIN_FAILURES_PER_ACCOUNT",
            "`5/900`",
            "failed sign-ins per user name per window (`failures/seconds`; `0` = no limit) before the account is "
            "refused for the window's length, counted across all workers in the shared cache",
            default="5/900",
        ),
        Variable(
            "MIGMON_LOGIN_FAILURES_PER_ADDRESS",
            "`20/900`",
            "failed sign-ins per client address per window before the address is refused for the window's length",
            default="20/900",
        ),
        Variable(
            "MIGMON_WORKSHOP_BALLOTS_PER_HOUR",
            "`120`",
            "ballots one client address may send to one foresight workshop round per hour (a room behind one "
            "address counts as one; `0` = no limit)",
            default="120",
        ),
        Variable(
            "MIGMON_PDF_CONCURRENCY",
            "`2`",
            "PDFs (profiles, scenario sets) printed at once on this machine, across all server processes; a request "
            "that finds no free slot within a few seconds gets 503 with `Retry-After`",
            default="2",
        ),
        Variable(
            "MIGMON_PDF_RATE_LIMIT",
            "`30/60`",
            "PDF requests per client per window (`requests/seconds`; `0` = no limit), counted in the shared cache; "
            "429 with `Retry-After` beyond",
            default="30/60",
        ),
        Variable(
            "EMAIL_URL",
            "`console:`",
            "how mail (password resets, notifications) is sent: `console:` prints it, "
            "`smtp://user:password@host:587?tls=1` or `smtps://…:465` sends it",
            default="console:",
        ),
        Variable(
            "DEFAULT_FROM_EMAIL", "`migmon@localhost`", "sender of the mail migmon sends", default="migmon@localhost"
        ),
        Variable(
            "MIGMON_UPLOAD_MAX_MB",
            "`200`",
            "largest file a data manager or a system may upload for publishing, in MB",
            default="200",
        ),
        Variable(
            "MIGMON_IMPORT_MAX_INFLATED_MB",
            "`1024`",
            "largest content a compressed import file (`.gz`, the members of an XLSX) may inflate to, in MB",
            default="1024",
        ),
        Variable(
            "MIGMON_IMPORT_MAX_RATIO",
            "`100`",
            "largest inflated/compressed size ratio of an import file past its first MB (real files: about 10)",
            default="100",
        ),
        Variable(
            "MIGMON_IMPORT_MAX_SHARED_STRINGS_MB",
            "`16`",
            "largest shared-strings part of an imported XLSX workbook, in MB (held in memory while it is read)",
            default="16",
        ),
        Variable("MIGMON_IMPORT_MAX_LINE_KB", "`1024`", "longest line of an imported text file, in KB", default="1024"),
        Variable(
            "MIGMON_IMPORT_MAX_FIELDS", "`1000`", "most fields (columns) in one row of an imported CSV", default="1000"
        ),
        Variable(
            "MIGMON_IMPORT_MAX_XML_DEPTH", "`32`", "deepest element nesting of an imported XML file", default="32"
        ),
        Variable(
            "MIGMON_IMPORT_MAX_XML_ELEMENT_KB",
            "`1024`",
            "largest element (attributes and text) of an imported XML file, in KB",
            default="1024",
        ),
        Variable(
            "MIGMON_IMPORT_MAX_PROBLEMS",
            "`1000`",
            "problems kept per import (in the release and the refusal); the rest are counted, errors kept first",
            default="1000",
        ),
        Variable(
            "MIGMON_NATIONAL_AREA",
            "unset",
            "a national platform's country (`GBR`, `826`, `United Kingdom`): the area of imported files that name "
            "none, such as national Open SDG CSVs, when no `--area` is given",
            default="",
        ),
        Variable(
            "MIGMON_PUBLISH_FOUR_EYES",
            "off",
            "`1`: the person who uploaded a file cannot publish it (another data manager must)",
            default="",
        ),
        Variable("MIGMON_ADMIN_USER", "`admin`", "first administrator's user name", default="admin"),
        Variable(
            "MIGMON_ADMIN_EMAIL", "`admin@example.org`", "first administrator's e-mail", default="admin@example.org"
        ),
        Variable("MIGMON_ADMIN_PASSWORD", "generated, printed once", "first administrator's password", default=""),
        Variable("PORT", "`8000`", "port of `make run`", default="8000", read_by="make"),
        Variable("HOST", "`127.0.0.1`", "address of `make run`", default="127.0.0.1", read_by="make"),
        Variable("WORKERS", "`2`", "server processes of `make run`", default="2", read_by="make"),
        Variable("THREADS", "`2`", "threads per server process of `make run`", default="2", read_by="make"),
    )
}


def _raw(name: str) -> str | None:
    """The variable's text, or its declared default; an undeclared name is a programming error."""
    variable = VARIABLES[name]
    if variable.read_by != "settings":
        raise KeyError(f"{name} is read by {variable.read_by}, not by the settings")
    value = os.environ.get(name)
    return variable.default if value is None or value == "" else value


def env_text(name: str) -> str:
    """Read a text such as ``MIGMON_API_RATE_LIMIT=120/60`` (its default when unset)."""
    return _raw(name) or ""


def env_bool(name: str) -> bool:
    """Read a boolean such as ``DEBUG=1`` / ``DEBUG=false``."""
    return (_raw(name) or "").strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str) -> int:
    """Read a whole number such as ``MIGMON_API_MAX_AGE=600``."""
    return int(env_text(name))


def env_list(name: str) -> list[str]:
    """Read a comma-separated list such as ``ALLOWED_HOSTS=a.org,b.org``."""
    return [item.strip() for item in env_text(name).split(",") if item.strip()]


VAR_DIR = Path(_raw("MIGMON_VAR_DIR") or PROJECT_DIR / "var")


def secret_key() -> str:
    """Return ``SECRET_KEY`` from the environment, else the one kept in ``var/``."""
    from_env = _raw("SECRET_KEY")
    if from_env:
        return from_env
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def email_settings() -> dict[str, object]:
    """Django's e-mail settings from ``EMAIL_URL`` (``console:``, ``smtp://…`` or ``smtps://…``).

    One URL, like ``DATABASE_URL``, so that a deployment sets one variable and a wrong scheme fails at start-up
    instead of when the first password-reset mail is due.
    """
    url = urlsplit(env_text("EMAIL_URL"))
    if url.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url.scheme not in {"smtp", "smtps"}:
        raise ValueError(f"EMAIL_URL: unknown scheme {url.scheme!r} (use console:, smtp:// or smtps://)")
    options = parse_qs(url.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": url.hostname or "localhost",
        "EMAIL_PORT": url.port or (465 if url.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(url.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(url.password or ""),
        "EMAIL_USE_SSL": url.scheme == "smtps",
        "EMAIL_USE_TLS": options.get("tls", ["0"])[0].lower() in {"1", "true", "yes", "on"},
        "EMAIL_TIMEOUT": 10,
    }


def database_url() -> str:
    """Return ``DATABASE_URL``, defaulting to a SQLite file under ``var/``."""
    url = _raw("DATABASE_URL")
    if url:
        return url
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR_DIR / 'migmon.sqlite3'}"
