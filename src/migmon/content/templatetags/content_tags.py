"""Template tags of the content app: links to the news and event indexes of the visitor's language."""

from __future__ import annotations

from django import template
from wagtail.models import Locale

from migmon.content.models import EventIndexPage, NewsIndexPage

register = template.Library()


@register.simple_tag
def index_pages() -> dict[str, object]:
    """``{"news": NewsIndexPage | None, "events": EventIndexPage | None}`` of the active language."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return {"news": None, "events": None}
    return {
        "news": NewsIndexPage.objects.live().filter(locale=locale).first(),
        "events": EventIndexPage.objects.live().filter(locale=locale).first(),
    }
