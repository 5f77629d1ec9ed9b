"""Writes to the statistics store: importing a file as a release, rolling a release back.

The work lives in one module per job (:mod:`~migmon.indicators.loader`, :mod:`~migmon.indicators.releases`);
this module is the public entry point commands, the CLI and other apps call. A file is imported as
``release_import(source=FileSource(path))``; records computed elsewhere as a :class:`RecordSource`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from migmon.importers.options import ReadOptions
from migmon.importers.sources import FileSource, RecordSource, Source
from migmon.indicators.loader import ImportFailed, ImportResult, ImportStatus, release_check, release_import
from migmon.indicators.models import ProvisionalPeriod, Series
from migmon.indicators.releases import RollbackRefused, RollbackResult, release_rollback

__all__ = [
    "FileSource",
    "ImportFailed",
    "ImportResult",
    "ImportStatus",
    "ReadOptions",
    "RecordSource",
    "RollbackRefused",
    "RollbackResult",
    "Source",
    "provisional_periods_set",
    "read_options",
    "series_names_set",
    "release_check",
    "release_import",
    "release_rollback",
]


@transaction.atomic
def provisional_periods_set(*, series: str, periods: Mapping[str, date], basis: Mapping[str, str]) -> bool:
    """Make ``periods`` (period → data as of) the provisional periods of ``series``; every other period is final.

    ``basis`` says, per period, how the date is known. Returns whether anything changed: rows are only
    written when they differ, so the data version (which counts them) moves only then.
    """
    target = Series.objects.get(code=series)
    current = {row.period: row for row in ProvisionalPeriod.objects.filter(series=target)}
    changed = False
    stale = [row.pk for period, row in current.items() if period not in periods]
    if stale:
        ProvisionalPeriod.objects.filter(pk__in=stale).delete()
        changed = True
    for period, as_of in periods.items():
        row = current.get(period)
        why = basis.get(period, "")
        if row is None:
            ProvisionalPeriod.objects.create(series=target, period=period, as_of=as_of, basis=why)
            changed = True
        elif (row.as_of, row.basis) != (as_of, why):
            row.as_of, row.basis = as_of, why
            row.save(update_fields=["as_of", "basis", "updated_at"])
            changed = True
    return changed


def series_names_set(*, series: Series, name_fr: str, name_es: str) -> Series:
    """A data manager's French and Spanish names for ``series`` (the UN publishes English names only).

    Marks the names as edited (``names_edited_at``), so ``load_framework`` keeps them, and moves the data version
    (pages and API answers cached on it show the new name). Blank names are allowed: the page then shows the
    English name marked ``lang="en"``.
    """
    series.name_fr, series.name_es = name_fr.strip(), name_es.strip()
    series.names_edited_at = timezone.now()
    series.save(update_fields=["name_fr", "name_es", "names_edited_at"])
    return series


def read_options(*, area: str | None = None, series: str | None = None) -> ReadOptions:
    """The options an import gives the reader (``--area``, ``--series``): the area defaults to the national
    platform's country (``MIGMON_NATIONAL_AREA``). Raises ValueRuleError when an option breaks its rule."""
    return ReadOptions(area=area or settings.MIGMON_NATIONAL_AREA or None, series=series).checked()
