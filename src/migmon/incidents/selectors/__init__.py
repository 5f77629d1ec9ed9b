"""Every read of the register: pages, the API, downloads, the management screens and the derived tables' inputs.

This package is the one door into the incident models for reading (``tests/test_one_door.py`` checks that no
other module queries them except to write). Public reads only ever see published incidents. Its modules:
:mod:`.filters` (the public filters, one definition for every answer), :mod:`.public` (totals and map
clusters), :mod:`.downloads` (JSON pages, CSV and GeoJSON lines), :mod:`.register` (the register's version,
the data managers' reads, the derived tables' inputs). Callers import this package.
"""

from migmon.incidents.selectors.completeness import ProvisionalYear, provisional_years
from migmon.incidents.selectors.downloads import (
    EXPORT_FIELDS,
    LIST_FIELDS,
    ROW_EXPORT_FIELDS,
    ROW_FIELDS,
    export_row_lines,
    export_rows,
    rows_by_incident,
)
from migmon.incidents.selectors.filters import CELL_KEY, DIMENSIONS, YEAR_MAX, YEAR_MIN, BadFilter, IncidentFilters
from migmon.incidents.selectors.public import (
    cell_degrees,
    clusters,
    filter_choices,
    incidents_public,
    origin_recorded,
    public_incident,
    published,
    published_rows,
    split_overcount,
    summary,
    totals,
)
from migmon.incidents.selectors.register import (
    all_published_rows,
    cube_sums,
    imports_by_export_date,
    imports_recent,
    incident_for_managers,
    incident_id_taken,
    incidents_for_managers,
    map_cell_sums,
    map_cells_built,
    near_incidents,
    register_version,
    revisions_of,
    status_counts,
    totals_by_country_year,
)

__all__ = [
    "CELL_KEY",
    "DIMENSIONS",
    "EXPORT_FIELDS",
    "LIST_FIELDS",
    "ROW_EXPORT_FIELDS",
    "ROW_FIELDS",
    "YEAR_MAX",
    "YEAR_MIN",
    "BadFilter",
    "ProvisionalYear",
    "IncidentFilters",
    "all_published_rows",
    "cell_degrees",
    "clusters",
    "cube_sums",
    "export_row_lines",
    "export_rows",
    "filter_choices",
    "imports_by_export_date",
    "imports_recent",
    "incident_for_managers",
    "incident_id_taken",
    "incidents_for_managers",
    "incidents_public",
    "origin_recorded",
    "map_cell_sums",
    "map_cells_built",
    "near_incidents",
    "provisional_years",
    "public_incident",
    "published",
    "published_rows",
    "register_version",
    "revisions_of",
    "rows_by_incident",
    "split_overcount",
    "status_counts",
    "summary",
    "totals",
    "totals_by_country_year",
]
