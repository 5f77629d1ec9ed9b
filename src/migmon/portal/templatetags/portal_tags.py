"""Template helpers for the data pages: localised numbers and URLs that change one state parameter."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from migmon.indicators import categories, precision
from migmon.portal import hub, labels

register = template.Library()


@register.filter
def number(value: Any, decimals: int = 2) -> str:
    """A figure in the active language's notation: grouped thousands, integers without decimals, the decimals of
    :func:`migmon.indicators.precision.decimals` (``decimals`` at most)."""
    if value is None or value == "":
        return "–"
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return number_format(int(value), use_l10n=True, force_grouping=True)
    places = precision.decimals(value, most=decimals)
    return number_format(round(value, places), decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def unit_label(code: str) -> str:
    """``PT`` → "Percent" in the active language (for attributes and scripts)."""
    return labels.unit_label(code or "")


@register.filter
def unit(code: str) -> SafeString:
    """The unit's label with its code on hover: ``<span title="PT">Percent</span>``."""
    return format_html('<span class="coded" title="{}">{}</span>', code, labels.unit_label(code or ""))


@register.filter
def coded(label: str, code: str) -> SafeString:
    """A label with the code it stands for on hover (natures, breakdown codes)."""
    if not code or str(label) == str(code):
        return format_html("{}", label)
    return format_html('<span class="coded" title="{}">{}</span>', code, label)


@register.filter
def categorical(series_code: str) -> bool:
    """True for a series whose values are categories (10.7.2 scores), not quantities."""
    return categories.is_categorical(series_code or "")


@register.filter
def series_value(value: Any, series_code: str) -> str:
    """A value as its series means it: a category's label with the code on hover (10.7.2: "Meets", code 3), a
    number otherwise (and a code outside the series' categories as published)."""
    label = labels.category_label(series_code or "", None if value in (None, "") else float(value))
    if label is None:
        return number(value)
    return coded(label, f"{float(value):g}")


@register.filter
def series_name(series: object) -> SafeString:
    """The series' name in the active language; marked ``lang="en"`` when only the English name exists."""
    name = getattr(series, "name", "")
    if getattr(series, "name_is_fallback", False):
        return format_html('<span lang="en">{}</span>', name)
    return format_html("{}", name)


@register.simple_tag
def with_param(query: str, name: str, value: Any) -> str:
    """``query`` (a URL-encoded string) with ``name`` set to ``value``."""
    params = QueryDict(query, mutable=True)
    params[name] = str(value)
    return params.urlencode()


@register.filter
def percent(value: Any) -> str:
    if value is None:
        return "–"
    return number_format(round(float(value), 1), decimal_pos=1, use_l10n=True) + " %"


@register.simple_tag
def home_figures() -> dict[str, Any]:
    """Live figures for the home page (world migrant stock, women's share, recorded deaths), cached per data
    version; a figure the store does not hold is left out, never estimated."""
    from django.core.cache import cache

    from migmon.indicators.selectors import data_version
    from migmon.portal.profiles import home_figures_data

    key = f"migmon.portal.home:{data_version().tag}"
    figures = cache.get(key)
    if figures is None:
        figures = home_figures_data()
        cache.set(key, figures, 3600)
    return figures


@register.simple_tag
def data_entries() -> list[dict[str, str]]:
    """The data destinations (``portal.hub``) with their URLs in the active language."""
    return hub.data_entries()


@register.inclusion_tag("portal/includes/register_link.html")
def register_link(indicator: str = "", series: str = "", objective: int | None = None) -> dict[str, bool]:
    """The way to the Missing Migrants register from the pages whose figures it holds (nothing elsewhere)."""
    return {"show": hub.leads_to_register(indicator=indicator, series=series, objective=objective)}
