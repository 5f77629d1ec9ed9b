"""Site search as a registry of result providers, so other apps can add their own results.

Each provider takes the query and the request and returns ``SearchResult`` objects. Content registers
the page provider here; the portal can register indicators or countries the same way:

    from migmon.content.search import SearchResult, register_search_provider

    @register_search_provider("indicators")
    def indicator_results(query, request):
        return [SearchResult(title=..., url=..., kind=_("Indicator"), snippet=...)]

Results of every provider are shown together, by ``rank`` (lower first: the register and data series before
indicators, countries and pages), in registration order within a rank.

Words are matched with their equivalents in :data:`SYNONYMS` (an acronym in another language, a plural), so
"IOM" finds pages that say "OIM" and "migrant stock" finds "stocks de migrants".
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page

MAX_PAGE_RESULTS = 100
SNIPPET_CHARS = 240

# Ranks of the kinds of results (lower first). Pages come last: they mention everything; a data destination
# named by the query is what the visitor asked for.
RANK_EXACT = 0  # the query is a code: that indicator or series
RANK_DESTINATION = 10
RANK_SERIES = 20
RANK_INDICATOR = 30
RANK_COUNTRY = 30
RANK_OTHER_INDICATOR = 60  # an indicator far from migration ("fish stocks") after the pages
RANK_PAGE = 50

#: Words that mean the same to a visitor of the portal, folded (lower case, no accents): acronyms of the
#: organisations and frameworks in the three languages and place names IOM's data spells in English.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group)
    for group in (
        {"iom", "oim"},
        {"desa", "daes", "undesa"},
        {"sdg", "sdgs", "odd", "ods"},
        {"gcm", "pmm"},
        {"mediterranean", "mediterranee", "mediterraneo"},
    )
)


@dataclass(frozen=True)
class SearchResult:
    """One hit, whatever it comes from. ``language`` is the language of the content (may differ from the site's)."""

    title: str
    url: str
    kind: str
    snippet: str = ""
    date: datetime.date | None = None
    year_only: bool = False
    language: str = ""
    rank: int = RANK_PAGE


SearchProvider = Callable[[str, HttpRequest], Iterable[SearchResult]]
_PROVIDERS: dict[str, SearchProvider] = {}


def register_search_provider(name: str) -> Callable[[SearchProvider], SearchProvider]:
    """Register ``func`` under ``name`` (registering the same name again replaces it)."""

    def decorator(func: SearchProvider) -> SearchProvider:
        _PROVIDERS[name] = func
        return func

    return decorator


def search_providers() -> dict[str, SearchProvider]:
    return dict(_PROVIDERS)


def search_site(query: str, request: HttpRequest) -> list[SearchResult]:
    """Results of every provider for ``query``; empty for a blank query."""
    query = query.strip()
    if not query:
        return []
    results: list[SearchResult] = []
    for provider in _PROVIDERS.values():
        results.extend(provider(query, request))
    return sorted(results, key=lambda result: result.rank)


def fold(text: str) -> str:
    """Lower case without accents (for matching, not display)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def word_alternatives(word: str) -> set[str]:
    """A folded query word and what stands for it: its synonyms and its singular (``stocks`` → ``stock``)."""
    word = fold(word)
    alternatives = {word}
    for group in SYNONYMS:
        if word in group:
            alternatives |= group
    if len(word) > 3 and word.endswith("s"):
        alternatives.add(word[:-1])
    return alternatives


def matches(query: str, *texts: str) -> bool:
    """Whether every word of ``query`` (or one of its alternatives) begins a word of ``texts`` (accents and case
    ignored; "stock" finds "stocks", "iom" does not find "biomass").

    Words of one or two letters ("de", "of") are skipped unless the query has nothing else.
    """
    words = re.findall(r"\w+", fold(query))
    long_words = [word for word in words if len(word) > 2] or words
    haystack = " ".join(fold(text) for text in texts if text)
    return bool(long_words) and all(
        any(re.search(rf"\b{re.escape(alternative)}", haystack) for alternative in word_alternatives(word))
        for word in long_words
    )


def query_variants(query: str, limit: int = 4) -> list[str]:
    """The query's words, then the same with a synonym in place of a word (``IOM`` → ``OIM``), for a search
    backend that knows nothing of synonyms."""
    words = re.findall(r"\w+", query)
    variants = [" ".join(words)] if words else []
    for index, word in enumerate(words):
        for group in SYNONYMS:
            if fold(word) in group:
                for other in sorted(group - {fold(word)}):
                    variants.append(" ".join([*words[:index], other, *words[index + 1 :]]))
    return list(dict.fromkeys(variants))[:limit]


def _fold(text: str) -> str:
    """Lower case without accents, one character for each character of ``text`` (so positions line up)."""
    return "".join((unicodedata.normalize("NFD", c.lower()) or c)[0] for c in text)


def query_terms(query: str) -> list[str]:
    """Words of a query worth looking for in a snippet (short words such as "de" are skipped)."""
    return [word for word in re.findall(r"\w+", _fold(query)) if len(word) >= 3]


def snippet_around(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """The part of ``text`` where most query terms occur together (matched on their stems, accents ignored)."""
    text = " ".join(text.split())
    folded = _fold(text)
    stems = [term[: max(4, len(term) - 2)] for term in terms]
    occurrences = sorted(m.start() for stem in stems for m in re.finditer(re.escape(stem), folded))
    if not occurrences:
        return text[:width] + ("…" if len(text) > width else "")
    window = width // 2

    def terms_near(position: int) -> int:
        return sum(1 for stem in stems if stem in folded[position : position + window])

    best = max(occurrences, key=lambda position: (terms_near(position), -position))
    start = max(0, best - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best else start
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def highlight(text: str, query: str) -> SafeString:
    """``text`` escaped, with the query's words (by stem, accents ignored) wrapped in <mark>."""
    terms = query_terms(query)
    escaped = str(escape(text))
    if not terms:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    folded = _fold(escaped)
    spans: list[tuple[int, int]] = []
    for term in terms:
        stem = re.escape(term[: max(4, len(term) - 2)])
        spans.extend(m.span() for m in re.finditer(rf"\b{stem}\w*", folded))
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.extend([escaped[last:start], "<mark>", escaped[start:end], "</mark>"])
        last = end
    out.append(escaped[last:])
    return mark_safe("".join(out))  # noqa: S308 - built from escaped text


def _one_page_per_translation(found, ids: list[int], language: str) -> list[int]:
    """The pks to show for the hits ``ids`` (best first), one per translation key: the page's live translation
    in ``language``, else its original in the default language, else the hit itself (a page that exists in
    another language only)."""
    keys = {page.translation_key for page in found}
    live = Page.objects.live().public().filter(translation_key__in=keys).select_related("locale")
    default_language = Locale.get_default().language_code
    preferred: dict[object, Page] = {}
    for page in live.filter(locale__language_code__in={language, default_language}):
        if page.translation_key not in preferred or page.locale.language_code == language:
            preferred[page.translation_key] = page
    by_pk = {page.pk: page for page in found}
    chosen: dict[object, int] = {}
    for pk in ids:
        page = by_pk.get(pk)
        if page is not None and page.translation_key not in chosen:
            better = preferred.get(page.translation_key)
            chosen[page.translation_key] = better.pk if better is not None else pk
    return list(chosen.values())


@register_search_provider("pages")
def page_results(query: str, request: HttpRequest) -> list[SearchResult]:
    """Published public pages, each once: in the visitor's language where it has a live translation, otherwise
    the French original (or the language it exists in), shown with its language; the visitor's language first.

    Searching every language matters while most content is French only: an English visitor looking for
    "Panama" should find the French release. The search backend is given the query's words only (and the same
    with a synonym, "IOM" → "OIM"): quotes, brackets and operators are search syntax to SQLite's full-text
    index, and an unbalanced one (``?q="``) would otherwise be a server error.
    """
    variants = query_variants(query)
    if not variants:
        return []
    ids: list[int] = []
    for words in variants:
        hits = Page.objects.live().public().exclude(depth__lte=1).search(words)[:MAX_PAGE_RESULTS]
        ids.extend(hit.pk for hit in hits if hit.pk not in ids)
    language = get_language()
    found = Page.objects.filter(pk__in=ids).select_related("locale")
    chosen = _one_page_per_translation(found, ids, language)
    pages = {page.pk: page for page in Page.objects.filter(pk__in=chosen).select_related("locale").specific()}
    ordered = sorted((pages[pk] for pk in chosen if pk in pages), key=lambda p: p.locale.language_code != language)
    terms = query_terms(query)
    results = []
    for page in ordered:
        text_of = getattr(page, "searchable_text", None)
        summary = getattr(page, "listing_summary", lambda: "")()
        full_text = text_of() if text_of else summary
        results.append(
            SearchResult(
                title=page.title,
                url=page.get_url(request) or "",
                kind=str(page.get_verbose_name()),
                snippet=snippet_around(full_text, terms) if full_text else "",
                date=getattr(page, "listing_date", lambda: None)(),
                year_only=getattr(page, "listing_year_only", False),
                language=page.locale.language_code,
            )
        )
    return results
