"""Reads for listings: news and events of a language, their filters (tag, year) and pagination.

Seed articles exist in French only, and editors translate them one at a time. A language's lists hold its own
live pages and, for every page not (yet) published in that language, the default language's original, so
translating one release does not hide the others from an English or Spanish visitor; templates mark such
items with their language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale

from migmon.content.models import EventPage, NewsPage

PAGE_SIZE = 10


def _in_language_or_original(queryset: QuerySet, locale: Locale) -> QuerySet:
    """Each page of ``queryset`` once: in ``locale`` where published there, otherwise the default language's."""
    default = Locale.get_default()
    own = queryset.filter(locale=locale)
    if locale.pk == default.pk:
        return own
    translated = own.values("translation_key")
    return queryset.filter(Q(locale=locale) | Q(locale=default) & ~Q(translation_key__in=translated))


def news_pages(*, locale: Locale) -> QuerySet[NewsPage]:
    """Published, public releases in ``locale`` or, untranslated, in the default language; newest first."""
    releases = _in_language_or_original(NewsPage.objects.live().public(), locale).select_related("locale")
    return releases.order_by(F("date").desc(nulls_last=True), "-first_published_at")


def event_pages(*, locale: Locale) -> QuerySet[EventPage]:
    """Published, public events in ``locale`` or, untranslated, in the default language."""
    return _in_language_or_original(EventPage.objects.live().public(), locale).select_related("series", "locale")


def upcoming_events(*, locale: Locale, today: datetime.date | None = None) -> QuerySet[EventPage]:
    """Events that have not ended yet, soonest first."""
    today = today or timezone.localdate()
    not_over = Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)
    return event_pages(locale=locale).filter(not_over).order_by("start_date")


def past_events(*, locale: Locale, today: datetime.date | None = None) -> QuerySet[EventPage]:
    """Events that are over, most recent first."""
    today = today or timezone.localdate()
    over = Q(end_date__lt=today) | Q(end_date__isnull=True, start_date__lt=today)
    return event_pages(locale=locale).filter(over).order_by("-start_date")


def years_of(queryset: QuerySet, date_field: str) -> list[int]:
    """The distinct years of ``date_field`` in ``queryset``, newest first, for the year filter."""
    return sorted({d.year for d in queryset.values_list(date_field, flat=True) if d}, reverse=True)


def tags_of(queryset: QuerySet) -> QuerySet[Tag]:
    """The tags used by the pages of ``queryset``, for the tag filter."""
    model = queryset.model
    through = model.tags.through  # type: ignore[attr-defined]
    ids = through.objects.filter(content_object__in=queryset.values("pk")).values("tag_id")
    return Tag.objects.filter(pk__in=ids).order_by("name")


@dataclass(frozen=True)
class ListingFilters:
    """The filters a visitor picked on an index page; unknown or malformed values are ignored."""

    tag: str = ""
    year: int | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> ListingFilters:
        raw_year = request.GET.get("year", "")
        year = int(raw_year) if raw_year.isdecimal() and len(raw_year) == 4 else None
        return cls(tag=request.GET.get("tag", "")[:100], year=year)

    @property
    def active(self) -> bool:
        return bool(self.tag or self.year)

    def apply(self, queryset: QuerySet, *, date_field: str) -> QuerySet:
        if self.tag:
            queryset = queryset.filter(tags__slug=self.tag)
        if self.year:
            queryset = queryset.filter(**{f"{date_field}__year": self.year})
        return queryset.distinct()


def paginate(request: HttpRequest, items, per_page: int = PAGE_SIZE) -> PaginatorPage:
    """One page of ``items`` from ``?page=``; out-of-range or malformed numbers give the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
