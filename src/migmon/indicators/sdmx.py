"""migmon's observations in the terms of the global SDG DSD: what the SDMX exporters write and the validator checks.

One function, :func:`encode`, turns a stored observation into an :class:`SdmxObservation` — the DSD's key
(FREQ, REPORTING_TYPE, SERIES, REF_AREA and the eleven breakdowns, ``_T`` where there is none), the period, the
value and the attributes — so that SDMX-ML, SDMX-CSV and ``migmon validate --sdmx`` say exactly the same thing.
The DSD is the pinned copy read by :mod:`migmon.importers.dsd`; its version is written in every header.

How migmon's data are written:

- ``REF_AREA`` is the area's numeric M49 code as CL_AREA spells it, without leading zeros (Australia ``36``,
  the World ``1``); a country without an M49 code gets its ISO alpha-2 code (CL_AREA carries 252 of them).
  UN DESA's groupings get the CL_AREA code of the same SDG grouping where the DSD has one
  (:data:`GROUPING_AREAS`: Europe and Northern America 513, least developed countries 199 …); the others get
  ``DESA_`` and DESA's location code (High-income countries ``DESA_1503``): a code, never an English name,
  which the validator reports as outside CL_AREA and migmon's readers read back. DESA's own numbers are never
  written bare: 901 is "More developed regions" for DESA but "Africa (ILO)" in CL_AREA.
- ``REPORTING_TYPE``: the observation's own (part of its key in the store): ``G`` for the data migmon ships
  (UN SDG Global Database, UN DESA, IOM), ``N`` for a national platform's; both values of one key are written,
  as two keys.
- ``UNIT_MEASURE`` (series level) is the observation's unit, else the series' unit, which for SDG series is
  the content constraint's (``PT`` for remittance costs); ``UNIT_MULT`` the observation's power of ten;
  ``OBS_STATUS`` ``A`` (normal value), ``P`` (provisional value) in a period the store marks provisional, or
  ``M`` (missing value, ``OBS_VALUE`` ``NaN``) for a missing value —
  the observation's nature (estimated, modelled …) goes in the DSD's own ``NATURE`` attribute.
- **The 10.c.1 corridor partner is refused.** The DSD has no dimension for ``COUNTERPART_AREA``: written as a
  custom column or dropped, the 96 Australian corridors of ``SI_RMT_COST_BC`` would become 6 keys and their
  values would overwrite each other in whatever reads the file. So an SDMX export of a selection holding
  corridor values stops with :class:`SdmxRefused` before writing anything; select the totals with
  ``counterpart_area=_T``, or use CSV or JSON, which carry the partner.
- **SDMX-ML carries SDG series only**: it is what a country sends to UNSD, and migmon's own UN DESA series
  (``MIGSTOCK`` …) are not in CL_SERIES, so an SDMX-ML export of them is refused the same way. SDMX-CSV writes
  them with the same key (a file for people and tools that read the DSD's shape, read back by migmon).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext

from migmon.geo.models import Area
from migmon.importers import dsd
from migmon.importers.sdmx_areas import DESA_PREFIX, GROUPING_AREAS
from migmon.indicators import vocabulary
from migmon.indicators.models import Observation

#: The SDG DSD's key, in order (FREQ, REPORTING_TYPE, SERIES, REF_AREA, SEX … PRODUCT).
KEY = ("FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", *vocabulary.DSD_CODES)
#: Attributes migmon writes, the series-level one first.
ATTRIBUTES = ("UNIT_MEASURE", "UNIT_MULT", "OBS_STATUS", "NATURE", "COMMENT_OBS", "SOURCE_DETAIL")
NORMAL_VALUE = "A"
MISSING_VALUE = "M"
PROVISIONAL_VALUE = "P"


def corridor_reason(*, series: str, count: int) -> str:
    """Why a selection with corridor values cannot be written in SDMX, in the user's language."""
    return gettext(
        "The global SDG DSD %(dsd)s has no dimension for the corridor partner (COUNTERPART_AREA) of %(series)s: "
        "its %(count)s corridor value(s) would share keys and overwrite each other. Export the totals only "
        "(counterpart_area=_T), or use the CSV or JSON format, which carry the partner."
    ) % {"dsd": structure().ref, "series": series, "count": count}


def not_a_dsd_series_reason(*, series: str) -> str:
    """Why SDMX-ML cannot carry one of migmon's own series (UN DESA's), in the user's language."""
    return gettext(
        "%(series)s is not a series of the global SDG DSD %(dsd)s (CL_SERIES): SDMX-ML carries SDG series only. "
        "Use SDMX-CSV, CSV or JSON for it."
    ) % {"dsd": structure().ref, "series": series}


