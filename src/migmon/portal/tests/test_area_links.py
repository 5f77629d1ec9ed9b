"""Countries without an ISO alpha-3 code (Channel Islands, Taiwan Province of China, Kosovo) link by their area
code, which the profile URL resolves: no ``/data/countries/None/`` links."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.conf import settings

from migmon.geo.services import geography_load
from migmon.geo.tests.conftest import clear_geography

WITHOUT_ISO3 = {"desa-830": "Channel Islands", "desa-158": "China, Taiwan Province of China", "XKX": "Kosovo"}


@pytest.fixture(scope="module")
def geography(django_db_setup, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock():
        geography_load(data_dir=settings.DATA_DIR)
        yield
        clear_geography()


@pytest.mark.django_db
def test_country_index_links_every_country_to_a_profile_that_exists(client, geography):
    from migmon.geo.models import Area

    without_iso3 = Area.objects.filter(code__in=WITHOUT_ISO3, iso3=None).values_list("code", flat=True)
    assert set(without_iso3) == set(WITHOUT_ISO3)
    html = client.get("/en/data/countries/").content.decode()
    links = re.findall(r'href="/en/data/countries/([^/"]+)/"', html)
    assert "None" not in links
    assert set(WITHOUT_ISO3) <= set(links)
    for code, name in WITHOUT_ISO3.items():
        profile = client.get(f"/en/data/countries/{code}/")
        assert profile.status_code == 200 and name in profile.content.decode()


@pytest.mark.django_db
def test_country_search_result_links_by_area_code(client, geography):
    html = client.get("/en/search/", {"q": "Kosovo"}).content.decode()
    assert 'href="/en/data/countries/XKX/"' in html and "/countries/None/" not in html


@pytest.mark.django_db
def test_a_lowercase_code_redirects_to_the_profile_url(client, geography):
    assert client.get("/en/data/countries/mlt/")["Location"] == "/en/data/countries/MLT/"
    assert client.get("/en/data/countries/xkx/")["Location"] == "/en/data/countries/XKX/"
