"""Readable labels for SDG DSD units, natures, dimension names and codes, in the three site languages.

Pages show the label with the code on hover (``portal_tags.coded``). Codes without a label here are shown as
published (``Y15T24``): readers of SDG data know them, and a wrong label would be worse than a code.
"""

from __future__ import annotations

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from migmon.indicators import categories, vocabulary

#: Dimension code → English label (translated by :func:`dimension_name`), from the vocabulary.
DIMENSION_NAMES = {dimension.code: dimension.label for dimension in vocabulary.DIMENSIONS}

CODES = {
    "_T": _("Total"),
    "F": _("Female"),
    "M": _("Male"),
    "_O": _("Other"),
    "_U": _("Unknown"),
    "U": _("Urban"),
    "R": _("Rural"),
    "Y_GE18": _("18 years and over"),
    "Y0T17": _("Under 18 years"),
    "Y5T14": _("5 to 14 years"),
    "Y5T17": _("5 to 17 years"),
    "MS_MIGRANT": _("Migrants"),
    "MS_NOMIGRANT": _("Non-migrants"),
    "PD_1": _("Domain 1: migrant rights"),
    "PD_2": _("Domain 2: whole-of-government, evidence-based policies"),
    "PD_3": _("Domain 3: cooperation and partnerships"),
    "PD_4": _("Domain 4: socioeconomic well-being"),
    "PD_5": _("Domain 5: mobility dimensions of crises"),
    "PD_6": _("Domain 6: safe, orderly and regular migration"),
}

NATURE = {
    "C": _("Country data"),
    "CA": _("Country adjusted data"),
    "E": _("Estimated data"),
    "G": _("Global monitoring data"),
    "M": _("Modelled data"),
    "N": _("Non-relevant"),
    "_X": _("Not available"),
}


#: Units of the SDG DSD (CL_UNIT_MEASURE) the migration series use, and migmon's own.
UNITS = {
    "NUMBER": _("Number"),
    "PT": _("Percent"),
    "SCORE": _("Score"),
    "PER_100000_EMP": _("Per 100,000 employees"),
    "PER_100000_POP": _("Per 100,000 population"),
    "USD": _("US dollars"),
    "CUR_LCU": _("Local currency"),
}

#: What the counterpart area of a corridor series is (the area is the other end of the corridor).
COUNTERPART_MEANING = {
    "SI_RMT_COST_BC": _("Receiving country"),
    "MIGSTOCK_OD": _("Country of origin"),
}

#: COMPOSITE_BREAKDOWN holds several vocabularies; its codes' prefix says which one a series uses.
COMPOSITE_MEANING = {"PD_": _("Policy domain"), "MS_": _("Migratory status")}


def unit_label(code: str) -> str:
    """``PT`` → "Percent" in the active language; a unit without a label as published."""
    return str(UNITS.get(code, code))


def nature_label(code: str) -> str:
    return str(NATURE.get(code, code))


def breakdown_name(name: str, *, series: str = "", codes: set[str] | None = None) -> str:
    """What a dimension is *for this series*: the counterpart area of remittance corridors is the receiving
    country, of the origin × destination stock the country of origin; a composite breakdown of policy domains
    is the policy domain."""
    if name == vocabulary.COUNTERPART_AREA.code and series in COUNTERPART_MEANING:
        return str(COUNTERPART_MEANING[series])
    if name == "COMPOSITE_BREAKDOWN" and codes:
        for prefix, meaning in COMPOSITE_MEANING.items():
            if all(code.startswith(prefix) or code == vocabulary.TOTAL_CODE for code in codes):
                return str(meaning)
    return dimension_name(name)


def dimension_name(name: str) -> str:
    """The translated label of a dimension; a name outside the vocabulary as readable words."""
    label = DIMENSION_NAMES.get(name)
    return gettext(label) if label else name.replace("_", " ").capitalize()


def code_label(code: str) -> str:
    return str(CODES.get(code, code))


def dimensions_label(codes: dict[str, str], area_names: dict[str, str] | None = None) -> str:
    """``{"SEX": "F", "AGE": "Y_GE18"}`` → "Female, 18 years and over"; empty codes → "Total"."""
    if not codes:
        return str(CODES[vocabulary.TOTAL_CODE])
    parts = []
    for name in sorted(codes):
        code = str(codes[name])
        if name == vocabulary.COUNTERPART_AREA.code and area_names:
            parts.append(area_names.get(code, code))
        else:
            parts.append(code_label(code))
    return ", ".join(parts)


def category_label(series: str, value: float | None) -> str | None:
    """The meaning of a categorical series' value in the active language (10.7.2: 3 → "Meets"); None for a
    quantity or a code the series does not define (:mod:`migmon.indicators.categories`)."""
    category = categories.category_of(series, value)
    return gettext(category.label) if category else None


def category_legend(series: str) -> list[dict[str, str]]:
    """The categories of ``series`` in order, as ``{"code": "1", "label": "Requires further progress"}``
    (translated): the chart's colour scale and the map's legend; empty for a series of quantities."""
    return [{"code": c.code, "label": gettext(c.label)} for c in categories.categories_of(series)]


def reporting_type_label(code: str) -> str:
    """``G`` → "Global", ``N`` → "National", ``R`` → "Regional" (who reported a value), translated."""
    label = vocabulary.REPORTING_TYPES.get(code)
    return pgettext("reporting type", label) if label else code
