"""A history timeline: a page holding one structured entry per year or range of years."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from migmon.content.blocks import RICH_TEXT_FEATURES, TIMELINE_TAGS, TimelineEntryBlock
from migmon.content.models.listing import ListingMixin


class TimelinePage(ListingMixin, Page):
    """Entries are kept in the editor's order; visitors can narrow them to one tag (``?tag=return``)."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))
    entries = StreamField([("entry", TimelineEntryBlock())], blank=True, verbose_name=_("entries"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("entries")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("entries")]
    api_fields = [APIField("intro"), APIField("entries")]

    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("timeline")
        verbose_name_plural = _("timelines")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag_labels = dict(TIMELINE_TAGS)
        selected = request.GET.get("tag", "")
        if selected not in tag_labels:
            selected = ""
        entries = [block.value for block in self.entries]
        context["tag_choices"] = [
            (key, label) for key, label in TIMELINE_TAGS if any(key in e["tags"] for e in entries)
        ]
        context["selected_tag"] = selected
        context["tag_labels"] = tag_labels
        context["shown_entries"] = [e for e in entries if not selected or selected in e["tags"]]
        return context
