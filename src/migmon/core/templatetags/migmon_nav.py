"""Template tags of the site chrome: main menu, language switcher, link to the home page."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from migmon.core import navigation

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    return {"items": navigation.menu_for_request(request) if request else [], "request": request}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    page = context.get("page")
    return {"links": navigation.language_links(request, page) if request else []}


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """``<link rel="alternate" hreflang>`` for each language the current page really exists in."""
    request = context.get("request")
    page = context.get("page")
    links = navigation.language_links(request, page) if request else []
    return {"links": [link for link in links if link.is_translation]}


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    """The home page of the active language, or the language prefix when the tree is still empty."""
    request = context.get("request")
    home = navigation.home_for_request(request) if request else None
    url = home.get_url(request) if home is not None else None
    return url or f"/{get_language()}/"