class SdmxRefused(ValueError):  # noqa: N818 - reads as what happened
    """A selection the SDG DSD cannot carry; the message says why and what to do instead."""


@dataclass(frozen=True, slots=True)
class SdmxObservation:
    """One observation as the DSD sees it: ``key`` maps every dimension of :data:`KEY` to its code;
    ``attributes`` holds the attributes present (``UNIT_MEASURE`` included, though it attaches to the series)."""

    key: Mapping[str, str]
    period: str
    value: str
    attributes: Mapping[str, str] = field(default_factory=dict)

    @property
    def series_key(self) -> tuple[str, ...]:
        return tuple(self.key[name] for name in KEY)


def structure() -> dsd.Structure:
    """The pinned SDG DSD (``IAEG-SDGs:SDG(1.14)``)."""
    return dsd.structure()


def frequency(period: str) -> str:
    """FREQ from the shape of the period: ``2020`` A, ``2020-Q1`` Q, ``2020-S2`` S, ``2020-03`` M."""
    if len(period) == 4:
        return "A"
    return {"Q": "Q", "S": "S"}.get(period[5:6], "M")


def ref_area(area: Area) -> str:
    """The area as a CL_AREA-style code (see the module docstring); never ``_T``, never a name."""
    if area.m49:
        return str(int(area.m49))
    if area.desa_code is not None and area.desa_code in GROUPING_AREAS:
        return GROUPING_AREAS[area.desa_code]
    if area.iso2:
        return area.iso2
    if area.desa_code is not None:
        return f"{DESA_PREFIX}{area.desa_code}"
    return area.code


def format_value(value: float | None) -> str:
    """OBS_VALUE: the shortest text reading back as the same float, integers without ``.0``; ``NaN`` if missing."""
    if value is None:
        return "NaN"
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def reporting_type(observation: Observation) -> str:
    """REPORTING_TYPE of an observation: who reported it (G global, N national, R regional), as stored."""
    return observation.reporting_type


def encode(observation: Observation, *, provisional: bool = False) -> SdmxObservation:
    """The observation in the DSD's terms (its series, area and dimensions joined in); refuses a corridor value.
    A value of a ``provisional`` period has ``OBS_STATUS`` ``P`` (provisional value)."""
    dimensions = observation.dimensions
    if dimensions.counterpart_area_id is not None:
        raise SdmxRefused(corridor_reason(series=observation.series.code, count=1))
    codes = dimensions.codes or {}
    key = {
        "FREQ": frequency(observation.period),
        "REPORTING_TYPE": reporting_type(observation),
        "SERIES": observation.series.code,
        "REF_AREA": ref_area(observation.area),
        **{name: codes.get(name, vocabulary.TOTAL_CODE) for name in vocabulary.DSD_CODES},
    }
    attributes = {
        "UNIT_MEASURE": observation.unit or observation.series.unit,
        "UNIT_MULT": str(observation.unit_multiplier),
        "OBS_STATUS": MISSING_VALUE
        if observation.value is None
        else (PROVISIONAL_VALUE if provisional else NORMAL_VALUE),
        "NATURE": observation.nature,
        "COMMENT_OBS": observation.footnote,
        "SOURCE_DETAIL": observation.source,
    }
    return SdmxObservation(
        key=key,
        period=observation.period,
        value=format_value(observation.value),
        attributes={name: text for name, text in attributes.items() if text},
    )


def refusal(observations: QuerySet[Observation], *, ml: bool) -> str | None:
    """Why the selection cannot be written in SDMX (``ml``: SDMX-ML, which also needs CL_SERIES series), in the
    user's language; ``None`` when it can. Two small queries, so pages can ask before offering a download."""
    series = observations.filter(dimensions__counterpart_area__isnull=False).values_list("series__code", flat=True)
    corridor = series.first()
    if corridor is not None:
        corridors = observations.filter(dimensions__counterpart_area__isnull=False)
        return corridor_reason(series=corridor, count=corridors.count())
    if ml:
        codelist = dsd.codelist_for("SERIES")
        for code in observations.order_by().values_list("series__code", flat=True).distinct():
            if codelist is not None and code not in codelist:
                return not_a_dsd_series_reason(series=code)
    return None


def refuse(observations: QuerySet[Observation], *, ml: bool) -> None:
    """Raise :class:`SdmxRefused` with the :func:`refusal` if there is one (before any output is written)."""
    reason = refusal(observations, ml=ml)
    if reason is not None:
        raise SdmxRefused(reason)
