"""Reading the seed pages: split off the shared menu, then turn each kind of body into plain data.

Nothing here touches Django: functions take lines of text and return dataclasses, so they are tested
directly on the seed files. The seeds are plain-text renderings of web pages, so structure is recovered
from layout: a lone "-" before a line marks a list item, a line without final punctuation is a heading,
"Place, day month - " opens a release, "YYYY" or "YYYY-YYYY" opens a timeline entry.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path


class SeedFormatError(ValueError):
    """A seed file does not have the structure its kind requires."""


MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
NUMBER_WORDS = {"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7}
TERMINAL_PUNCTUATION = ".:;!?»…"
YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][^,:;\n]{1,40}?)"
    r"(?:,\s*(?P<day>\d{1,2})(?:er)?\s+(?P<month>[a-zéû]+)(?:\s+(?P<year>\d{4}))?)?"
    r"\s+[-–—]\s+(?P<lead>.+)$"
)
TIMELINE_YEARS = re.compile(r"^(?P<start>\d{4})(?:\s*[-–]\s*(?P<end>\d{4}))?$")
ACTION_MARKER = re.compile(
    r"\b(?:(?:Premi[èe]re|Deuxi[èe]me|Seconde|Troisi[èe]me|Quatri[èe]me|Cinqui[èe]me|Derni[èe]re)\s+piste"
    r"|Et enfin|Enfin)\s*:\s*"
)
ABOUT_HEADING = re.compile(r"^À propos (?:du |de la |de l['’]|des |de |d['’])(?P<name>.+)$")
CONTACT_LEAD_IN = re.compile(r"^.*?\bcontacter\b\s*:?\s*", re.IGNORECASE)

# Which theme a text belongs to, recognised from the words French IOM texts use for it. Timeline entries
# get every matching theme; releases and events only the policy themes (a release mentioning "crises" is
# not about an emergency response).
THEME_PATTERNS = {
    "return": re.compile(r"\bretour|rapatri|réinstall|réintégr", re.IGNORECASE),
    "emergency": re.compile(r"urgence|évacu|humanitaire|séisme|tsunami|pandémie|\bconflit|\bcrises?\b", re.IGNORECASE),
    "sdg": re.compile(r"\bODD\b|développement durable|Programme 2030|horizon 2030"),
    "gcm": re.compile(r"Pacte mondial"),
    "data": re.compile(r"migrants disparus|suivre les incidents|\bdonnées\b|statistiques", re.IGNORECASE),
}
RELEASE_THEMES = ("sdg", "gcm")


def themes_in(text: str, *, only: tuple[str, ...] | None = None) -> list[str]:
    """The theme keys whose words occur in ``text``, in the order of THEME_PATTERNS."""
    return [key for key, pattern in THEME_PATTERNS.items() if (only is None or key in only) and pattern.search(text)]


# --- files and the shared menu -------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedFile:
    """One seed file: its number ("000"), its lines, and where the shared menu ends."""

    path: Path
    number: str
    lines: tuple[str, ...]
    menu_length: int

    @property
    def menu_lines(self) -> tuple[str, ...]:
        return self.lines[: self.menu_length]

    @property
    def body_lines(self) -> tuple[str, ...]:
        return tuple(line for line in self.lines[self.menu_length :] if line)


def read_lines(path: Path) -> tuple[str, ...]:
    """The file's lines, stripped of trailing spaces (typographic characters are kept as they are)."""
    return tuple(line.rstrip() for line in path.read_text(encoding="utf-8").splitlines())


def shared_prefix_length(texts: list[tuple[str, ...]]) -> int:
    """How many leading lines all texts share: the menu every seed page starts with."""
    if len(texts) < 2:
        raise SeedFormatError("the shared menu is recognised by comparing at least two seed files")
    length = 0
    for lines in zip(*texts, strict=False):
        if len(set(lines)) != 1:
            break
        length += 1
    return length


def read_seed_dir(seed_dir: Path) -> list[SeedFile]:
    """All ``NNN_*.txt`` seeds of a folder with the shared menu located (and checked to parse as a menu)."""
    paths = sorted(seed_dir.glob("[0-9][0-9][0-9]_*.txt"))
    texts = [read_lines(path) for path in paths]
    length = shared_prefix_length(texts)
    # A body may itself begin with a list separator ("-"); the menu never ends on one.
    while length and texts[0][length - 1] == "-":
        length -= 1
    parse_menu(texts[0][:length])
    return [SeedFile(path, path.name[:3], lines, length) for path, lines in zip(paths, texts, strict=True)]


