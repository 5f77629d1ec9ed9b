"""Events, their index, and event series (such as the International Dialogue on Migration)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from migmon.content.blocks import RICH_TEXT_FEATURES, MediaContactBlock, body_blocks
from migmon.content.models.index_page import ListingIndexPage
from migmon.content.models.listing import ListingMixin


@register_snippet
class EventSeries(TranslatableMixin, models.Model):  # type: ignore[django-manager-missing]
    """A recurring event (the IDM meets every year); its "about" text is shown on each of its events."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    about_title = models.CharField(_("title of the “about” box"), max_length=200, blank=True)
    about = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("about"))

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("founded"),
        FieldPanel("about_title"),
        FieldPanel("about"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class EventIndexPage(ListingIndexPage):
    """Upcoming and past events of its language (or of the default language while none are translated)."""

    subpage_types = ["content.EventPage"]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def get_context(self, request, *args, **kwargs):
        from migmon.content import selectors

        context = super().get_context(request, *args, **kwargs)
        filters = selectors.ListingFilters.from_request(request)
        upcoming = filters.apply(selectors.upcoming_events(locale=self.locale), date_field="start_date")
        past = filters.apply(selectors.past_events(locale=self.locale), date_field="start_date")
        every = selectors.event_pages(locale=self.locale)
        context["filters"] = filters
        context["years"] = selectors.years_of(every, "start_date")
        context["tags"] = selectors.tags_of(every)
        context["upcoming"] = upcoming
        context["items"] = selectors.paginate(request, past)
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

        return selectors.event_pages(locale=self.locale).order_by("-start_date")[:20]


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey("content.EventPage", related_name="tagged_items", on_delete=models.CASCADE)


class EventPage(ListingMixin, Page):
    """A meeting, dialogue or workshop: when, where, its lines of action, what came out of it."""

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    series = models.ForeignKey(
        EventSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("series"),
    )
    summary = models.TextField(_("summary"), blank=True)
    lines_of_action = StreamField(
        [("line", blocks.TextBlock(label=_("Line of action")))],
        blank=True,
        verbose_name=_("themes / lines of action"),
    )
    outcome = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("outcome"))
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))
    media_contacts = StreamField([("contact", MediaContactBlock())], blank=True, verbose_name=_("media contacts"))
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("venue"), FieldPanel("series")],
            heading=_("When and where"),
        ),
        FieldPanel("summary"),
        FieldPanel("lines_of_action"),
        FieldPanel("outcome"),
        FieldPanel("body"),
        FieldPanel("media_contacts"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("lines_of_action"),
        index.SearchField("outcome"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("start_date"),
        index.RelatedFields("series", [index.SearchField("name"), index.SearchField("acronym")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("start_date"),
        APIField("end_date"),
        APIField("venue"),
        APIField("series"),
        APIField("summary"),
        APIField("lines_of_action"),
        APIField("outcome"),
        APIField("body"),
        APIField("media_contacts"),
        APIField("tags"),
    ]

    parent_page_types = ["content.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def listing_date(self) -> datetime.date | None:
        return self.start_date

    def listing_summary(self) -> str:
        return self.summary or super().listing_summary()
