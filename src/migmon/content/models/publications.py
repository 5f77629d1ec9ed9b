"""Publications: a report or study with its year, partners, summary and an optional document."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from migmon.content.blocks import body_blocks
from migmon.content.models.listing import ListingMixin


class PublicationPage(ListingMixin, Page):
    """A publication. The page title may describe it (``title``) while ``publication_title`` keeps the
    title the publication itself carries (often in English, e.g. "Tomorrow's World of Migration and Mobility").
    """

    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    publication_title = models.CharField(_("title of the publication"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    partners = StreamField(
        [("partner", blocks.CharBlock(label=_("Partner"), max_length=200))], blank=True, verbose_name=_("partners")
    )
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("publication_title"),
        FieldPanel("year"),
        FieldPanel("partners"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("document"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("publication_title"),
        index.SearchField("partners"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    api_fields = [
        APIField("subtitle"),
        APIField("publication_title"),
        APIField("year"),
        APIField("partners"),
        APIField("summary"),
        APIField("body"),
        APIField("document"),
    ]

    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    listing_year_only = True

    def listing_date(self) -> datetime.date | None:
        return datetime.date(self.year, 1, 1) if self.year else None

    def listing_summary(self) -> str:
        return self.summary or super().listing_summary()
