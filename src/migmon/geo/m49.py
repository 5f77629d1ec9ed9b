"""Read the UNSD M49 overview CSV into plain rows (no database): the source of the area hierarchy.

The file is UTF-8 with a BOM, semicolon-separated, with zero-padded codes kept as text and Namibia's
ISO alpha-2 code ``NA`` — read by the csv module, which never turns text into missing values.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

M49_FILE = Path("un-m49") / "UNSD-Methodology-M49.csv"


@dataclass(frozen=True)
class M49Level:
    """A region, sub-region or intermediate region as named in a country row."""

    m49: str
    name: str


@dataclass(frozen=True)
class M49Country:
    """One row of the overview: a country or area, its codes, the levels above it and its flags."""

    name: str
    m49: str
    iso2: str
    iso3: str
    world: M49Level
    region: M49Level | None
    subregion: M49Level | None
    intermediate: M49Level | None
    is_ldc: bool
    is_lldc: bool
    is_sids: bool

    @property
    def levels(self) -> list[M49Level]:
        """The levels above the country, top first, skipping the empty ones."""
        return [level for level in (self.world, self.region, self.subregion, self.intermediate) if level]


def _level(row: dict[str, str], code_column: str, name_column: str) -> M49Level | None:
    code = row[code_column].strip()
    return M49Level(code, row[name_column].strip()) if code else None


def read_m49(path: Path) -> list[M49Country]:
    """Every country row of the overview file, in file order."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    countries = []
    for row in rows:
        world = _level(row, "Global Code", "Global Name")
        if world is None:
            raise ValueError(f"{path}: row for {row['Country or Area']!r} has no Global Code")
        countries.append(
            M49Country(
                name=row["Country or Area"].strip(),
                m49=row["M49 Code"].strip(),
                iso2=row["ISO-alpha2 Code"].strip(),
                iso3=row["ISO-alpha3 Code"].strip(),
                world=world,
                region=_level(row, "Region Code", "Region Name"),
                subregion=_level(row, "Sub-region Code", "Sub-region Name"),
                intermediate=_level(row, "Intermediate Region Code", "Intermediate Region Name"),
                is_ldc=row["Least Developed Countries (LDC)"].strip().lower() == "x",
                is_lldc=row["Land Locked Developing Countries (LLDC)"].strip().lower() == "x",
                is_sids=row["Small Island Developing States (SIDS)"].strip().lower() == "x",
            )
        )
    return countries
