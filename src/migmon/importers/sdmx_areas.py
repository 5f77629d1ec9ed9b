"""How migmon writes UN DESA's groupings as SDMX ``REF_AREA`` codes, and reads them back (pure, no Django).

CL_AREA of the SDG DSD has numeric M49 codes and ISO alpha-2 codes, and a few SDG groupings; UN DESA's location
codes for its groupings are DESA's own numbers, some of which CL_AREA uses for other things (901 is DESA's
"More developed regions" and CL_AREA's "Africa (ILO)"). So a grouping is written with the CL_AREA code of the
same SDG grouping where the DSD has one (:data:`GROUPING_AREAS`, matched by name in CL_AREA), else as
``DESA_`` + its DESA location code. No area migmon holds has these CL_AREA codes as its M49 code, so reading
them back as DESA groupings is unambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: UN DESA grouping (location code, 2024 edition) → CL_AREA code of the same SDG grouping.
GROUPING_AREAS: Mapping[int, str] = {
    1829: "513",  # Europe and Northern America
    1831: "62",  # Central and Southern Asia
    1832: "753",  # Eastern and South-Eastern Asia
    1833: "747",  # Northern Africa and Western Asia
    1835: "543",  # Oceania (excluding Australia and New Zealand); CL_AREA: "Oceania (exc. …)"
    941: "199",  # Least developed countries
    1636: "432",  # Land-locked developing countries
    1637: "722",  # Small island developing States
}
DESA_PREFIX = "DESA_"
_BY_SDMX_CODE = {code: desa for desa, code in GROUPING_AREAS.items()}
_DESA_CODE = re.compile(rf"{DESA_PREFIX}(\d+)")


def desa_grouping(code: str) -> str | None:
    """The DESA location code an SDMX ``REF_AREA`` names as a grouping (``513`` → ``1829``, ``DESA_1503`` →
    ``1503``), or ``None`` for any other code."""
    code = code.strip()
    found = _BY_SDMX_CODE.get(code.lstrip("0") or "0")
    if found is not None:
        return str(found)
    match = _DESA_CODE.fullmatch(code)
    return match.group(1) if match else None