@dataclass(frozen=True)
class MenuEntry:
    """A label of the menu: a heading (label repeated on the next line, maybe with a blurb) or a list item.

    The flattened text does not say how deep each label sits (items after the last heading may or may not
    belong to it), so the hierarchy is declared in ``seeding.tree`` and checked against these labels.
    """

    label: str
    blurb: str = ""
    is_heading: bool = False


def parse_menu(lines: tuple[str, ...]) -> list[MenuEntry]:
    """The menu's headings and items, in reading order.

    Raises SeedFormatError on any line that is neither a separator, a heading nor a list item, so a
    change in the seeds' layout is noticed rather than pasted into a page.
    """
    entries: list[MenuEntry] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if not line or line == "-":
            index += 1
        elif line.startswith("- "):
            entries.append(MenuEntry(line[2:].strip()))
            index += 1
        elif following.startswith(line):
            entries.append(MenuEntry(line, following[len(line) :].strip(), is_heading=True))
            index += 2
        else:
            raise SeedFormatError(f"unexpected line in the shared menu: {line!r}")
    return entries


# --- generic body blocks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A piece of body text: ``kind`` is "paragraph", "heading" or "list" (then ``items`` holds the entries)."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()


def is_heading(line: str) -> bool:
    """A short line without final punctuation reads as a heading in these plain-text pages."""
    return len(line) <= 120 and line[-1] not in TERMINAL_PUNCTUATION


def body_blocks(lines: tuple[str, ...] | list[str]) -> list[Block]:
    """Paragraphs, headings and lists ("-" on its own line, or "- " before the text) of a body."""
    blocks: list[Block] = []
    pending_item = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line == "-":
            pending_item = True
            continue
        if pending_item or line.startswith("- "):
            item = line[2:].strip() if line.startswith("- ") else line
            if blocks and blocks[-1].kind == "list":
                blocks[-1] = Block("list", items=(*blocks[-1].items, item))
            else:
                blocks.append(Block("list", items=(item,)))
            pending_item = False
        elif is_heading(line):
            blocks.append(Block("heading", line))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


# --- section landing page (000) ------------------------------------------------------------------------


@dataclass(frozen=True)
class Teaser:
    kicker: str
    title: str
    summary: str


@dataclass(frozen=True)
class SectionSeed:
    lead: str
    blocks: list[Block]
    teaser: Teaser | None


def parse_section(body: tuple[str, ...]) -> SectionSeed:
    """A landing page: its first paragraph is the lead; a closing kicker + title + sentence is a report teaser."""
    blocks = body_blocks(body)
    teaser = None
    if len(blocks) >= 3 and [b.kind for b in blocks[-3:]] == ["heading", "heading", "paragraph"]:
        teaser = Teaser(kicker=blocks[-3].text, title=blocks[-2].text, summary=blocks[-1].text)
        blocks = blocks[:-3]
    if not blocks or blocks[0].kind != "paragraph":
        raise SeedFormatError("a section page starts with a paragraph")
    return SectionSeed(lead=blocks[0].text, blocks=blocks[1:], teaser=teaser)


