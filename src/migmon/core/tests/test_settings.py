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


def test_env_helpers_parse_booleans_and_lists(monkeypatch):
    monkeypatch.setenv("X_FLAG", "false")
    monkeypatch.setenv("X_LIST", "a.org, b.org,")
    assert env.env_bool("X_FLAG", True) is False
    assert env.env_list("X_LIST", []) == ["a.org", "b.org"]
    assert importlib.import_module("migmon.config.settings.base").LANGUAGE_CODE == "fr"
