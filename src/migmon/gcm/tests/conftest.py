"""Fixtures of the follow-up tests: the real geography and GCM framework (loaded once per module), people in
each role, and pledge values a test adjusts. The pledges are the tests' own: the product ships none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from migmon.core.answer_store import STORE


@pytest.fixture(scope="module")
def framework(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Geography (UN M49) and the SDG/GCM framework from the bundled files, rolled back after the module."""
    from migmon.indicators.framework import framework_load

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_geography", verbosity=0)
        framework_load(data_dir=settings.DATA_DIR)
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """No rate limit, and no cache or replayed answer left by another test (rolled-back tests can leave the
    tables' stamps, hence the data version, as they were)."""
    settings.MIGMON_API_RATE_LIMIT = "0"
    cache.clear()
    STORE.clear()
    yield
    cache.clear()
    STORE.clear()


@pytest.fixture
def roles(db, django_user_model):
    """An editor (pages only), two data managers (author and reviewer) and a clerk who may only enter pledges."""
    from django.contrib.auth.models import Permission

    from migmon.core.groups import DATA_MANAGERS, EDITORS, groups_ensure

    groups = groups_ensure()
    users: dict[str, Any] = {"anonymous": None}
    for name, group in (("editor", EDITORS), ("author", DATA_MANAGERS), ("reviewer", DATA_MANAGERS)):
        user = django_user_model.objects.create_user(username=name, password="a-long-test-password")
        user.groups.add(groups[group])
        users[name] = user
    clerk = django_user_model.objects.create_user(username="clerk", password="a-long-test-password")
    clerk.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="gcm", codename__in=["view_pledge", "add_pledge", "change_pledge"]
        )
    )
    users["clerk"] = clerk
    return users


TEXT = (
    "The Ministry will reduce the recruitment fees paid by migrant workers placed through licensed agencies, "
    "publish the fee schedule of every agency each year, and open a complaints desk in the three busiest "
    "departure airports; progress is reported to the national coordination committee twice a year and to "
    "the Network's pledging dashboard once a year until the end date."
)
assert 300 <= len(TEXT) <= 3000


def pledge_values(**changes: Any) -> dict[str, Any]:
    """A valid individual pledge of Mexico toward objective 6 (a test's own, not a real pledge)."""
    from migmon.geo.models import Area
    from migmon.indicators.models import GcmObjective

    values: dict[str, Any] = {
        "title": "Fair recruitment of migrant workers",
        "text": TEXT,
        "pledge_type": "individual",
        "matched_pledge": None,
        "forms": ["policy"],
        "objectives": list(GcmObjective.objects.filter(number=6)),
        "guiding_principles": ["human_rights"],
        "level": "national",
        "pledging_states": list(Area.objects.filter(iso3="MEX")),
        "stakeholders": "",
        "partners": "",
        "areas": list(Area.objects.filter(iso3="MEX")),
        "start": date(2024, 1, 1),
        "end": date(2030, 12, 31),
        "metric": "Average recruitment cost as months of earnings (SDG 10.7.1)",
    }
    values.update(changes)
    return values
