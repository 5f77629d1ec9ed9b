"""News releases and their index (paginated, filterable by tag and year, with RSS and Atom feeds)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from migmon.content.blocks import MediaContactBlock, body_blocks
from migmon.content.models.index_page import ListingIndexPage
from migmon.content.models.listing import ListingMixin


class NewsIndexPage(ListingIndexPage):
    """Lists the releases of its language (or of the default language while none are translated)."""

    subpage_types = ["content.NewsPage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        from migmon.content import selectors

        context = super().get_context(request, *args, **kwargs)
        all_news = selectors.news_pages(locale=self.locale)
        filters = selectors.ListingFilters.from_request(request)
        context["filters"] = filters
        context["years"] = selectors.years_of(all_news, "date")
        context["tags"] = selectors.tags_of(all_news)
        context["items"] = selectors.paginate(request, filters.apply(all_news, date_field="date"))
        return context

    @path("")
    def index_view(self, request):
        return self.render(request)

    @path("rss/", name="rss")
    def rss_view(self, request):
        from migmon.content.feeds import rss_response

        return rss_response(request, index_page=self)

    @path("atom/", name="atom")
    def atom_view(self, request):
        from migmon.content.feeds import atom_response

        return atom_response(request, index_page=self)

    def feed_items(self):
        from migmon.content import selectors

        return selectors.news_pages(locale=self.locale)[:20]


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("content.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(ListingMixin, Page):
    """A press release: dateline (place and date), a lead, the text, media contacts and tags.

    ``date`` stays empty when the source does not say which year a release is from, rather than guess.
    ``event`` links a release to the event it reports on (e.g. a session of the IDM).
    """

    date = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("dateline place"), max_length=120, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))
    media_contacts = StreamField([("contact", MediaContactBlock())], blank=True, verbose_name=_("media contacts"))
    event = models.ForeignKey(
        "content.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_pages",
        verbose_name=_("event"),
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("place")], heading=_("Dateline")),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("media_contacts"),
        FieldPanel("event"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("date"),
        APIField("place"),
        APIField("summary"),
        APIField("body"),
        APIField("media_contacts"),
        APIField("event"),
        APIField("tags"),
    ]

    parent_page_types = ["content.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news release")
        verbose_name_plural = _("news releases")

    def listing_date(self) -> datetime.date | None:
        return self.date

    def listing_summary(self) -> str:
        return self.summary or super().listing_summary()
