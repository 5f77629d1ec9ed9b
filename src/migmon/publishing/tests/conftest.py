"""Fixtures for publishing tests: the framework loaded, 10.7.3 published from the real bundled file, users in
their real groups, and staged copies of the bundled file with edits a data manager would make."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from migmon.core.groups import DATA_MANAGERS, EDITORS, groups_ensure
from migmon.indicators.services import FileSource, release_import

#: SDG 10.7.3 from the Open SDG ECA export: 181 observations; Albania 2020 is 3 deaths (the file's row 2).
INDICATOR = "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv"
ALBANIA_2020 = '2020,"SM_DTH_MIGR","Albania",3'


@pytest.fixture
def uploads_dir(settings, tmp_path) -> Path:
    settings.MIGMON_UPLOADS_DIR = tmp_path / "uploads"
    return settings.MIGMON_UPLOADS_DIR


@pytest.fixture
def published(db, data_dir, uploads_dir):
    out = StringIO()
    call_command("load_geography", stdout=out)
    call_command("load_framework", stdout=out)
    return release_import(source=FileSource(data_dir / INDICATOR)).release


@pytest.fixture
def original_text(data_dir) -> str:
    return (data_dir / INDICATOR).read_text(encoding="utf-8")


@pytest.fixture
def indicator_file(original_text) -> Callable[..., SimpleUploadedFile]:
    """The bundled file as a data manager would upload it, with Albania 2020 set to ``albania`` and extra rows."""

    def make(albania: int | None = None, extra: str = "") -> SimpleUploadedFile:
        text = original_text
        if albania is not None:
            assert ALBANIA_2020 in text
            text = text.replace(ALBANIA_2020, f'2020,"SM_DTH_MIGR","Albania",{albania}')
        if extra and not text.endswith("\n"):
            text += "\n"
        return SimpleUploadedFile("indicator_10-7-3.csv", (text + extra).encode(), content_type="text/csv")

    return make


def _user(name: str, group: str | None, **extra):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "a-long-password-1", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def groups(db):
    groups_ensure()


@pytest.fixture
def manager(groups):
    return _user("manager", DATA_MANAGERS)


@pytest.fixture
def second_manager(groups):
    return _user("second", DATA_MANAGERS)


@pytest.fixture
def editor(groups):
    return _user("editor", EDITORS)
