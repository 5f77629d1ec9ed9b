"""Fixtures of the incidents tests: the real bundled register (built once per module) and users in each role."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def bundled_register(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Geography + the three bundled IOM files, imported once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_geography", verbosity=0)
        call_command("import_bundled_incidents", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def roles(db, django_user_model):
    """anonymous (None), an editor, two data managers (author and reviewer) and a data-entry-only user."""
    from django.contrib.auth.models import Permission

    from migmon.core.groups import DATA_MANAGERS, EDITORS, groups_ensure

    groups = groups_ensure()
    users = {"anonymous": None}
    for name, group in (("editor", EDITORS), ("author", DATA_MANAGERS), ("reviewer", DATA_MANAGERS)):
        user = django_user_model.objects.create_user(username=name, password="a-long-test-password")
        user.groups.add(groups[group])
        users[name] = user
    clerk = django_user_model.objects.create_user(username="clerk", password="a-long-test-password")
    clerk.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="incidents", codename__in=["view_incident", "add_incident", "change_incident"]
        )
    )
    users["clerk"] = clerk
    return users
