"""What the news and event indexes share: an introduction, a single place under a home page, feeds by route."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from migmon.content.blocks import RICH_TEXT_FEATURES
from migmon.content.models.listing import ListingMixin


class ListingIndexPage(RoutablePageMixin, ListingMixin, Page):
    """An index of dated pages in one language; subclasses say which pages and how they are filtered."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["content.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True
