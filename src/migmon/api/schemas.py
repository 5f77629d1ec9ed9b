"""Documented shapes of the /api/v1 answers (used for the OpenAPI schema at /api/v1/docs).

Field names are part of the contract: add fields, never rename or remove them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

#: The codes of the SDG DSD's CL_REPORTING_TYPE (:data:`migmon.indicators.vocabulary.REPORTING_TYPES`; a test
#: checks they agree).
ReportingTypeCode = Literal["G", "N", "R"]


class Error(Schema):
    message: str = Field(description="What is wrong, in English.")
    parameter: str | None = Field(description="The query or path parameter at fault, when there is one.")


class Translated(Schema):
    fr: str | None = Field(description="French; null where the sources have no French text.")
    en: str
    es: str | None


class Goal(Schema):
    code: str = Field(examples=["10"])
    number: int
    title: Translated
    short: Translated
    targets: list[str] = Field(description="Target codes.")


class Target(Schema):
    code: str = Field(examples=["10.7"])
    goal: str
    title: Translated
    migration_relevant: bool
    relevance_note: str
    indicators: list[str]
    gcm_objectives: list[int]


class Indicator(Schema):
    code: str = Field(examples=["10.7.3"])
    title: Translated
    targets: list[str]
    series: list[str]
    migration_relevant: bool
    relevance_note: str


class Series(Schema):
    code: str = Field(examples=["SM_DTH_MIGR"])
    name: Translated
    unit: str
    unit_multiplier: int
    allowed_dimensions: dict[str, object]
    indicators: list[str]
    observations: int = Field(description="Number of current observations.")
    start: int | None = Field(description="First year with data.")
    end: int | None = Field(description="Last year with data.")


class GcmLink(Schema):
    target: str = Field(examples=["10.c"])
    indicator: str | None = Field(description="The target's indicator the basis names, if it names one.")
    strength: Literal["specific", "general"] = Field(
        description="general: the only ground is that the Compact is rooted in target 10.7."
    )
    basis: str = Field(description="The grounds of the link (see indicators/data/SOURCES.md).")


class GcmObjective(Schema):
    number: int
    title: Translated = Field(description="fr is null where no official French title is in the sources.")
    title_fr_source: str
    short_label: Translated
    targets: list[str]
    links: list[GcmLink] = Field(description="The links to SDG targets with their basis, specific links first.")
    link_source: str


class Area(Schema):
    code: str = Field(description="ISO alpha-3 for countries, M49 for regions, desa-NNNN for DESA groupings.")
    kind: str
    m49: str | None
    iso2: str | None
    iso3: str | None
    name: Translated
    parent: str | None
    is_ldc: bool
    is_lldc: bool
    is_sids: bool


class Release(Schema):
    id: int
    dataset: str
    source_organisation: str
    file_name: str
    sha256: str
    edition: str
    imported_at: datetime
    importer: str
    importer_version: str
    added: int
    changed: int
    unchanged: int
    rejected: int
    status: str
    rolled_back_at: datetime | None


class Observation(Schema):
    series: str = Field(description="Series code.")
    area: str = Field(description="Area code: ISO alpha-3 for countries, M49 for regions.")
    period: str = Field(description="Time period as published (2020, 2019-2020 …).")
    value: float | None
    unit: str
    dimensions: dict[str, str] = Field(description="Disaggregation codes by dimension name; totals are omitted.")
    reporting_type: ReportingTypeCode = Field(
        description="Who reported the value (REPORTING_TYPE of the SDG DSD): G global (the UN Global SDG Database, "
        "UN DESA, IOM), N national (a country's own platform or statistics office), R regional. A national and a "
        "global value for the same series, area, period and dimensions are two observations, each with its release."
    )
    nature: str = Field(description="SDG NATURE code: C country data, E estimated, M modelled …")
    footnote: str
    source: str
    release: int = Field(description="Id of the release that brought the value (see /releases).")
    provisional: bool = Field(
        description="True while the period's figures are partial (the source had not finished recording it)."
    )
    as_of: date | None = Field(description="For a provisional period, the date its data is as of; else null.")


class ObservationPage(Schema):
    items: list[Observation]
    next: str | None = Field(description="Cursor for the next page, or null on the last page.")


class IndexEndpoint(Schema):
    path: str = Field(examples=["/api/v1/observations"])
    summary: str
    tags: list[str]


class Index(Schema):
    title: str
    version: str
    docs: str = Field(description="Interactive documentation (Swagger UI).", examples=["/api/v1/docs"])
    openapi: str = Field(description="The OpenAPI schema.", examples=["/api/v1/openapi.json"])
    endpoints: list[IndexEndpoint]
