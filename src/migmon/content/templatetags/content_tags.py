"""Template tags of the content app: links to the news and event indexes of the visitor's language, and the
"in French" mark of an item shown in another language than the page's."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from migmon.content.models import EventIndexPage, NewsIndexPage

register = template.Library()

#: Whole phrases rather than "in {name}": French and Spanish write language names in lower case after "en"
#: ("en français", "en francés"), where Django's language names are capitalised ("Français", "Francés").
IN_LANGUAGE = {"fr": _("in French"), "en": _("in English"), "es": _("in Spanish")}


@register.simple_tag
def in_language(code: str) -> str:
    """The mark of content written in the language ``code``, in the active language."""
    phrase = IN_LANGUAGE.get(code)
    if phrase is not None:
        return str(phrase)
    return gettext("in %(name)s") % {"name": get_language_info(code)["name_translated"]}


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
