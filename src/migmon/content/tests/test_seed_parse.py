"""The seed parser on the real seed files: menu recognised, each kind of body read into structure."""

from __future__ import annotations

import datetime

import pytest

from migmon.content.seeding import parse, tree


@pytest.fixture
def seeds(seed_dir):
    return {seed.number: seed for seed in parse.read_seed_dir(seed_dir)}


def test_the_shared_menu_is_recognised_in_every_file_and_never_left_in_a_body(seeds):
    assert {seed.menu_length for seed in seeds.values()} == {29}
    for seed in seeds.values():
        body = "\n".join(seed.body_lines)
        assert "Qui sommes nous" not in body
        assert "Directrice générale adjointe" not in body
        assert seed.menu_lines[-1] == "- 2030 AGENDA"
    # 004's body starts with a list separator: it stays in the body, not in the menu.
    assert seeds["004"].body_lines[:2] == ("-", "2000")


def test_menu_labels_and_blurbs(seeds):
    menu = parse.parse_menu(seeds["000"].menu_lines)
    labels = [entry.label for entry in menu]
    assert labels[:3] == ["Qui sommes nous", "Structure", "Structure organisationnelle"]
    assert labels[-2:] == ["Données et recherche", "2030 AGENDA"]
    assert len(labels) == 18
    blurbs = {entry.label: entry.blurb for entry in menu if entry.blurb}
    assert set(blurbs) == {"Qui sommes nous", "Notre travail"}
    assert blurbs["Qui sommes nous"].startswith("L'Organisation internationale pour les migrations (OIM)")
    tree.check_against_menu(menu)


def test_a_menu_label_missing_from_the_site_tree_is_an_error(seeds):
    menu = [*parse.parse_menu(seeds["000"].menu_lines), parse.MenuEntry("Carrières")]
    with pytest.raises(parse.SeedFormatError, match="Carrières"):
        tree.check_against_menu(menu)


def test_an_unexpected_line_in_the_menu_is_an_error():
    with pytest.raises(parse.SeedFormatError):
        parse.parse_menu(("-", "Qui sommes nous", "Texte qui ne répète pas le titre."))


def test_section_lead_body_and_report_teaser(seeds):
    section = parse.parse_section(seeds["000"].body_lines)
    assert section.lead == "Les personnes en déplacement font partie de la solution."
    assert section.teaser is not None
    assert section.teaser.kicker == "Rapport phare sur les ODD de l'OIM"
    assert section.teaser.title == "Exploiter la mobilité humaine pour sauvegarder l’agenda 2030"
    assert section.teaser.summary.startswith("Ce rapport montre les apports de la migration")
    assert section.blocks[-1].text == "Nous devons agir. Maintenant."
    assert all(block.kind == "paragraph" for block in section.blocks)


def test_publication_title_year_and_partners(seeds):
    publication = parse.parse_publication(seeds["001"].body_lines)
    assert publication.title == "Quel avenir pour les migrations internationales et la mobilité humaine ?"
    assert publication.subtitle == "Une initiative conjointe d’élaboration de scénarios"
    assert publication.publication_title == "Tomorrow's World of Migration and Mobility"
    assert publication.year == 2017
    assert publication.partners == ["OIM", "Fondation Friedrich-Ebert Stiftung", "ONG Global Futures basée à Genève"]
    assert len(publication.blocks) == 2


def test_idm_release_dateline_contacts_and_about_box(seeds):
    news = parse.parse_news(seeds["002"].body_lines)
    assert news.place == "New York"
    assert news.date == datetime.date(2024, 5, 23)
    assert news.lead.startswith("L'Organisation internationale pour les migrations (OIM) a conclu hier")
    assert news.contacts == [
        parse.Contact(name="Rahma Soliman", place="New York", emails=("rsoliman@iom.int", "media@iom.int"))
    ]
    body = " ".join(block.text for block in news.blocks)
    assert "Note aux rédacteurs" not in body and "rsoliman@iom.int" not in body
    assert news.about is not None
    assert news.about.title == "À propos du Dialogue international sur la migration"
    box_list = news.about.blocks[-1]
    assert box_list.kind == "list" and len(box_list.items) == 3
    assert box_list.items[0] == (
        "faire le point et discuter des questions actuelles et émergentes en matière de gouvernance des migrations"
    )
    assert news.about.blocks[-2].text == "L'IDM offre une plateforme mondiale pour :"
    assert news.themes == ["sdg", "gcm"]


