"""Data managers edit the target register in the Wagtail admin; every save asks why and keeps who and when."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from migmon.progress.models import ProgressTarget, TargetChange


@pytest.fixture
def manager_client(client, django_user_model, progress_data):
    call_command("ensure_groups", verbosity=0)
    user = django_user_model.objects.create_user("manager", "manager@example.org", "pw")
    user.groups.add(Group.objects.get(name="Data managers"))
    client.force_login(user)
    return client


def _form(target: ProgressTarget, **changes) -> dict[str, object]:
    values = {
        "series": target.series_id,
        "disaggregation": target.disaggregation,
        "measure": target.measure,
        "indicator_code": target.indicator_code,
        "direction": target.direction,
        "target_value": target.target_value if target.target_value is not None else "",
        "target_kind": target.target_kind,
        "target_year": target.target_year,
        "limit": target.limit if target.limit is not None else "",
        "base_year": target.base_year,
        "source_text": target.source_text,
        "basis": target.basis,
    }
    return values | changes


def test_a_data_manager_edits_a_target_with_a_reason(manager_client):
    target = ProgressTarget.objects.get(series__code="SI_RMT_COST", disaggregation="")
    assert manager_client.get(reverse("progress_targets:index")).status_code == 200
    edit_url = reverse("progress_targets:edit", args=[target.pk])
    assert manager_client.get(edit_url).status_code == 200

    without_reason = manager_client.post(edit_url, _form(target, target_value="2.5"))
    assert without_reason.status_code == 200  # the form comes back: a reason is required
    target.refresh_from_db()
    assert target.target_value == 3.0

    answer = manager_client.post(edit_url, _form(target, target_value="2.5", reason="National plan: 2.5 % by 2030"))
    assert answer.status_code == 302
    target.refresh_from_db()
    assert target.target_value == 2.5
    change = TargetChange.objects.filter(target=target).first()
    assert (change.changed_by_name, change.reason) == ("manager", "National plan: 2.5 % by 2030")
    assert (change.before["target_value"], change.after["target_value"]) == (3.0, 2.5)
    assert manager_client.get(reverse("progress_target_changes:index")).status_code == 200
    # The history is read-only.
    assert manager_client.get(reverse("progress_target_changes:edit", args=[change.pk])).status_code in {302, 403}


def test_an_edit_changes_the_published_status(manager_client):
    before = manager_client.get("/api/v1/progress", {"area": "AZE", "series": "SI_RMT_COST"}).json()["items"][0]
    assert before["open_sdg"]["status"] == "target_achieved"  # 1.61 % in 2021, under 3 %
    target = ProgressTarget.objects.get(series__code="SI_RMT_COST", disaggregation="")
    edit_url = reverse("progress_targets:edit", args=[target.pk])
    manager_client.post(edit_url, _form(target, target_value="1.5", reason="Test a stricter national target"))
    after = manager_client.get("/api/v1/progress", {"area": "AZE", "series": "SI_RMT_COST"}).json()["items"][0]
    assert after["open_sdg"]["target_value"] == 1.5
    assert after["open_sdg"]["status"] != "target_achieved"
