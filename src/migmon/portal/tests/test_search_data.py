"""Site search finds the data as a journalist asks for it (issue 12, item 1): "missing migrants", "IOM" and
"Mediterranean" lead to the register, "migrant stock" and "stock" to the migrant stock series before fish
stocks, and each page is listed once, in the asked language where it has a translation.

Built once for the module from the real files: the framework, UN DESA 2024 by destination, IOM's 2026 export
and the seed pages.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from tests.portal_data import DESA_2024_DESTINATION, load_portal_data

from migmon.incidents.imports import incidents_import

IOM_2026 = "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, data_dir) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_seeds", verbosity=0)
        load_portal_data(data_dir, DESA_2024_DESTINATION)
        incidents_import(path=data_dir / IOM_2026)
        yield
        transaction.set_rollback(True)


def _results(client, lang: str, query: str) -> list:
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200
    return [result for result, _snippet in response.context["items"]]


def _urls(client, lang: str, query: str) -> list[str]:
    return [result.url for result in _results(client, lang, query)]


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "query"), [("en", "missing migrants"), ("fr", "migrants disparus"), ("en", "IOM")])
def test_the_register_comes_first(client, site, lang, query):
    assert _urls(client, lang, query)[0] == f"/{lang}/missing-migrants/"


@pytest.mark.django_db
def test_iom_finds_the_pages_that_say_oim(client, site):
    french = [r for r in _results(client, "fr", "IOM") if r.language == "fr"]
    assert french, "no French page found for IOM although the content says OIM"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Mediterranean", "Méditerranée"])
def test_mediterranean_finds_the_registers_routes(client, site, query):
    urls = _urls(client, "fr", query)
    assert urls[0] == "/fr/missing-migrants/?region=Mediterranean"
    assert "/fr/missing-migrants/?route=Central+Mediterranean" in urls
    assert not any("%2C" in url for url in urls)  # no merged "Mediterranean,North America" option
    found = [(result.kind, result.title) for result in _results(client, "fr", query)]
    assert ("Route migratoire", "Registre des migrants disparus: Méditerranée centrale") in found


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "query"), [("en", "migrant stock"), ("fr", "stock de migrants"), ("en", "stock")])
def test_migrant_stock_before_fish_stocks(client, site, lang, query):
    urls = _urls(client, lang, query)
    assert urls[0] == f"/{lang}/data/series/MIGSTOCK/"
    fish = f"/{lang}/data/indicators/14.4.1/"
    if fish in urls:
        assert urls.index(fish) > urls.index(f"/{lang}/data/series/MIGSTOCK/")
        pages = [i for i, r in enumerate(_results(client, lang, query)) if r.language]
        assert all(i < urls.index(fish) for i in pages)


@pytest.mark.django_db
def test_a_code_finds_its_indicator_first_and_not_numbers_in_titles(client, site):
    urls = _urls(client, "en", "10.7.3")
    assert urls[0] == "/en/data/indicators/10.7.3/"
    assert "/en/data/indicators/3.7.2/" not in urls  # "aged 10–14" is not 10.7.3


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_each_page_once_in_the_asked_language(client, site, lang):
    from wagtail.models import Page

    key_of = {page.url: page.translation_key for page in Page.objects.live().exclude(depth__lte=1)}
    results = [r for r in _results(client, lang, "Structure") if r.language]
    assert results
    keys = [key_of[r.url] for r in results]
    assert len(keys) == len(set(keys)), [r.url for r in results]
    translated = {page.translation_key for page in Page.objects.filter(locale__language_code=lang)}
    for result, key in zip(results, keys, strict=True):
        if key in translated:
            assert result.language == lang, result.url
