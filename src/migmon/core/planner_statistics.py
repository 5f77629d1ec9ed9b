"""Fresh planner statistics on PostgreSQL after a large write, so that the next queries get a sane plan.

PostgreSQL plans from the statistics of its last ``ANALYZE``; autovacuum refreshes them some time after a large
import, not at once. Until then a table that grew from nothing is taken for tiny, and a join over it may become
a nested loop that scans it whole for every row: measured on the bundled Missing Migrants register (20,000 rows),
one ``SELECT DISTINCT`` over incident rows joined with incidents ran for minutes instead of milliseconds; a
re-import of 100,000 observations ran at 8,000 rows/s instead of 60,000. An ``ANALYZE`` samples the table (a
fraction of a second) and is skipped when the statistics are fresh, so a small write into a large table pays
nothing. Inside a transaction it counts the transaction's own new rows, so the importing transaction's later
queries (and a test's) are planned on them too.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Model

#: Share of a table changed since its last ANALYZE above which the statistics are refreshed.
STALE_SHARE = 0.2
#: Below this many rows a table's statistics are never worth refreshing.
SMALL_TABLE = 1000


def refresh_planner_statistics(model: type[Model], *, written: int = 0) -> bool:
    """ANALYZE ``model``'s table when it was never analysed, or when what changed since (the server's count, or
    ``written`` rows the caller wrote in its still open transaction, which the server does not count yet) is a
    large share of what the planner believes it holds. Returns whether it did; a no-op off PostgreSQL."""
    if connection.vendor != "postgresql":
        return False
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples, coalesce(s.n_mod_since_analyze, 0) FROM pg_class c "
            "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = %s::regclass",
            [table],
        )
        found = cursor.fetchone()
        if found is None:
            return False
        estimated, modified = found
        if estimated >= 0 and max(modified, written) <= max(estimated, SMALL_TABLE) * STALE_SHARE:
            return False
        cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return True
