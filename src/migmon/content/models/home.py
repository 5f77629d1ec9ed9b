"""The home page of each language: the root of that language's tree."""

from __future__ import annotations

from django.db import models
from django.template.loader import select_template
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from migmon.content.blocks import RICH_TEXT_FEATURES
from migmon.content.models.listing import ListingMixin

# The portal app may provide ``portal/home_data.html`` (live figures); until then the content teaser is shown.
HOME_DATA_TEMPLATES = ["portal/home_data.html", "content/includes/home_data.html"]


class HomePage(ListingMixin, Page):
    """One per language (fr, en, es), translations of each other; its children form the main menu.

    ``agenda_page`` and ``data_page`` name the sections the home page presents, so editors can point
    them elsewhere without touching templates.
    """

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))
    agenda_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("2030 Agenda section"),
    )
    data_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("data section"),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("agenda_page"), FieldPanel("data_page")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("agenda_page"), APIField("data_page")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.SectionPage",
        "content.StandardPage",
        "content.NewsIndexPage",
        "content.EventIndexPage",
        "content.PublicationPage",
        "content.TimelinePage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from migmon.content import selectors

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = selectors.news_pages(locale=self.locale)[:3]
        context["upcoming_events"] = selectors.upcoming_events(locale=self.locale)[:3]
        context["recent_events"] = selectors.past_events(locale=self.locale)[:3]
        context["agenda"] = self.agenda_page.specific if self.agenda_page and self.agenda_page.live else None
        context["data_section"] = self.data_page.specific if self.data_page and self.data_page.live else None
        context["home_data_template"] = select_template(HOME_DATA_TEMPLATES).template.name
        return context
