"""Reads behind the site navigation: the menu tree of the visitor's language and the language switcher.

The menu is the home page's children marked "show in menus", two levels below them deep, so editors
change it by moving pages in the admin. The page the home page names as its data section (``data_page``) also
lists the data destinations an app registers with :func:`register_data_menu` (pages outside the page tree:
indicators, the register, progress, scenarios…), so they sit under "Data and research" instead of the top bar.
The switcher leads to the same page in another language when a published translation exists, otherwise to
that language's home page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, Site

MENU_DEPTH = 3


@dataclass
class MenuItem:
    title: str
    url: str
    active: bool = False
    current: bool = False
    children: list[MenuItem] = field(default_factory=list)


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the switcher; ``is_translation``: it leads to this very page in that language (a published
    translation, or the same view under the other prefix), not to that language's home page."""

    code: str
    name: str
    url: str
    current: bool
    is_translation: bool


DataMenuProvider = Callable[[HttpRequest], list["MenuItem"]]
_DATA_MENU: list[DataMenuProvider] = []


def register_data_menu(provider: DataMenuProvider) -> DataMenuProvider:
    """Add ``provider``'s entries under the home page's data section (registering it twice adds it once)."""
    if provider not in _DATA_MENU:
        _DATA_MENU.append(provider)
    return provider


def home_for_request(request: HttpRequest) -> Page | None:
    """The home page in the active language (the site's root page when it has no translation)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


def _menu_items(
    parent: Page, request: HttpRequest, current_path: str, depth: int, data_page_id: int | None = None
) -> list[MenuItem]:
    items = []
    for page in parent.get_children().live().public().in_menu():
        url = page.get_url(request) or ""
        item = MenuItem(
            title=page.title,
            url=url,
            active=bool(url) and current_path.startswith(url),
            current=url == current_path,
        )
        if depth > 1:
            item.children = _menu_items(page, request, current_path, depth - 1)
        if page.pk == data_page_id:
            for provider in _DATA_MENU:
                item.children.extend(provider(request))
            item.active = item.active or any(child.active for child in item.children)
        items.append(item)
    return items


def menu_for_request(request: HttpRequest) -> list[MenuItem]:
    """The main menu of the visitor's language."""
    home = home_for_request(request)
    if home is None:
        return []
    data_page_id = getattr(home.specific, "data_page_id", None)
    return _menu_items(home, request, request.path, MENU_DEPTH, data_page_id)


def _outside_page_tree(request: HttpRequest) -> bool:
    match = request.resolver_match
    return match is not None and match.url_name != "wagtail_serve"


def language_links(request: HttpRequest, page: Page | None) -> list[LanguageLink]:
    """One link per site language, pointing at ``page``'s translation or that language's home page."""
    current = get_language()
    translations: dict[str, Page] = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().public().select_related("locale"):
            translations[translation.locale.language_code] = translation
    site = Site.find_for_request(request)
    links = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        url = target.get_url(request) if target is not None else None
        same_page = target is not None
        if url is None and not isinstance(page, Page) and _outside_page_tree(request):
            # A view outside the page tree (search, data pages): the same URL under the other prefix.
            url = translate_url(request.get_full_path(), code)
            same_page = True
        if url is None and site is not None:
            home = site.root_page.get_translation_or_none(Locale.objects.filter(language_code=code).first())
            url = home.get_url(request) if home is not None and home.live else None
        links.append(
            LanguageLink(
                code=code,
                name=get_language_info(code)["name_local"],
                url=url or f"/{code}/",
                current=code == current,
                is_translation=same_page,
            )
        )
    return links
