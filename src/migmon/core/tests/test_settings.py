"""Settings come from the environment; secrets are generated, never committed."""

from __future__ import annotations

import importlib

from migmon.config import env


def test_secret_key_is_generated_into_var_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(env, "VAR_DIR", tmp_path)
    first = env.secret_key()
    assert len(first) >= 50
    assert (tmp_path / "secret_key").read_text() == first
    assert env.secret_key() == first


def test_secret_key_from_environment_wins(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert env.secret_key() == "from-the-environment"


def test_database_url_defaults_to_sqlite_under_var(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(env, "VAR_DIR", tmp_path)
    assert env.database_url() == f"sqlite:///{tmp_path / 'migmon.sqlite3'}"


def test_env_helpers_parse_booleans_lists_and_defaults(monkeypatch):
    monkeypatch.setenv("HTTPS", "false")
    monkeypatch.setenv("ALLOWED_HOSTS", "a.org, b.org,")
    monkeypatch.setenv("MIGMON_API_MAX_AGE", "")
    assert env.env_bool("HTTPS") is False
    assert env.env_list("ALLOWED_HOSTS") == ["a.org", "b.org"]
    assert env.env_int("MIGMON_API_MAX_AGE") == 300  # empty means unset: the declared default
    assert importlib.import_module("migmon.config.settings.base").LANGUAGE_CODE == "fr"


def test_last_login_is_written_by_the_sqlite_aware_receiver_only():
    import weakref

    from django.contrib.auth.signals import user_logged_in

    from migmon.core.sqlite_writes import last_login_update

    receivers = [
        entry[1]() if isinstance(entry[1], weakref.ReferenceType) else entry[1] for entry in user_logged_in.receivers
    ]
    assert last_login_update in receivers
    assert not any(getattr(r, "__module__", "") == "django.contrib.auth.models" for r in receivers)
