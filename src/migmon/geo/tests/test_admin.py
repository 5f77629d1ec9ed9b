"""The geography and framework are browsable in the Wagtail admin, and nobody can edit them there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from migmon.geo.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


def test_areas_are_listed_searched_and_inspected(geography, admin_client):
    response = admin_client.get(reverse("areas:index"), {"q": "Allemagne"})
    assert response.status_code == 200
    assert "Germany" in response.content.decode() and "Afghanistan" not in response.content.decode()
    germany = Area.objects.get(code="DEU")
    response = admin_client.get(reverse("areas:inspect", args=[germany.pk]))
    assert response.status_code == 200 and "DEU" in response.content.decode()
    assert admin_client.get(reverse("area_aliases:index")).status_code == 200
    assert admin_client.get(reverse("desa_codes:index")).status_code == 200


def test_even_a_superuser_cannot_edit_reference_data(geography, admin_client):
    germany = Area.objects.get(code="DEU")
    assert admin_client.get(reverse("areas:add")).status_code in {302, 403}
    response = admin_client.post(reverse("areas:edit", args=[germany.pk]), {"name_en": "Changed"})
    assert response.status_code in {302, 403}
    assert Area.objects.get(code="DEU").name_en == "Germany"
    assert admin_client.post(reverse("areas:delete", args=[germany.pk])).status_code in {302, 403}
    assert Area.objects.filter(code="DEU").exists()
