"""Pages as visitors get them: menu from the tree, languages, drafts, indexes, feeds, the 404 page."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page

from migmon.content.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SectionPage,
    TimelinePage,
)
from migmon.content.models import home as home_module

pytestmark = pytest.mark.django_db


def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def nav_of(html: str) -> str:
    return html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index('<nav class="main-nav"'))]


def test_home_pages_answer_in_their_language(client, seeded):
    for lang, skip_text in [
        ("fr", "Aller au contenu principal"),
        ("en", "Skip to main content"),
        ("es", "Ir al contenido principal"),
    ]:
        html = html_of(client, f"/{lang}/")
        assert f'<html lang="{lang}"' in html
        assert skip_text in html
    assert client.get("/").status_code == 302


def test_the_menu_is_built_from_the_page_tree(client, seeded):
    nav = nav_of(html_of(client, "/fr/"))
    tops = re.findall(r'class="menu-link" href="([^"]+)"[^>]*>([^<]+)<', nav)
    # The page tree's top sections, in tree order; after them only the data apps' own entries (not pages).
    assert [title for _url, title in tops][:6] == [
        "Qui sommes-nous",
        "Notre travail",
        "Partenariats",
        "Agir",
        "Données et recherche",
        "2030 AGENDA",
    ]
    page_urls = {page.url for page in Page.objects.live().specific()}
    assert all(url not in page_urls for url, _title in tops[6:]), tops[6:]
    assert tops[0][0] == "/fr/qui-sommes-nous/"
    assert 'aria-expanded="false"' in nav and "Directrice générale adjointe chargée des opérations" in nav
    assert "Notre histoire" in nav
    # Editors change the menu by changing the tree.
    SectionPage.objects.filter(title="Partenariats").update(show_in_menus=False)
    home = HomePage.objects.get(locale__language_code="fr")
    home.add_child(instance=SectionPage(title="Carrières", slug="carrieres", show_in_menus=True))
    nav = nav_of(html_of(client, "/fr/"))
    assert "Partenariats" not in nav and ">Carrières<" in nav
    english = nav_of(html_of(client, "/en/"))
    assert ">Who we are<" in english and ">Partnerships<" in english and "Carrières" not in english


def _switcher(html: str) -> dict[str, str]:
    block = html[html.index('class="language-switcher"') :]
    block = block[: block.index("</nav>")]
    return dict(re.findall(r'href="([^"]+)" hreflang="(\w+)"', block)[i][::-1] for i in range(3))


def test_language_switcher_leads_to_the_translation_or_the_home_page(client, seeded):
    assert _switcher(html_of(client, "/fr/qui-sommes-nous/structure/")) == {
        "fr": "/fr/qui-sommes-nous/structure/",
        "en": "/en/who-we-are/structure/",
        "es": "/es/quienes-somos/estructura/",
    }
    assert '<link rel="alternate" hreflang="es" href="/es/quienes-somos/estructura/">' in html_of(
        client, "/fr/qui-sommes-nous/structure/"
    )
    release = NewsPage.objects.get(place="Panama City")
    release_html = html_of(client, release.url)
    assert _switcher(release_html) == {"fr": release.url, "en": "/en/", "es": "/es/"}
    assert 'hreflang="en" href="/en/">' not in release_html.split("</head>")[0]  # no false alternate
    assert _switcher(html_of(client, "/en/search/?q=Panama"))["es"] == "/es/search/?q=Panama"
    assert _switcher(html_of(client, "/fr/page-inexistante/", status=404))["en"] == "/en/"


def test_drafts_and_unpublished_pages_are_not_found_by_the_public(client, seeded):
    index = NewsIndexPage.objects.get(locale__language_code="fr")
    draft = NewsPage(title="Brouillon non publié", slug="brouillon", live=False, summary="Texte provisoire.")
    index.add_child(instance=draft)
    draft.save_revision()
    html = html_of(client, "/fr/actualites/brouillon/", status=404)
    assert "Brouillon non publié" not in html
    assert "Brouillon" not in html_of(client, "/fr/actualites/")
    found = html_of(client, "/fr/search/?q=Brouillon")
    assert "0 résultat pour" in found and "Brouillon non publié" not in found

    release = NewsPage.objects.get(place="Panama City")
    url = release.url
    assert client.get(url).status_code == 200
    release.unpublish()
    assert client.get(url).status_code == 404
    assert "Panama" not in html_of(client, "/fr/actualites/")


def test_not_found_page_has_the_site_look(client, seeded):
    html = html_of(client, "/fr/nulle-part/", status=404)
    assert "Page introuvable" in html
    assert 'class="skip-link"' in html and 'class="main-nav"' in html and 'class="site-footer"' in html


def test_news_index_filters_by_tag_and_year_and_paginates(client, seeded):
    html = html_of(client, "/fr/actualites/")
    assert "atelier régional" in html and "Dialogue international" in html
    assert 'value="2024"' in html and 'value="idm"' in html
    only_idm = html_of(client, "/fr/actualites/?tag=idm")
    assert "Dialogue international" in only_idm and "atelier régional" not in only_idm
    only_2024 = html_of(client, "/fr/actualites/?year=2024")
    assert "Dialogue international" in only_2024 and "atelier régional" not in only_2024
    assert "atelier régional" in html_of(client, "/fr/actualites/?year=abc")  # malformed filters are ignored

    index = NewsIndexPage.objects.get(locale__language_code="fr")
    for day in range(1, 12):
        index.add_child(instance=NewsPage(title=f"Communiqué du {day} mars", date=datetime.date(2025, 3, day)))
    first = html_of(client, "/fr/actualites/")
    assert "Page 1 sur 2" in first and "Communiqué du 11 mars" in first and 'rel="next"' in first
    second = html_of(client, "/fr/actualites/?page=2")
    assert "atelier régional" in second  # undated releases come last


def test_english_lists_fall_back_to_french_items_marked_as_such(client, seeded):
    html = html_of(client, "/en/news/")
    assert "L’OIM organise un atelier régional" in html
    assert "in French" in html and 'lang="fr"' in html


def test_event_index_separates_upcoming_and_past_events(client, seeded):
    index = EventPage.objects.get().get_parent()
    future = datetime.date.today() + datetime.timedelta(days=30)
    index.add_child(instance=EventPage(title="Atelier à venir", start_date=future, venue="Genève"))
    html = html_of(client, "/fr/evenements/")
    upcoming, past = html.split('id="past-heading"')
    assert "Atelier à venir" in upcoming and "Dialogue international sur la migration 2024" in past
    assert "Atelier à venir" in html_of(client, "/fr/")


def _feed_items(client, url: str, content_type: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)


def test_news_and_event_feeds(client, seeded, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver", "migmon.example.org"]
    rss = _feed_items(client, "/fr/actualites/rss/", "application/rss+xml")
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert titles[0].startswith("L'OIM a accueilli à New York") and len(titles) == 2
    first = next(rss.iter("item"))
    assert first.findtext("link") == "http://testserver" + NewsPage.objects.get(place="New York").url
    assert rss.find("channel").findtext("link") == "http://testserver/fr/actualites/"
    secure = ET.fromstring(client.get("/fr/actualites/rss/", secure=True, HTTP_HOST="migmon.example.org").content)
    assert next(secure.iter("item")).findtext("link").startswith("https://migmon.example.org/fr/actualites/")
    assert "IDM" in [c.text for c in first.iter("category")]
    assert rss.find("channel").findtext("language") == "fr"

    atom = _feed_items(client, "/fr/evenements/atom/", "application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)] == [
        "Dialogue international sur la migration 2024"
    ]
    html = html_of(client, "/fr/actualites/")
    assert 'type="application/rss+xml"' in html and 'href="/fr/actualites/atom/"' in html


def test_seed_pages_show_their_structure(client, seeded):
    idm = html_of(client, NewsPage.objects.get(place="New York").url)
    assert "New York, <time" in idm and "23 mai 2024" in idm
    assert 'href="mailto:rsoliman@iom.int"' in idm and "Contacts presse" in idm
    assert "À propos du Dialogue international sur la migration" in idm

    event = html_of(client, EventPage.objects.get().url)
    assert event.count("<li>Une action") + event.count("<li>Un engagement") == 2
    assert re.search(r'<ol class="lines-of-action">(.*?)</ol>', event, re.S).group(1).count("<li>") == 4
    assert "21 mai 2024" in event and "22 mai 2024" in event

    publication = html_of(
        client, "/fr/donnees-et-recherche/quel-avenir-pour-les-migrations-internationales-et-la-mobilite-humaine/"
    )
    assert "<cite>Tomorrow&#x27;s World of Migration and Mobility</cite>" in publication
    assert "Fondation Friedrich-Ebert Stiftung" in publication

    timeline_url = TimelinePage.objects.get().url
    timeline = html_of(client, timeline_url)
    assert timeline.count('class="timeline-entry"') == 15
    assert "1999–2002" in timeline and "2020–2021" in timeline
    assert html_of(client, timeline_url + "?tag=data").count('class="timeline-entry"') == 1


def test_home_presents_news_events_agenda_and_data(client, seeded, monkeypatch):
    html = html_of(client, "/fr/")
    assert "Dernières actualités" in html and "atelier régional" in html
    assert "Dialogue international sur la migration 2024" in html
    assert "Exploiter la mobilité humaine pour sauvegarder l’agenda 2030" in html
    assert 'class="home-section home-data-slot"' in html
    # Without the portal's live figures, the slot still leads to the data section.
    monkeypatch.setattr(home_module, "HOME_DATA_TEMPLATES", ["portal/absent.html", "content/includes/home_data.html"])
    html = html_of(client, "/fr/")
    assert 'id="home-data-heading"' in html and 'href="/fr/donnees-et-recherche/"' in html


def test_home_lists_lead_to_the_index_of_the_page_language(client, seeded):
    """English and Spanish homes list French items not yet translated; "All news" is still the local index."""
    for lang in ("fr", "en", "es"):
        html = html_of(client, f"/{lang}/")
        indexes = {
            kind: page.get_url()
            for kind, page in (
                ("news", NewsIndexPage.objects.live().get(locale__language_code=lang)),
                ("events", EventIndexPage.objects.live().get(locale__language_code=lang)),
            )
        }
        news_head = html[
            html.index('id="home-news-heading"') : html.index("</div>", html.index('id="home-news-heading"'))
        ]
        events_head = html[
            html.index('id="home-events-heading"') : html.index("</div>", html.index('id="home-events-heading"'))
        ]
        assert f'href="{indexes["news"]}"' in news_head and indexes["news"].startswith(f"/{lang}/"), lang
        assert f'href="{indexes["events"]}"' in events_head and indexes["events"].startswith(f"/{lang}/"), lang


def test_empty_sections_list_children_or_siblings(client, seeded):
    structure = html_of(client, "/fr/qui-sommes-nous/structure/")
    assert "Dans cette rubrique" in structure and "Bureau du Chef de Cabinet" in structure
    leaf = html_of(client, "/fr/qui-sommes-nous/structure/directrice-generale/")
    assert "Également dans « Structure »" in leaf and "Bureau du Chef de Cabinet" in leaf
    assert Page.objects.filter(title__icontains="lorem").count() == 0
