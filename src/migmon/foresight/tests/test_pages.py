"""Public foresight pages in three languages: the 2017 set with its notice, dashboards linking states to charts."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from migmon.foresight import services
from migmon.foresight.models import ScenarioSet
from migmon.foresight.tests.factories import signpost

NOTICES = {
    "fr": "n'a pas pour but de projeter ou de prédire",
    "en": "does not aim to project or predict",
    "es": "no pretende proyectar ni predecir",
}


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_the_2017_set_shows_its_notice_and_four_scenarios_in_each_language(db, client, lang):
    services.seed_scenario_set()
    html = _html(client, f"/{lang}/foresight/sets/tomorrows-world-2030/")
    assert NOTICES[lang] in html.replace("&#x27;", "'")
    for name in ("My Country First!", "World on Fire", "Opening Roads", "Technopoly"):
        assert name in html
    assert "Friedrich-Ebert-Stiftung" in html and "2016–2017" in html
    index = _html(client, f"/{lang}/foresight/")
    assert f'href="/{lang}/foresight/sets/tomorrows-world-2030/"' in index


def test_the_menu_leads_to_the_scenarios_from_the_home_page(db, client):
    call_command("import_seeds", verbosity=0)  # the entry sits under the home page's data section
    services.seed_scenario_set()
    for lang, label in (("fr", "Scénarios 2030"), ("en", "Scenarios 2030"), ("es", "Escenarios 2030")):
        html = _html(client, f"/{lang}/foresight/")
        assert f'href="/{lang}/foresight/" aria-current="page">{label}</a>' in html


def test_an_unpublished_set_is_not_public(db, client):
    scenario_set, _ = services.seed_scenario_set()
    ScenarioSet.objects.filter(pk=scenario_set.pk).update(live=False)
    assert client.get("/fr/foresight/sets/tomorrows-world-2030/").status_code == 404
    assert client.get("/fr/foresight/sets/tomorrows-world-2030/scenarios/technopoly/").status_code == 404


def test_dashboards_link_every_state_to_its_chart(deaths_data, client):
    item = signpost(areas=("GRC", "ESP", "DNK"))
    dashboard = _html(client, "/en/foresight/sets/tomorrows-world-2030/dashboard/")
    for code in ("GRC", "ESP", "DNK"):
        assert f'href="/en/foresight/signposts/{item.pk}/{code}/"' in dashboard
    assert "Insufficient data" in dashboard and "state-on" in dashboard and "state-off" in dashboard
    chart = _html(client, f"/en/foresight/signposts/{item.pk}/GRC/")
    assert '"year": 2022, "value": 205.0' in chart and "The condition held in 2021, 2022." in chart
    assert "Trend projected to 2030" in chart and "from 9 yearly figures" in chart
    country = _html(client, "/fr/foresight/areas/GRC/")
    assert f'href="/fr/foresight/signposts/{item.pk}/GRC/"' in country and "Allumé" in country
    assert f"/signposts/{item.pk}/ESP/" not in country


def test_unpublished_signposts_stay_off_the_public_pages(deaths_data, client):
    item = signpost(areas=("GRC",), live=False)
    assert client.get(f"/en/foresight/signposts/{item.pk}/GRC/").status_code == 404
    assert f"/signposts/{item.pk}/" not in _html(client, "/en/foresight/sets/tomorrows-world-2030/dashboard/")
