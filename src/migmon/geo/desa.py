"""Read the location rows (name, code, values) of UN DESA International Migrant Stock workbooks, no database.

Used to build ``data/desa_aggregates.csv`` and by the tests that prove each DESA aggregate is the M49 area
(or the union of areas) it is mapped to: the country rows inside it must add up to its own row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl

DESA_WORKBOOKS = {
    "2024": Path("undesa-migrant-stock-2024") / "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
    "2024-origin": Path("undesa-migrant-stock-2024") / "undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx",
    "2020": Path("undesa-migrant-stock-2020") / "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
}
# Countries have M49 codes (< 900); DESA numbers its aggregates from 900 up.
FIRST_AGGREGATE_CODE = 900
HEADER_ROW = 11


@dataclass(frozen=True)
class DesaRow:
    """One row of Table 1: the name as printed (stripped), the location code and the both-sexes values by year."""

    name: str
    code: int
    values: dict[int, float | None]

    @property
    def is_aggregate(self) -> bool:
        return self.code >= FIRST_AGGREGATE_CODE


def read_desa_locations(path: Path) -> list[DesaRow]:
    """Every located row of ``Table 1``; the code column is found by its header, which moved between editions."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook["Table 1"]
        rows = sheet.iter_rows(min_row=HEADER_ROW, values_only=True)
        header = list(next(rows))
        code_column = header.index("Location code")
        name_column = header.index("Region, development group, country or area")
        # The first run of year headers is "both sexes"; males and females repeat the years after it.
        year_columns: dict[int, int] = {}
        for index, cell in enumerate(header):
            if isinstance(cell, int | float) and int(cell) not in year_columns:
                year_columns[int(cell)] = index
        result = []
        for row in rows:
            code = row[code_column]
            if code is None or row[name_column] is None:
                continue
            values = {year: _number(row[index]) for year, index in year_columns.items()}
            result.append(DesaRow(name=str(row[name_column]).strip(), code=int(code), values=values))
        return result
    finally:
        workbook.close()


def _number(cell: object) -> float | None:
    if isinstance(cell, int | float):
        return float(cell)
    return None  # ".." marks a missing value in the 2020 edition
