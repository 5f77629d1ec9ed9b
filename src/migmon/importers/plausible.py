"""What a Missing Migrants head count and a source URL may be: one rule for the reader, the form and the database.

Counts. IOM writes a correction as a negative count on a later row of an incident: people first counted missing
and later found dead are ``dead 13, missing −13``; a survivor who later died is ``dead 1, survivors −1``. Such a
correction moves people between dead, missing and survivors, it never removes more than the row adds: in every
row of the bundled files (2014–2026) dead + missing, and dead + missing + survivors, are at least zero. Women,
men and children are never corrected that way. The largest count in those files is 1,950; ``MAX_COUNT`` is far
above any incident and far below the database's integer range (2³¹ − 1), so a typing slip such as
``dead = −100000`` or a count of 10¹⁰ is refused instead of published (or failing as a database error).

URLs. A source link is shown as a link on the reviewer's and the public page, so only ``http:`` and ``https:``
addresses with a host are accepted: ``javascript:``, ``data:`` and the like would run in the reader's browser.
IOM's URL cells hold several addresses separated by commas, spaces or `` / `` and, now and then, words such as
``(follow-up news)``; :func:`split_urls` keeps the addresses and names the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

MAX_COUNT = 1_000_000
#: Counts IOM may correct with a negative value, and counts that are never below zero.
CORRECTABLE = ("dead", "missing", "survivors")
NEVER_NEGATIVE = ("females", "males", "children")
WEB_SCHEMES = ("http", "https")

CountRule = Literal["too_large", "negative", "uncorrected"]


@dataclass(frozen=True, slots=True)
class CountProblem:
    """Which count breaks which rule; ``rule`` (English) is what a reader reports."""

    field: str
    kind: CountRule
    value: int

    @property
    def rule(self) -> str:
        if self.kind == "too_large":
            return f"a count must be between −{MAX_COUNT:,} and {MAX_COUNT:,}"
        if self.kind == "negative":
            return "women, men and children are counted from zero: a negative count is impossible"
        return (
            "a negative count is only IOM's correction between dead, missing and survivors: "
            "dead + missing, and dead + missing + survivors, cannot be below zero"
        )


def count_problems(counts: Mapping[str, int | None]) -> list[CountProblem]:
    """Every broken rule among one row's counts (``None`` is an unreported count and breaks none)."""
    problems = [
        CountProblem(name, "too_large", value)
        for name in (*CORRECTABLE, *NEVER_NEGATIVE)
        if (value := counts.get(name)) is not None and abs(value) > MAX_COUNT
    ]
    if problems:
        return problems
    problems = [
        CountProblem(name, "negative", value)
        for name in NEVER_NEGATIVE
        if (value := counts.get(name)) is not None and value < 0
    ]
    dead, missing, survivors = (counts.get(name) or 0 for name in CORRECTABLE)
    if dead + missing < 0 or dead + missing + survivors < 0:
        negative = next(name for name in CORRECTABLE if (counts.get(name) or 0) < 0)
        problems.append(CountProblem(negative, "uncorrected", counts.get(negative) or 0))
    return problems


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an absolute ``http:``/``https:`` address with a host and no spaces or control characters."""
    if not url or any(character.isspace() or ord(character) < 32 or ord(character) == 127 for character in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


URL_RULE = "a source URL must be an http:// or https:// address"
DROPPED_URL_RULE = "not an http:// or https:// address: not kept as a source link"


def split_urls(text: str) -> tuple[list[str], list[str]]:
    """The web addresses in one URL cell, and the other pieces (separators such as ``/`` left out)."""
    urls: list[str] = []
    others: list[str] = []
    for piece in text.replace(",", " ").split():
        if is_web_url(piece):
            urls.append(piece)
        elif any(character.isalnum() for character in piece):
            others.append(piece)
    return urls, others
