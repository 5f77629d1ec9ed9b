"""Editing in the Wagtail admin: a rule that cannot be evaluated is refused on the field at fault; a saved
signpost's state is recorded at once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from migmon.foresight.models import Scenario, Signpost, SignpostRecord
from migmon.foresight.tests.factories import signpost
from migmon.geo.selectors import area_by_code
from migmon.indicators.models import Series


@pytest.fixture
def editor_client(client, deaths_data):
    editor = get_user_model().objects.create_user(username="editor", password="a-long-test-password")
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label="foresight")
        | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(editor)
    return client


def _form(**changes):
    fields = {
        "scenario": Scenario.objects.get(slug="opening-roads").pk,
        "direction": "toward",
        "statement_fr": "Les décès en migration reculent deux années de suite.",
        "series": Series.objects.get(code="SM_DTH_MIGR").pk,
        "areas": [area_by_code("ESP").pk],
        "dimensions": "",
        "aggregate": "latest",
        "window": 1,
        "comparator": "falling",
        "persistence": 1,
        "min_points": 3,
        "live": "on",
    }
    return fields | changes


def test_a_threshold_is_required_to_compare_above(deaths_data):
    item = signpost(areas=("GRC",), comparator="above")
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "threshold" in error.value.message_dict


def test_the_admin_refuses_a_rule_without_its_threshold_and_records_a_saved_one(editor_client):
    signpost(areas=("GRC",))  # seeds the set
    refused = editor_client.post("/admin/foresight_signposts/new/", _form(comparator="above"))
    assert refused.status_code == 200 and not Signpost.objects.filter(scenario__slug="opening-roads").exists()
    assert "Il faut un seuil pour comparer au-dessus ou en dessous." in refused.content.decode()  # admin in French

    saved = editor_client.post("/admin/foresight_signposts/new/", _form())
    assert saved.status_code == 302
    item = Signpost.objects.get(scenario__slug="opening-roads")
    # Spain fell from 451 (2021) to 320 (2022): "falling in the latest year" is on, recorded on save.
    assert list(SignpostRecord.objects.filter(signpost=item).values_list("subject", "state")) == [("ESP", "on")]


def test_the_public_cannot_reach_the_admin(client, deaths_data):
    response = client.get("/admin/foresight_signposts/new/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
