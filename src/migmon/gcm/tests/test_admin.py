"""Data managers edit a GCM link's basis and strength in the Wagtail admin; the edit is marked editorial, so the
next load_framework keeps it, and the objective's page shows it."""

from __future__ import annotations

import pytest
from django.test import Client

from migmon.indicators.models import GcmLink, GcmLinkOrigin

pytestmark = pytest.mark.django_db


def test_a_data_manager_edits_a_link_and_the_page_shows_the_new_basis(framework, roles):
    client = Client()
    client.force_login(roles["author"])
    link = GcmLink.objects.get(objective__number=2, target__code="13.1")
    assert client.get("/admin/gcm_links/").status_code == 200
    response = client.post(
        f"/admin/gcm_links/edit/{link.pk}/",
        {
            "objective": link.objective_id,
            "target": link.target_id,
            "indicator": "",
            "strength": "general",
            "basis": "text: checked against the Network's objective 2 page",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    link.refresh_from_db()
    assert link.origin == GcmLinkOrigin.EDITORIAL and link.strength == "general"
    html = Client().get("/fr/data/gcm/2/").content.decode()
    assert "checked against the Network&#x27;s objective 2 page" in html
    editor = Client()
    editor.force_login(roles["editor"])
    assert editor.get(f"/admin/gcm_links/edit/{link.pk}/").status_code in (302, 403)
