"""Public pages speak to visitors: no file names, curation notes or source keys meant for developers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

DEVELOPER_NOTES = (
    "SOURCES.md",
    "PROVENANCE.md",
    "migmon curation",
    "UNNM:",
    "French title source",
    "Source of the links",
)


@pytest.fixture(scope="module")
def framework(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The SDG/GCM framework from the bundled files (objective titles with their sources, links with theirs)."""
    from migmon.indicators.framework import framework_load

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_geography", verbosity=0)
        framework_load(data_dir=settings.DATA_DIR)
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_gcm_objective_pages_carry_no_developer_notes(client, framework, lang):
    from migmon.indicators.models import GcmObjective

    noted = GcmObjective.objects.exclude(title_fr_source="").exclude(link_source="").first()
    assert noted is not None  # the bundled framework does record where titles and links come from
    html = client.get(f"/{lang}/data/gcm/{noted.number}/").content.decode()
    assert noted.title_en in html or noted.title_fr in html
    found = [note for note in DEVELOPER_NOTES if note in html]
    assert not found, found
