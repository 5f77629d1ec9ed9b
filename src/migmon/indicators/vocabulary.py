"""The dimension vocabulary: every disaggregation migmon stores, defined once, in plain Python.

Readers, the loader, the exporters, the framework reader, the API filters and the page labels all derive
their lists from :data:`DIMENSIONS`, so a new dimension is one entry here plus a migration when it gets an
indexed column. The module imports nothing (readers use it and must stay free of Django).

The eleven disaggregations of the global SDG DSD come first, in the DSD's own order (``IAEG-SDGs:SDG(1.14)``,
positions 5–15 after FREQ, REPORTING_TYPE, SERIES and REF_AREA; see data/sdg-dsd/PROVENANCE.md). Then
``COUNTERPART_AREA``: the corridor partner of 10.c.1 and of the UN DESA origin × destination table, which
that DSD has no dimension for; migmon stores it as an area and writes it as a column of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks a label for ``makemessages`` (the keyword it extracts); pages translate it when they show it."""
    return message


@dataclass(frozen=True, slots=True)
class Dimension:
    """One disaggregation: how files, the database, exports, the API and pages name it.

    ``code`` is the SDMX concept id, used as is in files, exports and keys (``SEX``). ``label`` is the English
    msgid pages translate. ``dsd_position`` and ``codelist`` place it in the global SDG DSD (None when the DSD
    has no such dimension). ``column`` is the indexed :class:`~migmon.indicators.models.DimensionSet` column
    that repeats the code, with ``max_length`` its size (a longer code is refused, never cut).
    ``in_constraints`` says whether the SDG content-constraints file lists allowed codes for it.
    ``filterable``: the API and the query object accept it as a filter.
    """

    code: str
    label: str
    dsd_position: int | None
    codelist: str | None
    column: str | None = None
    max_length: int | None = None
    in_constraints: bool = False
    filterable: bool = True

    @property
    def in_dsd(self) -> bool:
        return self.dsd_position is not None

    @property
    def parameter(self) -> str:
        """The query parameter that filters on it (``sex``, ``counterpart_area``)."""
        return self.code.lower()


SEX = Dimension("SEX", gettext_noop("Sex"), 5, "CL_SEX", "sex", 8, True)
AGE = Dimension("AGE", gettext_noop("Age"), 6, "CL_AGE", "age", 24, True)
URBANISATION = Dimension("URBANISATION", gettext_noop("Location"), 7, "CL_URBANISATION", "location", 16, True)
INCOME_WEALTH_QUANTILE = Dimension(
    "INCOME_WEALTH_QUANTILE", gettext_noop("Income quantile"), 8, "CL_QUANTILE", in_constraints=True
)
EDUCATION_LEV = Dimension("EDUCATION_LEV", gettext_noop("Education level"), 9, "CL_EDUCATION_LEV", in_constraints=True)
OCCUPATION = Dimension("OCCUPATION", gettext_noop("Occupation"), 10, "CL_OCCUPATION", in_constraints=True)
CUST_BREAKDOWN = Dimension("CUST_BREAKDOWN", gettext_noop("Custom breakdown"), 11, "CL_CUST_BREAKDOWN")
#: Migratory status is coded here with an ``MS_`` prefix (see :data:`MIGRATORY_STATUS_PREFIX`); those codes
#: also fill the indexed ``migratory_status`` column, 40 characters like this dimension's own limit.
COMPOSITE_BREAKDOWN = Dimension(
    "COMPOSITE_BREAKDOWN", gettext_noop("Breakdown"), 12, "CL_COMP_BREAKDOWN", None, 40, True
)
DISABILITY_STATUS = Dimension(
    "DISABILITY_STATUS", gettext_noop("Disability status"), 13, "CL_DISABILITY", in_constraints=True
)
ACTIVITY = Dimension("ACTIVITY", gettext_noop("Economic activity"), 14, "CL_ACTIVITY", in_constraints=True)
PRODUCT = Dimension("PRODUCT", gettext_noop("Product"), 15, "CL_PRODUCT", in_constraints=True)
#: Stored as an area (``DimensionSet.counterpart_area``); files give it with its kind (``iso2:TH``).
COUNTERPART_AREA = Dimension(
    "COUNTERPART_AREA", gettext_noop("Counterpart area"), None, None, "counterpart_area", None, False
)

#: Every dimension, DSD ones in DSD order, then migmon's own.
DIMENSIONS: tuple[Dimension, ...] = (
    SEX,
    AGE,
    URBANISATION,
    INCOME_WEALTH_QUANTILE,
    EDUCATION_LEV,
    OCCUPATION,
    CUST_BREAKDOWN,
    COMPOSITE_BREAKDOWN,
    DISABILITY_STATUS,
    ACTIVITY,
    PRODUCT,
    COUNTERPART_AREA,
)
BY_CODE: dict[str, Dimension] = {dimension.code: dimension for dimension in DIMENSIONS}
#: The codes, in :data:`DIMENSIONS` order: the dimension columns of every export.
CODES: tuple[str, ...] = tuple(BY_CODE)
#: The dimensions of the global SDG DSD (everything but the counterpart area).
DSD_CODES: tuple[str, ...] = tuple(d.code for d in DIMENSIONS if d.in_dsd)
#: The dimensions the SDG content-constraints file has a column for.
CONSTRAINT_CODES: tuple[str, ...] = tuple(d.code for d in DIMENSIONS if d.in_constraints)
MIGRATORY_STATUS_PREFIX = "MS_"
TOTAL_CODE = "_T"

#: Who reported a value: the DSD's dimension at position 2, between FREQ and SERIES. It is part of every
#: observation's key (two official sources that disagree are both kept), but it is no disaggregation: it has
#: no total, every observation has exactly one, and it is stored on the observation itself
#: (``Observation.reporting_type``), not in its dimension set; hence it is not in :data:`DIMENSIONS`.
REPORTING_TYPE = Dimension(
    "REPORTING_TYPE", gettext_noop("Reporting type"), 2, "CL_REPORTING_TYPE", "reporting_type", 1, False
)
GLOBAL = "G"
NATIONAL = "N"
REGIONAL = "R"
#: The codes of the DSD's CL_REPORTING_TYPE (1.0) and their labels, in the order a page shows them side by side
#: and in which one value per key is preferred (:data:`PREFERENCE`).
REPORTING_TYPES: dict[str, str] = {
    GLOBAL: gettext_noop("Global"),
    NATIONAL: gettext_noop("National"),
    REGIONAL: gettext_noop("Regional"),
}
#: Where a reader's format does not say who reported, the value is the UN Global SDG Database's (or an
#: international agency's: UN DESA, IOM): global.
DEFAULT_REPORTING_TYPE = GLOBAL
#: When one value per key is wanted (progress, maps, latest values): the global one where there is one (it is
#: the one comparable across countries), then the national, then the regional.
PREFERENCE: tuple[str, ...] = tuple(REPORTING_TYPES)


def indexed() -> Iterator[Dimension]:
    """The dimensions with a plain indexed code column (counterpart areas are a foreign key, not a code)."""
    return (d for d in DIMENSIONS if d.column and d is not COUNTERPART_AREA)


def by_parameter(name: str) -> Dimension | None:
    """The dimension a query parameter names, in any case (``sex``, ``SEX``); None if it names none."""
    return BY_CODE.get(name.upper())
