"""The site search finds indicators and countries together with content pages."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_search_finds_indicator_by_code_and_country_by_name(client, sample):
    response = client.get("/fr/search/", {"q": "10.7.3"})
    assert response.status_code == 200
    assert "/fr/data/indicators/10.7.3/" in response.content.decode()
    response = client.get("/es/search/", {"q": "malta"})
    assert "/es/data/countries/MLT/" in response.content.decode()


@pytest.mark.django_db
def test_search_by_iso3_and_without_accents(client, sample):
    from migmon.geo.models import Area

    Area.objects.filter(iso3="TUR").update(name_fr="Turquie")
    assert "/fr/data/countries/TUR/" in client.get("/fr/search/", {"q": "TUR"}).content.decode()
    assert "/fr/data/countries/TUR/" in client.get("/fr/search/", {"q": "turquie"}).content.decode()