# --- publication (001) ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicationSeed:
    title: str
    subtitle: str
    publication_title: str
    year: int | None
    partners: list[str]
    summary: str
    blocks: list[Block]


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:l['’]|la |le |les )", "", name.strip(), flags=re.IGNORECASE).strip()


def parse_publication(body: tuple[str, ...]) -> PublicationSeed:
    """Title (" - " separates a subtitle), the year and title of the publication, its partners, summary, body."""
    title_line, *rest = body
    title, subtitle = ([part.strip() for part in re.split(r"\s+[-–—]\s+", title_line, maxsplit=1)] + [""])[:2]
    blocks = body_blocks(rest)
    if not blocks or blocks[0].kind != "paragraph":
        raise SeedFormatError("a publication page has a summary paragraph after its title")
    summary = blocks[0].text
    year_match = re.search(r"publication de (\d{4})", summary) or YEAR.search(summary)
    quoted = re.search(r"«\s*(.+?)\s*»", summary)
    partners_match = re.search(r"partenariat entre (.+?)(?:\.|$)", summary)
    partners = []
    if partners_match:
        partners = [_strip_article(p) for p in re.split(r",\s*|\s+et\s+", partners_match.group(1)) if p.strip()]
    return PublicationSeed(
        title=title,
        subtitle=subtitle,
        publication_title=quoted.group(1) if quoted else "",
        year=int(year_match.group(1)) if year_match else None,
        partners=partners,
        summary=summary,
        blocks=blocks[1:],
    )


# --- news release (002, 003) and the event a release reports on (002) ------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    place: str = ""
    organisation: str = ""
    phone: str = ""
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class AboutBox:
    title: str
    blocks: list[Block]

    @property
    def text(self) -> str:
        return " ".join(b.text or " ".join(b.items) for b in self.blocks)


@dataclass(frozen=True)
class NewsSeed:
    title: str
    place: str
    date: datetime.date | None
    lead: str
    blocks: list[Block]
    contacts: list[Contact]
    notes: list[str]
    about: AboutBox | None
    themes: list[str] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        return " ".join([self.lead, *(b.text or " ".join(b.items) for b in self.blocks)])


def parse_contact(text: str) -> Contact:
    """ "New York : Name a@b.org ou c@b.org" or "… veuillez contacter Name, Office, Tel : +1 …, Email : a@b.org"."""
    emails = tuple(EMAIL.findall(text))
    phone_match = re.search(r"T[ée]l(?:[ée]phone)?\.?\s*:\s*(\+?\d[\d\s().-]*\d)", text)
    rest = CONTACT_LEAD_IN.sub("", text)
    rest = re.sub(r"(?:\s*(?:,|\bou\b|\bor\b|\bet\b))?\s*(?:E-?mail\s*:\s*)?" + EMAIL.pattern, "", rest)
    rest = re.sub(r",?\s*T[ée]l(?:[ée]phone)?\.?\s*:\s*\+?\d[\d\s().-]*\d", "", rest)
    place = ""
    place_match = re.match(r"^([^:,]{2,40}?)\s*:\s*(.+)$", rest)
    if place_match:
        place, rest = place_match.group(1).strip(), place_match.group(2)
    parts = [part.strip(" ,;") for part in rest.split(",") if part.strip(" ,;")]
    if not parts:
        raise SeedFormatError(f"no name in media contact {text!r}")
    return Contact(
        name=parts[0],
        place=place,
        organisation=", ".join(parts[1:]),
        phone=phone_match.group(1).strip() if phone_match else "",
        emails=emails,
    )


def _release_date(match: re.Match[str] | None, lead: str) -> datetime.date | None:
    """The dateline's day and month with the year the lead names; None when the source leaves the year open."""
    if not match or not match.group("day"):
        return None
    month = MONTHS.get(match.group("month").lower())
    years = {match.group("year")} if match.group("year") else set(YEAR.findall(lead))
    if not month or len(years) != 1:
        return None
    return datetime.date(int(years.pop()), month, int(match.group("day")))


def parse_news(body: tuple[str, ...]) -> NewsSeed:
    """Title, dateline and lead, body, the notes to editors with media contacts, and an "about" box."""
    if len(body) < 2:
        raise SeedFormatError("a release has a title and a lead")
    title, dateline, *rest = body
    match = DATELINE.match(dateline)
    lead = match.group("lead") if match else dateline
    blocks = body_blocks(rest)

    about = None
    for index, block in enumerate(blocks):
        about_match = ABOUT_HEADING.match(block.text) if block.kind == "heading" else None
        if about_match:
            about = AboutBox(title=block.text, blocks=blocks[index + 1 :])
            blocks = blocks[:index]
            break

    contacts: list[Contact] = []
    notes: list[str] = []
    first_contact = next((i for i, b in enumerate(blocks) if EMAIL.search(b.text)), None)
    if first_contact is not None:
        start = first_contact
        # Walk back over the lead-in ("… veuillez contacter :") and the "note to editors" heading.
        while start > 0 and (blocks[start - 1].kind == "heading" or blocks[start - 1].text.endswith(":")):
            start -= 1
        for block in blocks[first_contact:]:
            if EMAIL.search(block.text):
                contacts.append(parse_contact(block.text))
            elif not re.search(r"\bici\.?$", block.text):
                # Link texts ("… disponibles ici") lost their target in the plain-text seed; drop them.
                notes.append(block.text)
        blocks = blocks[:start]

    seed = NewsSeed(
        title=title,
        place=match.group("place").strip() if match else "",
        date=_release_date(match, lead),
        lead=lead,
        blocks=blocks,
        contacts=contacts,
        notes=notes,
        about=about,
    )
    return NewsSeed(**{**seed.__dict__, "themes": themes_in(seed.full_text, only=RELEASE_THEMES)})


@dataclass(frozen=True)
class EventSeed:
    series_name: str
    series_acronym: str
    series_founded: int | None
    about: AboutBox
    title: str
    venue: str
    start_date: datetime.date
    end_date: datetime.date
    summary: str
    lines_intro: str
    lines_of_action: list[str]
    outcome: str
    contacts: list[Contact]
    themes: list[str]


def _days_before_release(lead: str) -> int:
    return 1 if re.search(r"\bhier\b", lead) else 0


def _duration_days(text: str) -> int:
    match = re.search(r"\bPendant (\w+) jours\b", text, re.IGNORECASE)
    if not match:
        return 1
    word = match.group(1).lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _event_description(news: NewsSeed) -> str:
    """The paragraph telling what happened during the event ("Pendant deux jours, …"), else the lead."""
    for block in news.blocks:
        if block.kind == "paragraph" and re.search(r"\bPendant (\w+) jours\b", block.text, re.IGNORECASE):
            return block.text
    return news.lead


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def parse_event(news: NewsSeed) -> EventSeed:
    """The event a release reports on: its series (from the "about" box), dates, lines of action, outcome.

    The end is the release date, or the day before when the lead says the event concluded "hier"; the
    start follows from "Pendant deux jours" (one day when the release does not say).
    """
    if news.about is None or news.date is None:
        raise SeedFormatError("an event is read from a dated release with an 'about' box")
    about_match = ABOUT_HEADING.match(news.about.title)
    if not about_match:
        raise SeedFormatError(f"unexpected 'about' heading {news.about.title!r}")
    name = about_match.group("name").strip()
    every_text = " ".join([news.full_text, news.about.text])
    acronym_match = re.search(re.escape(name) + r"\s*\(([A-Z]{2,10})\)", every_text, re.IGNORECASE)
    acronym = acronym_match.group(1) if acronym_match else ""
    founded_match = re.search(r"\bFondée? en (\d{4})", news.about.text)

    end = news.date - datetime.timedelta(days=_days_before_release(news.lead))
    start = end - datetime.timedelta(days=_duration_days(news.full_text) - 1)

    lines_intro, lines, outcome = "", [], ""
    for index, block in enumerate(news.blocks):
        pieces = ACTION_MARKER.split(block.text)
        if block.kind == "paragraph" and len(pieces) >= 3:
            lines_intro = pieces[0].strip()
            lines = [_capitalise(piece.strip()) for piece in pieces[1:] if piece.strip()]
            following = news.blocks[index + 1] if index + 1 < len(news.blocks) else None
            outcome = following.text if following and following.kind == "paragraph" else ""
            break

    return EventSeed(
        series_name=name,
        series_acronym=acronym,
        series_founded=int(founded_match.group(1)) if founded_match else None,
        about=news.about,
        title=f"{_capitalise(name)} {start.year}",
        venue=news.place,
        start_date=start,
        end_date=end,
        summary=_event_description(news),
        lines_intro=lines_intro,
        lines_of_action=lines,
        outcome=outcome,
        contacts=news.contacts,
        themes=news.themes,
    )


# --- history timeline (004) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    start_year: int
    end_year: int | None
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]


def parse_timeline(body: tuple[str, ...]) -> list[TimelineEntry]:
    """One entry per "YYYY" or "YYYY-YYYY" line, holding every paragraph up to the next year line."""
    entries: list[TimelineEntry] = []
    current: tuple[int, int | None] | None = None
    paragraphs: list[str] = []

    def close() -> None:
        if current is not None:
            if not paragraphs:
                raise SeedFormatError(f"timeline year {current[0]} has no text")
            text = " ".join(paragraphs)
            entries.append(TimelineEntry(current[0], current[1], tuple(paragraphs), tuple(themes_in(text))))

    for raw in body:
        line = raw.strip()
        if not line or line == "-":
            continue
        years = TIMELINE_YEARS.match(line)
        if years:
            close()
            current = (int(years.group("start")), int(years.group("end")) if years.group("end") else None)
            paragraphs = []
        elif current is None:
            raise SeedFormatError(f"timeline text before the first year: {line[:60]!r}")
        else:
            paragraphs.append(line)
    close()
    if not entries:
        raise SeedFormatError("no timeline entries found")
    return entries
