"""A way into the data (issue 12, item 1): the "Data and research" section lists every data destination, the
main menu holds them under that section (no app entries of their own in the top bar), the home page leads
there, 10.7.3, its series and GCM objective 8 lead to the Missing Migrants register, and a profile's figures
lead to their full charts."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from migmon.portal.hub import DATA_ENTRIES

SECTIONS = {"fr": "/fr/donnees-et-recherche/", "en": "/en/data-and-research/", "es": "/es/datos-e-investigacion/"}
REGISTER_LABELS = {
    "fr": "Registre des migrants disparus",
    "en": "Missing Migrants register",
    "es": "Registro de migrantes desaparecidos",
}


@pytest.fixture
def seeded(db, sample):
    call_command("import_seeds", verbosity=0)
    return sample


def _html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def _submenu_of(html: str, title: str) -> str:
    """The sub-menu markup under the top-level menu entry called ``title``."""
    match = re.search(
        rf'class="menu-link" href="[^"]*">{re.escape(title)}</a>(.*?)</li>\s*'
        r'(<li class="menu-item|</ul>\s*</div>\s*</nav>)',
        html,
        re.S,
    )
    assert match, f"no menu entry {title!r}"
    return match.group(1)


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_the_data_section_lists_every_destination(client, seeded, lang):
    html = _html(client, SECTIONS[lang])
    for entry in DATA_ENTRIES:
        assert f'id="hub-{entry.key}"' in html
    for path in (
        f"/{lang}/data/",
        f"/{lang}/data/series/MIGSTOCK/",
        f"/{lang}/missing-migrants/",
        f"/{lang}/data/countries/",
        f"/{lang}/data/gcm/",
        f"/{lang}/progress/",
        f"/{lang}/foresight/",
        "/api/v1/docs",
    ):
        assert f'href="{path}"' in html, path
    assert f'href="/{lang}/data/series/SM_DTH_MIGR/download/?format=csv"' in html
    assert 'href="/api/v1/incidents?format=csv"' in html
    assert "Also in" not in html and "Aussi dans" not in html and "También en" not in html


def test_the_menu_holds_the_data_destinations_under_the_data_section(client, seeded):
    html = _html(client, "/fr/")
    submenu = _submenu_of(html, "Données et recherche")
    for label in (
        "Registre des migrants disparus",
        "Stock de migrants internationaux",
        "Progrès 2030",
        "Scénarios 2030",
    ):
        assert f">{label}</a>" in submenu, label
    top_level = re.findall(r'class="menu-link" href="[^"]*"[^>]*>([^<]+)</a>', html)
    assert "Progrès 2030" not in top_level and "Scénarios 2030" not in top_level
    # On a data page the section is the active branch and its entry is the current page.
    register = _html(client, "/fr/missing-migrants/")
    assert re.search(r'class="menu-item is-active">\s*<a class="menu-link" href="/fr/donnees-et-recherche/">', register)
    assert 'href="/fr/missing-migrants/" aria-current="page">Registre des migrants disparus</a>' in register


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_the_home_page_leads_to_the_data_section_and_the_register(client, seeded, lang):
    html = _html(client, f"/{lang}/")
    section = html.split('class="home-data', 1)[1]
    assert f'href="{SECTIONS[lang]}"' in section
    assert f'href="/{lang}/missing-migrants/">{REGISTER_LABELS[lang]}</a>' in section
    assert f'href="/{lang}/data/series/MIGSTOCK/"' in section


def test_10_7_3_its_series_and_gcm_objective_8_lead_to_the_register(client, sample):
    from migmon.indicators.models import GcmObjective

    for number in (8, 9):
        GcmObjective.objects.create(number=number, title_en=f"Objective {number}", title_fr=f"Objectif {number}")
    for path in ("/fr/data/indicators/10.7.3/", "/fr/data/series/SM_DTH_MIGR/", "/fr/data/gcm/8/"):
        assert 'class="register-link"' in _html(client, path), path
    assert 'class="register-link"' not in _html(client, "/fr/data/gcm/9/")


def test_profile_figures_lead_to_their_full_charts_and_the_register(client, sample):
    html = _html(client, "/en/data/countries/MLT/")
    assert 'href="/en/missing-migrants/">Missing Migrants register</a>' in html
    for match in re.findall(r'<a href="(/en/data/indicators/[^"]+)"', html):
        assert "area=MLT" in match
