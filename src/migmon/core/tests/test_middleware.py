"""NUL bytes in a query string are refused with a 400 naming the parameter, in a path with a 404: never a server
error (PostgreSQL refuses NUL in text)."""

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


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fr/data/series/%00/", "/en/data/countries/F%00RA/", "/fr/a%00b/"])
def test_a_nul_byte_in_a_page_address_is_a_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and b"NUL byte" in response.content


@pytest.mark.django_db
def test_a_nul_byte_in_an_api_address_is_a_json_404(client):
    response = client.get("/api/v1/series/SM%00POP")
    assert response.status_code == 404
    assert response.json() == {"message": "no page has a NUL byte in its address", "parameter": None}
