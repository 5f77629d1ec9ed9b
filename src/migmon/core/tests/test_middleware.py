"""NUL bytes in a query string are refused with a 400 naming the parameter, never a server error."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_api_answers_json_400_for_nul_byte(client):
    response = client.get("/api/v1/incidents/totals", {"by": "year", "region": "Medi\x00terranean"})
    assert response.status_code == 400
    assert response.json() == {"message": "query parameter 'region' contains a NUL byte", "parameter": "region"}


@pytest.mark.django_db
def test_pages_answer_plain_400_for_nul_byte(client):
    response = client.get("/fr/search/", {"q": "Panama\x00"})
    assert response.status_code == 400
    assert b"'q' contains a NUL byte" in response.content
