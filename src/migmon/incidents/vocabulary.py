"""IOM's Missing Migrants categories (region of incident, migration route, cause of death) in the site languages.

IOM publishes them in English only; the register keeps IOM's English values (they are what filters, the API
and downloads use, and what the next export will say), and pages show them translated. A value not listed
here (a new IOM category) is shown as IOM wrote it. Merged values ("Mediterranean,North America") are
translated part by part.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: Region of incident: IOM uses UN M49 sub-region names, plus "Mediterranean" and "Europe".
REGIONS = {
    "Caribbean": _("Caribbean"),
    "Central America": _("Central America"),
    "Central Asia": _("Central Asia"),
    "Eastern Africa": _("Eastern Africa"),
    "Eastern Asia": _("Eastern Asia"),
    "Europe": _("Europe"),
    "Mediterranean": _("Mediterranean"),
    "Middle Africa": _("Middle Africa"),
    "North America": _("North America"),
    "Northern Africa": _("Northern Africa"),
    "South America": _("South America"),
    "South-eastern Asia": _("South-eastern Asia"),
    "Southern Africa": _("Southern Africa"),
    "Southern Asia": _("Southern Asia"),
    "Western Africa": _("Western Africa"),
    "Western Asia": _("Western Asia"),
}

ROUTES = {
    "Afghanistan to Iran": _("Afghanistan to Iran"),
    "Bay of Bengal/Andaman Sea": _("Bay of Bengal/Andaman Sea"),
    "Belarus-EU border": _("Belarus-EU border"),
    "Caribbean to Central America": _("Caribbean to Central America"),
    "Caribbean to US": _("Caribbean to US"),
    "Central Mediterranean": _("Central Mediterranean"),
    "Darien": _("Darien"),
    "Dominican Republic to Puerto Rico": _("Dominican Republic to Puerto Rico"),
    "Eastern Mediterranean": _("Eastern Mediterranean"),
    "Eastern Route to/from EHOA": _("Eastern Route to/from EHOA"),
    "Haiti to Dominican Republic": _("Haiti to Dominican Republic"),
    "Iran to Türkiye": _("Iran to Türkiye"),
    "Mainland Europe to the UK": _("Mainland Europe to the UK"),
    "Naf River crossing": _("Naf River crossing"),
    "Sahara Desert crossing": _("Sahara Desert crossing"),
    "Sea crossings to Mayotte": _("Sea crossings to Mayotte"),
    "Türkiye-Europe land route": _("Türkiye-Europe land route"),
    "US-Mexico border crossing": _("US-Mexico border crossing"),
    "Venezuela to Caribbean": _("Venezuela to Caribbean"),
    "Western Africa / Atlantic route to the Canary Islands": _("Western Africa / Atlantic route to the Canary Islands"),
    "Western Balkans": _("Western Balkans"),
    "Western Mediterranean": _("Western Mediterranean"),
}

CAUSES = {
    "Accidental death": _("Accidental death"),
    "Drowning": _("Drowning"),
    "Harsh environmental conditions / lack of adequate shelter, food, water": _(
        "Harsh environmental conditions / lack of adequate shelter, food, water"
    ),
    "Mixed or unknown": _("Mixed or unknown"),
    "Sickness / lack of access to adequate healthcare": _("Sickness / lack of access to adequate healthcare"),
    "Vehicle accident / death linked to hazardous transport": _(
        "Vehicle accident / death linked to hazardous transport"
    ),
    "Violence": _("Violence"),
}

CATEGORIES = {**REGIONS, **ROUTES, **CAUSES}


def category_label(value: object) -> str:
    """An IOM category in the active language; a merged value part by part; anything else as it is."""
    text = "" if value is None else str(value)
    if text in CATEGORIES:
        return str(CATEGORIES[text])
    parts = [part.strip() for part in text.split(",")]
    if len(parts) > 1 and all(part in CATEGORIES for part in parts):
        return ", ".join(str(CATEGORIES[part]) for part in parts)
    return text
