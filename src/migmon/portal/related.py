"""News and events about an area, found through the content side's Wagtail page tags.

Editors tag a page with a country's name (in any of the three languages) or its ISO alpha-3 code; a profile
lists the live pages of the current language carrying such a tag. The lookup goes through every taggit
"through" model attached to a Wagtail page type, so new tagged page types are found without changes here.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db.models import Q
from taggit.models import ItemBase
from wagtail.models import Locale, Page

from migmon.geo.models import Area

MAX_RELATED = 8


@cache
def tagged_page_through_models() -> list[type]:
    """taggit through models whose ``content_object`` is a Wagtail page type."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, ItemBase):
            continue
        try:
            target = model._meta.get_field("content_object").related_model
        except Exception:  # noqa: S112 - models without content_object are not page tags
            continue
        if isinstance(target, type) and issubclass(target, Page):
            found.append(model)
    return found


def area_tags(area: Area) -> set[str]:
    return {tag for tag in (area.iso3, area.name_en, area.name_fr, area.name_es) if tag}


def related_pages(area: Area, language_code: str) -> list[Page]:
    """Live pages in ``language_code`` tagged with the area's name or ISO alpha-3 code, newest first."""
    tag_query = Q()
    for tag in area_tags(area):
        tag_query |= Q(tag__name__iexact=tag)
    page_ids: set[int] = set()
    for through in tagged_page_through_models():
        manager = through._default_manager  # type: ignore[attr-defined]
        page_ids.update(manager.filter(tag_query).values_list("content_object_id", flat=True))
    if not page_ids:
        return []
    locale = Locale.objects.filter(language_code=language_code).first()
    pages = Page.objects.live().public().filter(pk__in=page_ids)
    if locale is not None:
        pages = pages.filter(locale=locale)
    return list(pages.order_by("-first_published_at").specific()[:MAX_RELATED])
