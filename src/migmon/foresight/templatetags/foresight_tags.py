"""Template helpers of the foresight pages: a text in the visitor's language, and the menu entry."""

from __future__ import annotations

from django import template

from migmon.foresight.text import localized as localized_text

register = template.Library()


@register.filter
def localized(obj: object, name: str) -> str:
    """``{{ scenario|localized:"premise" }}``: the premise in the active language (French as a fallback)."""
    return localized_text(obj, name)


@register.inclusion_tag("foresight/includes/menu_entry.html", takes_context=True)
def foresight_menu_entry(context: template.Context) -> dict[str, object]:
    """The main menu's entry to the scenarios (one ``<li>``), marked active on the foresight pages."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.app_name != "foresight":
        return {"active": False, "current": False}
    return {"active": True, "current": match.url_name == "index"}
