"""Findable (issue 12, item 6): /sitemap.xml lists the published pages of the three languages with their
alternates and no draft, /robots.txt keeps crawlers out of the back offices only, /favicon.ico answers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import resolve
from django.utils import translation
from wagtail.models import Locale, Page

from migmon.content.models import StandardPage
from migmon.foresight import services as foresight_services
from migmon.portal import sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ORIGIN = "http://testserver"


@pytest.fixture
def seeded(db, sample):
    call_command("import_seeds", verbosity=0)
    return sample


def _sitemap(client) -> dict[str, dict[str, str]]:
    """Each listed URL → its alternates by hreflang."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def _home(language: str) -> Page:
    return Page.objects.get(depth=2, locale=Locale.objects.get(language_code=language))


def test_sitemap_lists_the_published_pages_of_each_language_with_their_translations(client, seeded):
    found = _sitemap(client)
    assert all(location.startswith(f"{ORIGIN}/") for location in found)
    for language in ("fr", "en", "es"):
        assert found[f"{ORIGIN}/{language}/"] == {
            "fr": f"{ORIGIN}/fr/",
            "en": f"{ORIGIN}/en/",
            "es": f"{ORIGIN}/es/",
            "x-default": f"{ORIGIN}/fr/",
        }
    structure = found[f"{ORIGIN}/es/quienes-somos/estructura/"]
    assert structure["en"] == f"{ORIGIN}/en/who-we-are/structure/"
    assert structure["fr"] == f"{ORIGIN}/fr/qui-sommes-nous/structure/"
    # Every live page of the three trees is there, and nothing else from the tree.
    live = {ORIGIN + page.get_url() for page in Page.objects.live().public().filter(depth__gte=2)}
    tree_urls = {url for url in found if not _outside_the_tree(url)}
    assert tree_urls == live


def _outside_the_tree(url: str) -> bool:
    path = url.removeprefix(ORIGIN)
    with translation.override(path.split("/")[1]):  # a language prefix resolves in its own language only
        return resolve(path).url_name != "wagtail_serve"


def test_sitemap_leaves_out_drafts_and_shows_a_page_once_it_is_published(client, seeded):
    draft = _home("fr").add_child(instance=StandardPage(title="Brouillon", slug="brouillon-du-sitemap", live=False))
    assert not any("brouillon-du-sitemap" in url for url in _sitemap(client))
    draft.save_revision().publish()
    assert f"{ORIGIN}/fr/brouillon-du-sitemap/" in _sitemap(client)  # the cache key moved with the page log


def test_sitemap_lists_the_data_pages_in_three_languages(client, seeded):
    found = _sitemap(client)
    for path in (
        "data/series/SM_DTH_MIGR/",
        "data/indicators/10.7.3/",
        "data/countries/MLT/",
        "data/regions/150/",
        "data/countries/MLT/gcm/",
        "progress/areas/MLT/",
        "missing-migrants/",
        "data/gcm/follow-up/",
        "foresight/",
    ):
        urls = {language: f"{ORIGIN}/{language}/{path}" for language in ("fr", "en", "es")}
        for url in urls.values():
            assert found[url] == urls | {"x-default": urls["fr"]}, url


def test_every_kind_of_data_page_in_the_sitemap_answers(client, seeded):
    """One page of each route the map lists (in English) really answers 200: the map sends no crawler to a 404."""
    foresight_services.seed_scenario_set()  # the 2017 set: its pages and scenarios
    first_of_each: dict[str, tuple] = {}
    for name, args in sitemap.data_routes():
        first_of_each.setdefault(name, args)
    assert {"foresight:set", "foresight:scenario"} <= set(first_of_each)
    assert len(first_of_each) > 20
    request = type("R", (), {"build_absolute_uri": staticmethod(lambda url: url)})()
    for name, args in first_of_each.items():
        (entry,) = [e for e in sitemap.data_entries(request, [(name, args)], None) if e.location.startswith("/en/")]
        response = client.get(entry.location)
        assert response.status_code == 200, (name, entry.location, response.status_code)


def test_robots_keeps_crawlers_out_of_the_back_offices_and_names_the_sitemap(client, seeded):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("User-agent: *\n")
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in text.splitlines()
    disallowed = [line.removeprefix("Disallow: ") for line in text.splitlines() if line.startswith("Disallow: ")]
    for path in ("/admin/", "/fr/missing-migrants/manage/", "/es/data/gcm/manage/", "/en/foresight/workshops/"):
        assert path in disallowed
    # The back-office prefixes are real: they ask for a sign-in.
    for path in ("/admin/", "/en/missing-migrants/manage/", "/fr/data/gcm/manage/"):
        assert client.get(path).status_code in (302, 403), path
    # No page the sitemap lists is one robots.txt forbids.
    rules = [re.compile(re.escape(path).replace(r"\*", "[^/]+")) for path in disallowed]
    blocked = [url for url in _sitemap(client) if any(rule.match(url.removeprefix(ORIGIN)) for rule in rules)]
    assert blocked == []


def test_favicon_answers_at_the_root_and_every_page_names_its_icons(client, seeded):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # the ICO header
    for path in ("/fr/", "/en/data/series/SM_DTH_MIGR/", "/es/data/countries/MLT/"):
        head = client.get(path).content.decode().split("</head>")[0]
        icons = dict(re.findall(r'<link rel="(icon|apple-touch-icon)" href="([^"]+)" type="image/svg', head))
        icons |= dict(re.findall(r'<link rel="(apple-touch-icon)" href="([^"]+)"', head))
        assert set(icons) == {"icon", "apple-touch-icon"}, path
        for href in icons.values():
            assert client.get(href).status_code == 200, href
