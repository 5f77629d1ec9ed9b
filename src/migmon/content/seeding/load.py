"""Writes of the seed import: locales, the home and section tree in every language, and the seed content.

Idempotent by design: a page that already exists (same parent and slug, or the same translation key in
another language) is left exactly as it is, so re-running the import changes nothing and never
overwrites what editors changed since. Only missing pages are created, published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from migmon.content.models import (
    EventIndexPage,
    EventPage,
    EventSeries,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicationPage,
    SectionPage,
    TimelinePage,
)
from migmon.content.seeding import parse, tree

# Tags given to releases and events for the themes recognised in their text (French, the seeds' language).
THEME_TAGS_FR = {"sdg": "ODD", "gcm": "Pacte mondial", "data": "Données", "return": "Retour", "emergency": "Urgence"}


@dataclass
class ImportReport:
    """What an import did: titles of the pages it created and how many it found already there."""

    created: list[str] = field(default_factory=list)
    existing: int = 0


def page_slug(title: str, max_length: int = 80) -> str:
    """An ASCII slug cut at a word boundary, so long French titles give readable URLs."""
    slug = slugify(title)
    if len(slug) <= max_length:
        return slug
    return slug[:max_length].rsplit("-", 1)[0]


def escape(text: str) -> str:
    """Escape for HTML text content, leaving quotes and apostrophes as typed (they are not markup there)."""
    return html_escape(text, quote=False)


def rich_paragraphs(*texts: str) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts if text)


def rich_blocks(blocks: list[parse.Block]) -> str:
    """Plain-text blocks as rich text HTML (headings become h3 inside a box)."""
    html = []
    for block in blocks:
        if block.kind == "list":
            html.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>")
        elif block.kind == "heading":
            html.append(f"<h3>{escape(block.text)}</h3>")
        else:
            html.append(f"<p>{escape(block.text)}</p>")
    return "".join(html)


def stream_blocks(blocks: list[parse.Block]) -> list[tuple[str, Any]]:
    """Plain-text blocks as a page body StreamField value."""
    stream: list[tuple[str, Any]] = []
    for block in blocks:
        if block.kind == "heading":
            stream.append(("heading", {"text": block.text, "level": "h2"}))
        else:
            stream.append(("paragraph", RichText(rich_blocks([block]))))
    return stream


def contact_blocks(contacts: list[parse.Contact]) -> list[tuple[str, Any]]:
    return [
        (
            "contact",
            {
                "place": contact.place,
                "name": contact.name,
                "organisation": contact.organisation,
                "phone": contact.phone,
                "emails": list(contact.emails),
            },
        )
        for contact in contacts
    ]


def ensure_child(
    parent: Page, page: Page, report: ImportReport, *, locale: Locale, translation_of: Page | None = None
) -> Page:
    """``parent``'s child matching ``page`` (by slug, or by translation key for a translation), created if missing."""
    children = parent.get_children()
    if translation_of is not None:
        existing = children.filter(translation_key=translation_of.translation_key, locale=locale).first()
    else:
        existing = children.filter(slug=page.slug, locale=locale).first()
    if existing is not None:
        report.existing += 1
        return existing.specific
    page.locale = locale
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    # Created live in one save (no revision): the import is the page's origin, and editing it in the
    # admin starts its revision history. One save also keeps the import quick (tests run it often).
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    report.created.append(f"{locale.language_code}: {page.title}")
    return page


def _ensure_homes(locales: dict[str, Locale], report: ImportReport) -> dict[str, HomePage]:
    root = Page.get_first_root_node()
    if root is None:
        # Wagtail's migrations create the tree's root; a flushed database (transactional tests) has none.
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales["fr"], live=True))
    homes: dict[str, HomePage] = {}
    fr = locales["fr"]
    homes["fr"] = ensure_child(
        root, HomePage(title=tree.HOME_TITLES["fr"], slug=page_slug(tree.HOME_TITLES["fr"])), report, locale=fr
    )  # type: ignore[assignment]
    # Before the other languages: Wagtail's "Welcome" page holds the slug "home" that English needs.
    _point_site_at(homes["fr"])
    for lang in ("en", "es"):
        homes[lang] = ensure_child(  # type: ignore[assignment]
            root,
            HomePage(title=tree.HOME_TITLES[lang], slug=page_slug(tree.HOME_TITLES[lang])),
            report,
            locale=locales[lang],
            translation_of=homes["fr"],
        )
    return homes


