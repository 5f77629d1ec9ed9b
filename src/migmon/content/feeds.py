"""RSS and Atom feeds of the news and event indexes (served by the index pages' ``rss/`` and ``atom/`` routes)."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _
from wagtail.models import Page


def _absolute_url(page: Page, request: HttpRequest) -> str:
    """The page's URL on the host the reader asked, not the Wagtail Site's configured ``root_url``
    (``http://localhost`` unless someone edits it), so feed links work wherever the site is served."""
    return request.build_absolute_uri(page.get_url(request) or "/")


class IndexFeed(Feed):
    """The latest items of one index page; each item links to its page and carries its tags as categories."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def __init__(self, index_page: Page, request: HttpRequest) -> None:
        super().__init__()
        self.index_page = index_page
        self.request = request
        self.language = index_page.locale.language_code

    def title(self) -> str:
        return f"{self.index_page.title} · migmon"

    def link(self) -> str:
        return _absolute_url(self.index_page, self.request)

    def description(self) -> str:
        return _("Latest items of “%(title)s”") % {"title": self.index_page.title}

    def items(self):
        return self.index_page.specific.feed_items()  # type: ignore[attr-defined]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.listing_summary()

    def item_link(self, item) -> str:
        return _absolute_url(item, self.request)

    def item_pubdate(self, item) -> datetime.datetime | None:
        when = item.listing_date()
        if when is not None:
            return timezone.make_aware(datetime.datetime.combine(when, datetime.time(12)))
        return item.first_published_at

    def item_updateddate(self, item) -> datetime.datetime | None:
        return item.last_published_at

    def item_categories(self, item) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class AtomIndexFeed(IndexFeed):
    feed_type = Atom1Feed
    subtitle = IndexFeed.description


def rss_response(request: HttpRequest, *, index_page: Page) -> HttpResponse:
    return IndexFeed(index_page, request)(request)


def atom_response(request: HttpRequest, *, index_page: Page) -> HttpResponse:
    return AtomIndexFeed(index_page, request)(request)
