"""Every portal page answers on the sample, in the three languages."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_pages_render(client, sample, lang):
    for path in (
        "data/",
        "data/goals/10/",
        "data/indicators/10.7.3/",
        "data/indicators/10.7.3/?tab=map&year=2016",
        "data/series/SM_DTH_MIGR/",
        "data/series/SM_DTH_MIGR/embed/",
        "data/gcm/",
        "data/countries/",
        "data/countries/MLT/",
        "data/regions/150/",
    ):
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200, (path, response.status_code)
