"""``import_seeds``: one page per seed document (plus the IDM event), the tree in three languages, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

from migmon.content.models import (
    EventPage,
    EventSeries,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicationPage,
    SectionPage,
    TimelinePage,
)
from migmon.content.seeding import tree

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "slug", "live", "latest_revision_id", "path")),
        "revisions": Revision.objects.count(),
        "logs": PageLogEntry.objects.count(),
        "series": list(EventSeries.objects.values_list("pk", "name", "about")),
        "sites": list(Site.objects.values_list("pk", "root_page_id", "is_default_site")),
    }


def test_one_page_per_seed_document_plus_the_idm_event(seeded):
    assert PublicationPage.objects.count() == 1
    assert NewsPage.objects.count() == 2
    assert EventPage.objects.count() == 1
    assert TimelinePage.objects.count() == 1
    agenda = SectionPage.objects.get(locale__language_code="fr", slug="2030-agenda")
    assert agenda.title == "2030 AGENDA"
    assert [block.block_type for block in agenda.body][-1] == "publication_teaser"
    assert agenda.body[-1].value["title"] == "Exploiter la mobilité humaine pour sauvegarder l’agenda 2030"
    # 3 homes, 18 menu sections and 2 indexes in each of 3 languages, plus the 5 French content pages.
    assert Page.objects.filter(depth__gt=1).count() == 3 + 18 * 3 + 2 * 3 + 5 == 68
    assert Page.objects.filter(live=False).count() == 0


def test_the_timeline_holds_fifteen_entries_with_multi_paragraph_years(seeded):
    timeline = TimelinePage.objects.get()
    entries = [block.value for block in timeline.entries]
    assert len(entries) == 15
    assert [(e["start_year"], e["end_year"]) for e in entries][2] == (1999, 2002)
    assert (entries[-1]["start_year"], entries[-1]["end_year"]) == (2020, 2021)
    entry_2014 = next(e for e in entries if e["start_year"] == 2014)
    assert entry_2014["text"].source.count("<p>") == 2
    assert "migrants disparus" in entry_2014["text"].source
    assert list(entry_2014["tags"]) == ["data"]
    assert timeline.get_parent().title == "Qui sommes-nous"


def test_idm_release_and_event_are_structured(seeded):
    release = NewsPage.objects.get(place="New York")
    event = EventPage.objects.get()
    assert release.event == event
    assert str(release.date) == "2024-05-23"
    assert [c.value["name"] for c in release.media_contacts] == ["Rahma Soliman"]
    assert list(release.media_contacts[0].value["emails"]) == ["rsoliman@iom.int", "media@iom.int"]
    assert sorted(tag.name for tag in release.tags.all()) == ["IDM", "ODD", "Pacte mondial"]
    assert (str(event.start_date), str(event.end_date), event.venue) == ("2024-05-21", "2024-05-22", "New York")
    assert len(event.lines_of_action) == 4
    assert event.series.acronym == "IDM" and event.series.founded == 2001
    assert event.series.about_title == "À propos du Dialogue international sur la migration"
    assert event.series.about.count("<li>") == 3
    body_text = str(release.body.raw_data)
    assert "À propos du Dialogue" not in body_text and "rsoliman@iom.int" not in body_text


def test_panama_release_keeps_accents_and_typographic_quotes(seeded):
    release = NewsPage.objects.get(place="Panama City")
    assert release.title.startswith("L’OIM organise un atelier régional")
    assert release.date is None
    assert "(28-29 août)" in release.summary
    assert "« Soutien aux pays dans la mise en œuvre des ODD liés à la gouvernance des migrations »" in str(
        release.body.raw_data
    )
    assert release.media_contacts[0].value["phone"] == "+506 2212-5352"
    publication = PublicationPage.objects.get()
    assert publication.publication_title == "Tomorrow's World of Migration and Mobility"
    assert "« vision de l'OIM »" in str(publication.body.raw_data)


def test_the_shared_menu_is_never_pasted_into_content(seeded):
    menu_only = ["Structure organisationnelle", "Directrice générale adjointe", "Travailler avec nous"]
    for model in (NewsPage, EventPage, PublicationPage, TimelinePage):
        for page in model.objects.all():
            text = " ".join(str(getattr(page, name, "")) for name in ("summary", "body", "entries", "outcome"))
            assert not any(label in text for label in menu_only), page.title
    agenda = SectionPage.objects.get(slug="2030-agenda", locale__language_code="fr")
    assert not any(label in str(agenda.body.raw_data) for label in menu_only)


def test_the_tree_follows_the_menu_in_three_languages(seeded):
    site = Site.objects.get(is_default_site=True)
    fr_home = HomePage.objects.get(locale__language_code="fr")
    assert site.root_page_id == fr_home.pk
    assert Page.get_first_root_node().get_children().count() == 3  # Wagtail's "Welcome" page is gone
    for lang, home_title in tree.HOME_TITLES.items():
        home = HomePage.objects.get(locale__language_code=lang)
        assert home.title == home_title
        assert home.translation_key == fr_home.translation_key
        menu = [p.title for p in home.get_children().in_menu()]
        assert menu == [node.titles[lang] for node in tree.SITE_TREE]
        assert home.agenda_page.title == tree.SITE_TREE[-1].titles[lang]
        assert NewsIndexPage.objects.child_of(home).count() == 1
    structure = SectionPage.objects.get(locale__language_code="en", title="Structure")
    assert [p.title for p in structure.get_children()][:2] == ["Organizational structure", "Director General"]
    who = SectionPage.objects.get(locale__language_code="fr", title="Qui sommes-nous")
    assert "175 Etats membres" in who.intro  # the menu's blurb as honest introduction
    assert SectionPage.objects.get(locale__language_code="es", title="Quiénes somos").translation_key == (
        who.translation_key
    )


def test_running_the_import_again_changes_nothing(seeded):
    before = _snapshot()
    out = io.StringIO()
    call_command("import_seeds", stdout=out)
    assert _snapshot() == before
    assert "0 pages created, 68 already there" in out.getvalue()


def test_editor_changes_survive_a_re_import(seeded):
    release = NewsPage.objects.get(place="Panama City")
    release.title = "Atelier régional au Panama (titre revu)"
    release.save_revision().publish()
    call_command("import_seeds", stdout=io.StringIO())
    release.refresh_from_db()
    assert release.title == "Atelier régional au Panama (titre revu)"
    assert NewsPage.objects.count() == 2
