"""The way into the data: one list of the portal's data destinations, shown on the "Data and research" page,
under that section in the main menu and on the home page.

Each destination is a page of the portal or of a domain app reached by its URL name, so the list is the
one place that says what the data side of the site offers; the menu and the pages derive from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from migmon.core.navigation import MenuItem

#: Series behind the migrant stock charts (UN DESA, by destination); the profiles link their figures to it.
MIGRANT_STOCK_SERIES = "MIGSTOCK"

#: Pages whose figures the Missing Migrants register holds incident by incident: SDG 10.7.3 (deaths and
#: disappearances during migration), its series, and GCM objective 8 (save lives, efforts on missing migrants).
REGISTER_INDICATORS = frozenset({"10.7.3"})
REGISTER_SERIES = frozenset({"SM_DTH_MIGR", "MMP_DTH_MIGR"})
REGISTER_GCM_OBJECTIVES = frozenset({8})


def leads_to_register(*, indicator: str = "", series: str = "", objective: int | None = None) -> bool:
    """Whether the page of this indicator, series or GCM objective links to the register."""
    return indicator in REGISTER_INDICATORS or series in REGISTER_SERIES or objective in REGISTER_GCM_OBJECTIVES


@dataclass(frozen=True)
class DataEntry:
    """One destination: ``key`` names it in tests and anchors, ``url_name`` and ``args`` reach it."""

    key: str
    title: str | Promise
    description: str | Promise
    url_name: str = ""
    args: tuple[str, ...] = ()
    path: str = ""

    def url(self) -> str:
        return self.path or reverse(self.url_name, args=self.args)


DATA_ENTRIES: tuple[DataEntry, ...] = (
    DataEntry(
        "indicators",
        _("Migration-relevant SDG indicators"),
        _("Charts, maps and tables of every SDG indicator that concerns migration, with their series and sources."),
        "portal:data_index",
    ),
    DataEntry(
        "migrant-stock",
        _("International migrant stock"),
        _("UN DESA's estimates of international migrants by country of destination, sex and year, 1990 to 2024."),
        "portal:series_detail",
        (MIGRANT_STOCK_SERIES,),
    ),
    DataEntry(
        "missing-migrants",
        _("Missing Migrants register"),
        _("Deaths and disappearances during migration recorded by IOM, by year, region, route and cause (SDG 10.7.3)."),
        "incidents:map",
    ),
    DataEntry(
        "countries",
        _("Countries and regions"),
        _("A profile of every country and region: migrant stock, indicators, data availability, GCM objectives."),
        "portal:country_index",
    ),
    DataEntry(
        "gcm",
        _("Global Compact for Migration"),
        _("The 23 objectives, their links to the SDG targets, and the pledges and reviews of the follow-up."),
        "portal:gcm_index",
    ),
    DataEntry(
        "progress",
        _("Progress 2030"),
        _("Where each country stands against the 2030 targets, indicator by indicator, and how it is assessed."),
        "progress:index",
    ),
    DataEntry(
        "foresight",
        _("Scenarios 2030"),
        _("Scenarios of migration in 2030 and the signposts that tell which one the figures point to."),
        "foresight:index",
    ),
    DataEntry(
        "api",
        _("Open API"),
        _("Every figure of the portal as JSON or CSV from /api/v1, documented in OpenAPI."),
        path="/api/v1/docs",
    ),
)


def data_entries() -> list[dict[str, str]]:
    """The destinations with their URLs in the active language, for templates."""
    return [
        {"key": entry.key, "title": str(entry.title), "description": str(entry.description), "url": entry.url()}
        for entry in DATA_ENTRIES
    ]


def data_menu_items(request: HttpRequest) -> list[MenuItem]:
    """The destinations as sub-menu entries of the data section, marked current on their own page."""
    items = []
    for entry in DATA_ENTRIES:
        url = entry.url()
        items.append(
            MenuItem(
                title=str(entry.title),
                url=url,
                active=request.path.startswith(url),
                current=request.path == url,
            )
        )
    return items
