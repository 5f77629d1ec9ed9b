"""Site search: pages of every language, French stemming on PostgreSQL, and the provider registry."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import RequestFactory

from migmon.content import search
from migmon.content.models import NewsPage, TimelinePage

pytestmark = pytest.mark.django_db


def titles_found(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [result.title for result, _snippet in response.context["items"]]


def test_panama_finds_the_workshop_release(client, seeded):
    response = client.get("/fr/search/?q=Panama")
    (result, snippet), *_ = response.context["items"]
    assert result.title == NewsPage.objects.get(place="Panama City").title
    assert result.kind == "Communiqué de presse"
    assert "<mark>Panama</mark>" in snippet
    html = response.content.decode()
    assert "1 résultat pour « Panama »" in html


def test_migrants_disparus_finds_the_timeline_with_the_right_snippet(client, seeded):
    response = client.get("/fr/search/?q=migrants+disparus")
    results = [item for item in response.context["items"] if item[0].language]  # pages (the register comes first)
    assert results[0][0].title == TimelinePage.objects.get().title
    assert "<mark>disparus</mark>" in results[0][1]


def test_english_search_finds_french_content_and_says_so(client, seeded):
    response = client.get("/en/search/?q=Panama")
    (result, _snippet), *_ = response.context["items"]
    assert result.language == "fr"
    html = response.content.decode()
    assert "in French" in html and '<h2 class="card-title" lang="fr">' in html
    assert result.url.startswith("/fr/actualites/")


def test_a_translated_page_is_listed_once_in_the_visitors_language(client, seeded):
    # "Structure" is the title of a French page and of its English translation: each language lists its own.
    for language, url in (("en", "/en/who-we-are/structure/"), ("fr", "/fr/qui-sommes-nous/structure/")):
        results = [r for r, _ in client.get(f"/{language}/search/?q=Structure").context["items"]]
        assert results[0].language == language
        urls = [r.url for r in results]
        assert url in urls
        assert {"/en/who-we-are/structure/", "/fr/qui-sommes-nous/structure/"} - {url} & set(urls) == set()


def test_blank_and_unknown_queries(client, seeded):
    assert titles_found(client, "/fr/search/") == []
    assert titles_found(client, "/fr/search/?q=%20%20") == []
    assert titles_found(client, "/fr/search/?q=xylophone") == []


@pytest.mark.parametrize("query", ['"', '"Panama', "Panama)", "(", "*", "NEAR(", "AND", "-", ":", "^", 'ré"sumé'])
def test_search_syntax_in_a_query_never_fails(client, seeded, query):
    # Quotes, brackets and operators are syntax to SQLite's full-text index: an unbalanced one was a 500.
    titles = titles_found(client, f"/fr/search/?q={quote(query)}")
    if "Panama" in query:
        assert NewsPage.objects.get(place="Panama City").title in titles


def test_french_stemming_on_postgresql(client, seeded, postgres_only):
    # Plural and singular forms meet at their French stem only with the "french" text search configuration.
    assert NewsPage.objects.get(place="Panama City").title in titles_found(client, "/fr/search/?q=ateliers")
    assert TimelinePage.objects.get().title in titles_found(client, "/fr/search/?q=migrant+disparu")


def test_other_apps_can_add_result_providers(client, seeded):
    def fake_indicator_results(query, request):
        return [search.SearchResult(title=f"Indicateur pour {query}", url="/fr/donnees/10-7-3/", kind="Indicateur")]

    search.register_search_provider("test-indicators")(fake_indicator_results)
    try:
        assert titles_found(client, "/fr/search/?q=Panama")[-1] == "Indicateur pour Panama"
    finally:
        search._PROVIDERS.pop("test-indicators")
    assert "test-indicators" not in search.search_providers()


def test_snippet_and_highlight_helpers():
    text = "Début sans rapport. " * 20 + "L'OIM lance son projet sur les migrants disparus pour suivre les incidents."
    snippet = search.snippet_around(text, search.query_terms("migrants disparus"))
    assert "migrants disparus" in snippet and snippet.startswith("…")
    assert str(search.highlight("Un atelier <b>régional</b>", "régionaux")) == (
        "Un atelier &lt;b&gt;<mark>régional</mark>&lt;/b&gt;"
    )
    assert search.query_terms("de la Migration") == ["migration"]
    request = RequestFactory().get("/fr/search/")
    assert search.search_site("   ", request) == []