def test_idm_event_dates_series_and_four_lines_of_action(seeds):
    event = parse.parse_event(parse.parse_news(seeds["002"].body_lines))
    assert (event.series_name, event.series_acronym, event.series_founded) == (
        "Dialogue international sur la migration",
        "IDM",
        2001,
    )
    assert event.title == "Dialogue international sur la migration 2024"
    # Released in New York on 23 May, "concluded yesterday" after "two days".
    assert (event.start_date, event.end_date, event.venue) == (
        datetime.date(2024, 5, 21),
        datetime.date(2024, 5, 22),
        "New York",
    )
    assert len(event.lines_of_action) == 4
    assert event.lines_of_action[0].startswith("Une action multilatérale et des partenariats efficaces")
    assert event.lines_of_action[2].startswith("Les voix des migrants et des diasporas")
    assert event.lines_of_action[3].startswith("L'innovation et la technologie")
    assert event.outcome.startswith("Dans l'ensemble, les participants sont arrivés à un consensus")
    assert event.summary.startswith("Pendant deux jours")


def test_panama_release_has_its_place_contact_and_no_invented_year(seeds):
    news = parse.parse_news(seeds["003"].body_lines)
    assert news.place == "Panama City"
    assert news.date is None  # the source gives "28-29 août" without a year
    assert "(28-29 août)" in news.lead
    assert news.contacts == [
        parse.Contact(
            name="Jorge Gallo",
            organisation="Bureau régional pour l’Amérique centrale, l’Amérique du Nord et les Caraïbes",
            phone="+506 2212-5352",
            emails=("jgallo@iom.int",),
        )
    ]
    assert news.about is None
    assert news.blocks[-1].text.startswith("L’atelier a été organisé dans le cadre d’un projet intitulé")


def test_every_timeline_year_and_range_is_one_entry(seeds):
    entries = parse.parse_timeline(seeds["004"].body_lines)
    years = [(e.start_year, e.end_year) for e in entries]
    assert years == [
        (2000, None),
        (2001, None),
        (1999, 2002),
        (2004, None),
        (2005, None),
        (2010, None),
        (2011, None),
        (2013, None),
        (2014, None),
        (2015, None),
        (2016, None),
        (2017, None),
        (2018, None),
        (2019, None),
        (2020, 2021),
    ]
    by_year = {e.start_year: e for e in entries}
    assert len(by_year[2014].paragraphs) == 2
    assert len(by_year[2015].paragraphs) == 2
    assert (
        by_year[2014].paragraphs[1] == "L'OIM répond aux départs massifs d'Afrique du Nord, de Syrie et d'Afghanistan."
    )
    assert "data" in by_year[2014].tags
    assert "sdg" in by_year[2015].tags and "return" in by_year[2015].tags
    assert "emergency" in by_year[2005].tags
    assert "gcm" in by_year[2018].tags


def test_timeline_text_before_any_year_is_an_error():
    with pytest.raises(parse.SeedFormatError):
        parse.parse_timeline(("Texte sans année.", "2001", "Texte."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Genève : Ana Ruiz aruiz@example.org",
            parse.Contact(name="Ana Ruiz", place="Genève", emails=("aruiz@example.org",)),
        ),
        (
            "Pour plus d’informations, veuillez contacter Li Wei, Bureau de pays, Tél. : +41 22 717 9111",
            parse.Contact(name="Li Wei", organisation="Bureau de pays", phone="+41 22 717 9111"),
        ),
    ],
)
def test_media_contact_shapes(text, expected):
    assert parse.parse_contact(text) == expected
