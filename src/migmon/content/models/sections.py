"""Section landing pages (the menu's branches) and free-form standard pages."""

from __future__ import annotations

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from migmon.content.blocks import RICH_TEXT_FEATURES, body_blocks
from migmon.content.models.listing import ListingMixin

# The portal provides ``portal/data_hub.html``: the way into the data on the section the home page names as its
# data section (``HomePage.data_page``); without it that section is an ordinary one.
DATA_HUB_TEMPLATE = "portal/data_hub.html"


class SectionPage(ListingMixin, Page):
    """A branch of the site: an introduction, an optional body, then the list of its child pages.

    A section without children of its own lists the other pages of its parent section, so a visitor
    always has somewhere to go. The home page's data section also shows the way into the data (the portal's
    data hub) between its introduction and its pages.
    """

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))
    listing_show_kind = False

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types = [
        "content.SectionPage",
        "content.StandardPage",
        "content.PublicationPage",
        "content.TimelinePage",
    ]

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific()
        context["children"] = children
        parent = self.get_parent()
        if parent is not None and getattr(parent.specific, "data_page_id", None) == self.pk:
            try:
                get_template(DATA_HUB_TEMPLATE)
                context["data_hub_template"] = DATA_HUB_TEMPLATE
            except TemplateDoesNotExist:
                pass
        if not children and "data_hub_template" not in context:
            context["siblings"] = (
                parent.get_children().live().public().in_menu().exclude(pk=self.pk).specific() if parent else []
            )
        return context


class StandardPage(ListingMixin, Page):
    """A page of text: introduction and a body of paragraphs, headings, quotes, boxes and teasers."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))
    listing_show_kind = False

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