def _point_site_at(home: HomePage) -> None:
    """Make the default site serve our French home, replacing Wagtail's empty "Welcome" page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME
        )
        return
    if site.root_page_id == home.pk:
        return
    previous = site.root_page
    if isinstance(previous.specific, HomePage):
        return  # an editor chose another home page on purpose
    site.root_page = home
    site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    site.save()
    if type(previous.specific) is Page and not previous.get_children().exists():
        previous.delete()


def _ensure_sections(
    nodes: tuple[tree.Node, ...],
    parents: dict[str, Page],
    locales: dict[str, Locale],
    fresh_content: dict[str, dict[str, Any]],
    report: ImportReport,
    out: dict[tuple[str, str], Page],
) -> None:
    for node in nodes:
        content = fresh_content.get(node.menu_label, {})
        french = SectionPage(title=node.titles["fr"], slug=page_slug(node.titles["fr"]), show_in_menus=True, **content)
        out[("fr", node.menu_label)] = ensure_child(parents["fr"], french, report, locale=locales["fr"])
        for lang in ("en", "es"):
            translated = SectionPage(title=node.titles[lang], slug=page_slug(node.titles[lang]), show_in_menus=True)
            out[(lang, node.menu_label)] = ensure_child(
                parents[lang], translated, report, locale=locales[lang], translation_of=out[("fr", node.menu_label)]
            )
        _ensure_sections(
            node.children,
            {lang: out[(lang, node.menu_label)] for lang in tree.LANGUAGES},
            locales,
            fresh_content,
            report,
            out,
        )


def _section_content(seed: parse.SeedFile) -> dict[str, Any]:
    section = parse.parse_section(seed.body_lines)
    body = stream_blocks(section.blocks)
    if section.teaser:
        teaser = section.teaser
        body.append(("publication_teaser", {"kicker": teaser.kicker, "title": teaser.title, "summary": teaser.summary}))
    return {"intro": rich_paragraphs(section.lead), "body": body}


def _ensure_index(
    model: type[Page], titles: dict[str, str], homes: dict[str, HomePage], locales: dict[str, Locale], report
) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    pages["fr"] = ensure_child(
        homes["fr"], model(title=titles["fr"], slug=page_slug(titles["fr"])), report, locale=locales["fr"]
    )
    for lang in ("en", "es"):
        pages[lang] = ensure_child(
            homes[lang],
            model(title=titles[lang], slug=page_slug(titles[lang])),
            report,
            locale=locales[lang],
            translation_of=pages["fr"],
        )
    return pages


def _news_page(news: parse.NewsSeed, event: EventPage | None = None) -> NewsPage:
    page = NewsPage(
        title=news.title,
        slug=page_slug(news.title),
        date=news.date,
        place=news.place,
        summary=news.lead,
        body=stream_blocks(news.blocks) + [("paragraph", RichText(rich_paragraphs(note))) for note in news.notes],
        media_contacts=contact_blocks(news.contacts),
        event=event,
    )
    page.tags.add(*(THEME_TAGS_FR[theme] for theme in news.themes))
    if event is not None and event.series and event.series.acronym:
        page.tags.add(event.series.acronym)
    return page


def _event_page(event: parse.EventSeed, locale: Locale) -> EventPage:
    series = EventSeries.objects.filter(name=event.series_name, locale=locale).first()
    if series is None:
        series = EventSeries.objects.create(
            name=event.series_name,
            acronym=event.series_acronym,
            founded=event.series_founded,
            about_title=event.about.title,
            about=rich_blocks(event.about.blocks),
            locale=locale,
        )
    page = EventPage(
        title=event.title,
        slug=page_slug(event.title),
        start_date=event.start_date,
        end_date=event.end_date,
        venue=event.venue,
        series=series,
        summary=event.summary,
        lines_of_action=[("line", line) for line in event.lines_of_action],
        outcome=rich_paragraphs(event.outcome),
        media_contacts=contact_blocks(event.contacts),
    )
    page.tags.add(*(THEME_TAGS_FR[theme] for theme in event.themes))
    if series.acronym:
        page.tags.add(series.acronym)
    return page


def _publication_page(publication: parse.PublicationSeed) -> PublicationPage:
    return PublicationPage(
        title=publication.title,
        slug=page_slug(publication.title),
        subtitle=publication.subtitle,
        publication_title=publication.publication_title,
        year=publication.year,
        partners=[("partner", partner) for partner in publication.partners],
        summary=publication.summary,
        body=stream_blocks(publication.blocks),
    )


def _timeline_page(title: str, entries: list[parse.TimelineEntry]) -> TimelinePage:
    return TimelinePage(
        title=title,
        slug=page_slug(title),
        show_in_menus=True,
        entries=[
            (
                "entry",
                {
                    "start_year": entry.start_year,
                    "end_year": entry.end_year,
                    "text": RichText(rich_paragraphs(*entry.paragraphs)),
                    "tags": list(entry.tags),
                },
            )
            for entry in entries
        ],
    )


def _link_home_sections(homes: dict[str, HomePage], sections: dict[tuple[str, str], Page]) -> None:
    """Point each home page at its 2030 Agenda and data sections, unless an editor already chose."""
    for lang, home in homes.items():
        changed = False
        if home.agenda_page_id is None:
            home.agenda_page = sections[(lang, tree.AGENDA_SECTION)]
            changed = True
        if home.data_page_id is None:
            home.data_page = sections[(lang, tree.DATA_SECTION)]
            changed = True
        if changed:
            home.save(update_fields=["agenda_page", "data_page"])


@transaction.atomic
def seeds_import(*, seed_dir: Path) -> ImportReport:
    """Create whatever is missing of the page tree (fr, en, es) and of the five seed pages (fr)."""
    report = ImportReport()
    seeds = {seed.number: seed for seed in parse.read_seed_dir(seed_dir)}
    menu = parse.parse_menu(next(iter(seeds.values())).menu_lines)
    tree.check_against_menu(menu)
    blurbs = {entry.label: entry.blurb for entry in menu if entry.blurb}
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in tree.LANGUAGES}

    fresh_content: dict[str, dict[str, Any]] = {
        label: {"intro": rich_paragraphs(blurb)} for label, blurb in blurbs.items()
    }
    for number, role in tree.SEED_ROLES.items():
        if role.kind == "section":
            fresh_content[role.section] = _section_content(seeds[number])

    homes = _ensure_homes(locales, report)
    sections: dict[tuple[str, str], Page] = {}
    _ensure_sections(tree.SITE_TREE, dict(homes), locales, fresh_content, report, sections)
    news_index = _ensure_index(NewsIndexPage, tree.NEWS_TITLES, homes, locales, report)
    events_index = _ensure_index(EventIndexPage, tree.EVENTS_TITLES, homes, locales, report)

    fr = locales["fr"]
    for number, role in tree.SEED_ROLES.items():
        body = seeds[number].body_lines
        if role.kind == "publication":
            ensure_child(
                sections[("fr", role.parent)], _publication_page(parse.parse_publication(body)), report, locale=fr
            )
        elif role.kind == "timeline":
            page = _timeline_page(role.title, parse.parse_timeline(body))
            ensure_child(sections[("fr", role.parent)], page, report, locale=fr)
        elif role.kind in {"news", "news_event"}:
            news = parse.parse_news(body)
            event = None
            if role.kind == "news_event":
                event_seed = parse.parse_event(news)
                event = ensure_child(events_index["fr"], _event_page(event_seed, fr), report, locale=fr)
            ensure_child(news_index["fr"], _news_page(news, event), report, locale=fr)  # type: ignore[arg-type]

    _link_home_sections(homes, sections)
    return report
