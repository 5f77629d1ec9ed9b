"""What every listed page can say about itself: a date and a short text for cards, feeds and search results."""

from __future__ import annotations

import datetime
import html as html_module

from django.utils.html import strip_tags
from django.utils.text import Truncator


def plain_text(markup: str, words: int = 40) -> str:
    """Rich text reduced to a short plain sentence for cards and search snippets."""
    return Truncator(" ".join(html_module.unescape(strip_tags(markup)).split())).words(words)


class ListingMixin:
    """Default listing behaviour; page types with a date or a summary override these."""

    #: True when ``listing_date`` only stands for a year (a publication's year), so lists show the year alone.
    listing_year_only = False
    #: Whether cards name the page type ("News release"); plain sections and pages go without.
    listing_show_kind = True

    def listing_date(self) -> datetime.date | None:
        """The date shown next to the title in lists; None when the page has no date of its own."""
        return None

    def listing_summary(self) -> str:
        """A sentence or two of plain text describing the page."""
        search_description = getattr(self, "search_description", "")
        if search_description:
            return search_description
        for name in ("summary", "intro"):
            value = getattr(self, name, "")
            if value:
                return plain_text(str(value))
        body = getattr(self, "body", None)
        if body:
            for block in body:
                if block.block_type == "paragraph":
                    return plain_text(str(block.value))
        return ""

    #: Fields whose text a search snippet may quote, in the order they are read.
    snippet_fields = ("summary", "intro", "body", "lines_of_action", "outcome", "entries")

    def searchable_text(self) -> str:
        """The page's own text as one plain string, for search snippets."""
        parts: list[str] = []
        for name in self.snippet_fields:
            value = getattr(self, name, None)
            if not value:
                continue
            stream_block = getattr(value, "stream_block", None)
            if stream_block is not None:
                parts.extend(strip_tags(str(text)) for text in stream_block.get_searchable_content(value))
            else:
                parts.append(strip_tags(str(value)))
        parts = [html_module.unescape(part) for part in parts]
        return " ".join(" ".join(parts).split())
