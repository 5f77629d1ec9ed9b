"""Shareable (issue 12, item 6): every page type says what it is in ``<meta name="description">``, OpenGraph and
Twitter card tags, in the visitor's language, with an absolute URL and a preview image that exists."""

from __future__ import annotations

import html
import re

import pytest
from django.core.management import call_command
from tests.portal_data import DESA_2024_DESTINATION, load_portal_data
from wagtail.models import Locale, Page

ORIGIN = "http://testserver"
GENERIC = {
    "fr": "Chiffres, profils de pays et actualités sur la migration dans l’Agenda 2030",
    "en": "Figures, country profiles and news on migration in the 2030 Agenda",
    "es": "Cifras, perfiles de países y noticias sobre la migración en la Agenda 2030",
}
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES"}


@pytest.fixture
def seeded(db, sample):
    call_command("import_seeds", verbosity=0)
    return sample


def _head(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode().split("</head>")[0]


def _meta(head: str) -> dict[str, list[str]]:
    """``name`` or ``property`` → the contents of the head's meta tags carrying it."""
    found: dict[str, list[str]] = {}
    for key, content in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', head):
        found.setdefault(key, []).append(html.unescape(content))
    return found


def _one(meta: dict[str, list[str]], key: str) -> str:
    (value,) = meta[key]
    return value


def _check_common(client, path: str, language: str) -> dict[str, list[str]]:
    """What every page carries: the tags, one of each, consistent with each other, the image really served."""
    meta = _meta(_head(client, path))
    description = _one(meta, "description")
    assert 20 <= len(description) <= 200
    assert _one(meta, "og:description") == _one(meta, "twitter:description") == description
    assert _one(meta, "og:title") == _one(meta, "twitter:title")
    assert not _one(meta, "og:title").endswith("migmon")  # the site name is og:site_name's
    assert _one(meta, "og:site_name") == "migmon"
    assert _one(meta, "og:url") == ORIGIN + path
    assert _one(meta, "og:locale") == OG_LOCALES[language]
    assert _one(meta, "twitter:card") == "summary_large_image"
    image = _one(meta, "og:image")
    assert image == _one(meta, "twitter:image") and image.startswith(f"{ORIGIN}/static/")
    assert image.endswith(f"card-{language}.png")
    served = client.get(image.removeprefix(ORIGIN))
    assert served.status_code == 200
    assert b"".join(served.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    return meta


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_series_and_indicator_pages_describe_the_series(client, seeded, language):
    meta = _check_common(client, f"/{language}/data/series/SM_DTH_MIGR/?area=MLT", language)
    assert "SM_DTH_MIGR" not in _one(meta, "description")  # a sentence for people, not the code
    assert sorted(meta["og:locale:alternate"]) == sorted(v for k, v in OG_LOCALES.items() if k != language)
    indicator = _check_common(client, f"/{language}/data/indicators/10.7.3/", language)
    opening = {"fr": "Indicateur 10.7.3 :", "en": "Indicator 10.7.3:", "es": "Indicador 10.7.3:"}[language]
    assert _one(indicator, "description").startswith(opening)
    assert _one(indicator, "og:title").startswith("10.7.3 · ")


def test_profiles_describe_the_area(client, seeded):
    malta = _check_common(client, "/fr/data/countries/MLT/", "fr")
    # The sample holds no migrant stock, so the description opens on the profile sentence, not the headline.
    assert _one(malta, "description").startswith("Profil migratoire : Malta — stock de migrants")
    assert _one(malta, "og:title").startswith("Malta · ")
    europe = _check_common(client, "/es/data/regions/150/", "es")
    assert _one(europe, "description").startswith("Perfil migratorio de Europe:")  # English names in the sample


def test_wagtail_pages_use_their_search_description_or_introduction(client, seeded):
    home = Page.objects.get(depth=2, locale=Locale.objects.get(language_code="en")).specific
    home.search_description = "Where migration meets the Sustainable Development Goals."
    home.save_revision().publish()
    meta = _check_common(client, "/en/", "en")
    assert _one(meta, "description") == "Where migration meets the Sustainable Development Goals."
    assert sorted(meta["og:locale:alternate"]) == ["es_ES", "fr_FR"]
    structure = _check_common(client, "/es/quienes-somos/estructura/", "es")
    assert _one(structure, "og:title") == "Estructura"


def test_pages_without_their_own_description_get_the_sites_in_their_language(client, seeded):
    for language in ("fr", "en", "es"):
        meta = _check_common(client, f"/{language}/missing-migrants/", language)
        assert _one(meta, "description").startswith(GENERIC[language])


def test_search_results_stay_out_of_the_index_but_still_describe_themselves(client, seeded):
    head = _head(client, "/fr/search/?q=migration")
    assert '<meta name="robots" content="noindex">' in head
    assert _one(_meta(head), "og:title").startswith("Recherche")


def test_the_captured_title_is_escaped_once(client, seeded):
    """A title with markup characters comes out escaped in the attribute, never as live markup or doubly."""
    structure = Page.objects.get(url_path="/accueil/qui-sommes-nous/structure/").specific
    structure.seo_title = 'Migrations <script>alert("x")</script> & co'
    structure.save_revision().publish()
    head = _head(client, "/fr/qui-sommes-nous/structure/")
    assert "<script>alert" not in head
    assert _one(_meta(head), "og:title") == 'Migrations <script>alert("x")</script> & co'


@pytest.mark.django_db
def test_a_profile_with_migrant_stock_opens_on_its_headline_figure(client, data_dir):
    """Germany's 2024 migrant stock (16,750,084, data/undesa-migrant-stock-2024/PROVENANCE.md) opens its
    profile's description, in each language."""
    load_portal_data(data_dir, DESA_2024_DESTINATION)
    openings = {
        "fr": r"^Allemagne : 16\D750\D084 migrants internationaux y vivaient en 2024\. Profil migratoire : Allemagne",
        "en": r"^Germany: 16,750,084 international migrants lived here in 2024\. Migration profile of Germany",
        "es": r"^Alemania: 16\D750\D084 migrantes internacionales vivían aquí en 2024\. Perfil migratorio de Alemania",
    }
    for language, opening in openings.items():
        meta = _check_common(client, f"/{language}/data/countries/DEU/", language)
        assert re.match(opening, _one(meta, "description")), _one(meta, "description")
