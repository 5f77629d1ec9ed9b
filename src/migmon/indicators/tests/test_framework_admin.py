"""The framework is browsable in the Wagtail admin and read-only there (see geo.readonly_admin)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["sdg_goals", "sdg_targets", "sdg_indicators", "series", "gcm_objectives"])
def test_framework_listings_render(admin_client, name):
    assert admin_client.get(reverse(f"{name}:index")).status_code == 200
    assert admin_client.get(reverse(f"{name}:add")).status_code in {302, 403}
