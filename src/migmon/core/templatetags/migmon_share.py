"""What a page says about itself to search engines and link previews: description, OpenGraph and Twitter card.

Page templates already say what they are in their ``title`` block, and say what they hold in a ``description``
block (a Wagtail page's search description or introduction, a series' definition, a profile's headline figure).
``{% share_capture "title" %}`` around a block in ``base.html`` keeps what the block rendered, so
``{% share_meta %}`` can repeat it in ``og:title`` and ``<meta name="description">`` without every template
saying it twice. The preview image is the site card of the page's language: no server draws charts as images.
"""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from migmon.core import navigation

register = template.Library()

SITE_NAME = "migmon"
#: OpenGraph wants language_TERRITORY; these are the territories of the site's editions.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES"}
#: Search engines show about this many characters of a description.
DESCRIPTION_CHARS = 200
CARD = "migmon/share/card-{language}.png"
CARD_SIZE = (1200, 630)
CAPTURED = "migmon_share"


def _captured(context: template.Context) -> dict[str, str]:
    """What the capture tags of this rendering kept (the render context lives for one template rendering)."""
    render_context: Any = context.render_context
    return render_context.setdefault(CAPTURED, {})


class CaptureNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList, quiet: bool) -> None:
        self.name, self.nodelist, self.quiet = name, nodelist, quiet

    def render(self, context: template.Context) -> str:
        rendered = self.nodelist.render(context)
        _captured(context)[self.name] = rendered
        return "" if self.quiet else rendered


@register.tag
def share_capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    """``{% share_capture "name" [quiet] %}…{% endshare_capture %}``: render the inside (blocks included, so child
    templates still override them), keep it for :func:`share_meta`, and print it unless ``quiet``."""
    bits = token.split_contents()
    if len(bits) not in (2, 3) or bits[1][0] not in "\"'" or (len(bits) == 3 and bits[2] != "quiet"):
        raise template.TemplateSyntaxError('usage: {% share_capture "name" [quiet] %}')
    nodelist = parser.parse(("endshare_capture",))
    parser.delete_first_token()
    return CaptureNode(bits[1][1:-1], nodelist, quiet=len(bits) == 3)


def plain(markup: str) -> str:
    """Rendered template text as one plain line: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(strip_tags(markup)).split())


def _alternate_languages(request, page) -> list[str]:
    """The other languages this very page exists in (its published translations, or every language for the
    pages outside the page tree, which answer under each prefix)."""
    if request is None:
        return []
    links = navigation.language_links(request, page if isinstance(page, Page) else None)
    return [link.code for link in links if link.is_translation and not link.current]


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context: template.Context) -> dict[str, object]:
    captured = _captured(context)
    request = context.get("request")
    language = get_language() or "fr"
    title = plain(captured.get("title", "")).removesuffix(SITE_NAME).rstrip(" ·—") or SITE_NAME
    description = plain(captured.get("description", "")) or gettext(
        "Figures, country profiles and news on migration in the 2030 Agenda: the SDG and Global Compact "
        "indicators, the Missing Migrants register, progress toward 2030 and foresight."
    )
    image = static(CARD.format(language=language if language in OG_LOCALES else "fr"))
    absolute = request.build_absolute_uri if request is not None else (lambda url: url)
    page = context.get("page")
    return {
        "title": title,
        "description": Truncator(description).chars(DESCRIPTION_CHARS),
        "url": absolute(request.get_full_path()) if request is not None else "",
        "site_name": SITE_NAME,
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [OG_LOCALES.get(code, code) for code in _alternate_languages(request, page)],
        "image": absolute(image),
        "image_width": CARD_SIZE[0],
        "image_height": CARD_SIZE[1],
        "image_alt": gettext("migmon: migration in the 2030 Agenda"),
    }
