"""What /api/v1/incidents takes and answers, described for the OpenAPI schema (descriptions and examples).

The answers are rendered by :mod:`migmon.incidents.api` straight from :mod:`migmon.incidents.selectors`; these
schemas document them (and the parameters, which ninja also validates). Kept apart from the views so that each
module has one job.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field

from migmon.incidents.selectors import YEAR_MAX, YEAR_MIN

CAUSE_EXAMPLE = "Drowning"


class Filters(Schema):
    """The filters every incidents endpoint takes, the same as the public map page's."""

    year: list[str] = Field(
        default_factory=list,
        description="Year of the incident, or a range such as 2019-2021; repeat for several. With start/end as "
        "well, both apply.",
        examples=[["2024"], ["2019-2021"]],
    )
    start: int | None = Field(
        None, ge=YEAR_MIN, le=YEAR_MAX, description="First year (inclusive), as on /observations.", examples=[2014]
    )
    end: int | None = Field(
        None, ge=YEAR_MIN, le=YEAR_MAX, description="Last year (inclusive), as on /observations.", examples=[2024]
    )
    region: list[str] = Field(
        default_factory=list,
        description="IOM region of the incident; repeat for several.",
        examples=[["Mediterranean"]],
    )
    route: list[str] = Field(
        default_factory=list,
        description="Migration route, as IOM names it; repeat for several.",
        examples=[["Central Mediterranean"]],
    )
    cause: list[str] = Field(
        default_factory=list,
        description="Cause of death, as IOM names it; repeat for several. An incident matches when any of its rows "
        "lists the cause; totals count the victims of those rows.",
        examples=[[CAUSE_EXAMPLE]],
    )
    origin: list[str] = Field(
        default_factory=list,
        description="Country of origin of the victims, as IOM names it; repeat for several.",
        examples=[["Eritrea"]],
    )


class Error(Schema):
    message: str = Field(description="What is wrong, in English.", examples=["Unknown query parameter 'bogus'."])
    parameter: str | None = Field(description="The parameter at fault, when there is one.", examples=["bogus"])


class TotalItem(Schema):
    """Examples: the 2026 website export as a whole (its PROVENANCE.md figures)."""

    key: str | int = Field(description="The group (a year, region, route or cause), or 'all'.", examples=["all"])
    dead: int = Field(description="Number dead.", examples=[642])
    missing: int = Field(description="Minimum estimated number missing.", examples=[1258])
    total: int = Field(description="Dead and missing.", examples=[1900])
    incidents: int = Field(
        description="Incidents with a matching row in the group (each counted once per group).", examples=[211]
    )


class Totals(Schema):
    by: str | None = Field(description="The dimension grouped by, or null for one overall item.", examples=["year"])
    items: list[TotalItem] = Field(description="By year: in year order; otherwise largest total first.")


class Cluster(Schema):
    """Examples: the sea row of 2025.MMP0956 (ten missing off the Canary Islands), alone in its cell."""

    lat: float = Field(description="Mean latitude of the rows in the cell.", examples=[24.6902])
    lon: float = Field(description="Mean longitude of the rows in the cell.", examples=[-17.0593])
    incidents: int = Field(description="Incidents with a row in the cell.", examples=[1])
    dead: int = Field(description="Number dead.", examples=[0])
    missing: int = Field(description="Minimum estimated number missing.", examples=[10])
    total: int = Field(description="Dead and missing.", examples=[10])
    id: str | None = Field(description="The incident id when the cell holds one incident.", examples=["2025.MMP0956"])


class Clusters(Schema):
    zoom: int = Field(description="The zoom asked for.", examples=[0])
    cell_degrees: float = Field(description="Width of a cell in degrees (11.25 at zoom 0).", examples=[11.25])
    items: list[Cluster]


class IncidentRow(Schema):
    """One counted row: a split incident has several, each with its own cause, country, route and counts."""

    row_id: str = Field(description="IOM's id of the row (the incident id when the file has none).")
    date: str | None = Field(description="Date of the row (ISO 8601).", examples=["2025-08-24"])
    year: int
    region: str
    country_name: str = Field(description="Country of incident, as IOM writes it (empty at sea).")
    latitude: float | None
    longitude: float | None
    place: str
    dead: int | None = Field(description="Number dead; null when not reported.")
    missing: int | None = Field(description="Minimum estimated number missing; null when not reported.")
    total: int = Field(description="Dead and missing (unreported counts as 0).")
    survivors: int | None
    females: int | None
    males: int | None
    children: int | None
    causes: list[str] = Field(description="Causes of death listed for the row; totals count the first.")
    route: str


class Incident(Schema):
    incident_id: str = Field(examples=["2025.MMP0956"])
    incident_type: str
    date: str | None = Field(description="Date of the incident (its earliest row), ISO 8601.")
    date_precision: str = Field(description="day, month or year.")
    year: int
    region: str = Field(description="Region of incident as IOM writes it (several joined by commas).")
    regions: list[str] = Field(
        description="Every region the incident lists, each as `region=` matches it.",
        examples=[["Mediterranean", "North America"]],
    )
    country_name: str
    countries: list[str] = Field(description="Every country of incident its rows list.", examples=[["Libya"]])
    latitude: float | None
    longitude: float | None
    coordinates_reliability: str = Field(description="reported, approximate or unknown.")
    place: str
    dead: int | None
    missing: int | None
    total: int = Field(description="Dead and missing, summed over the rows.")
    survivors: int | None
    females: int | None
    males: int | None
    children: int | None
    causes: list[str] = Field(description="Every cause the rows list, first row first.")
    route: str
    routes: list[str] = Field(description="Every migration route the incident lists, each as `route=` matches it.")
    origin_countries: list[str]
    origin_region: str
    origin_presumed: bool
    unsd_grouping: str
    information_source: str
    urls: list[str]
    source_quality: str
    rows: list[IncidentRow] = Field(description="The counted rows (one unless IOM split the incident).")


class IncidentPage(Schema):
    count: int = Field(description="Incidents matching the filters (the 2025 file holds 917).", examples=[917])
    items: list[Incident]
    next: str | None = Field(description="URL of the next page, or null.", examples=[None])


ERRORS: dict[int, Any] = {400: Error, 429: Error}
