"""Settings read from the environment, with safe defaults for a fresh clone.

The secret key is never committed: when ``SECRET_KEY`` is unset, one is generated
once into ``var/secret_key`` (git-ignored) and reused on later starts.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("MIGMON_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean such as ``DEBUG=1`` / ``DEBUG=false``."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list such as ``ALLOWED_HOSTS=a.org,b.org``."""
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key() -> str:
    """Return ``SECRET_KEY`` from the environment, else the one kept in ``var/``."""
    from_env = os.environ.get("SECRET_KEY")
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


def database_url() -> str:
    """Return ``DATABASE_URL``, defaulting to a SQLite file under ``var/``."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR_DIR / 'migmon.sqlite3'}"
