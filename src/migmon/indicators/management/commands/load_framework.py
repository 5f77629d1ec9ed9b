"""``manage.py load_framework``: load the SDG framework, series and GCM objectives (idempotent)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from migmon.indicators.framework import framework_load
from migmon.indicators.models import GcmObjective, Goal, Indicator, IndicatorEntry, Series, Target


class Command(BaseCommand):
    help = "Load SDG goals, targets, indicators (fr/en/es), series, migration relevance and the 23 GCM objectives."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", type=Path, default=None, help="Folder holding sdg-framework/ (default: DATA_DIR)."
        )

    def handle(self, *args, **options):
        result = framework_load(data_dir=options["data_dir"] or Path(settings.DATA_DIR))
        self.stdout.write(
            f"goals {Goal.objects.count()}, targets {Target.objects.count()}, indicators {Indicator.objects.count()} "
            f"({IndicatorEntry.objects.count()} numbered entries), series {Series.objects.count()}, "
            f"GCM objectives {GcmObjective.objects.count()}; migration-relevant: "
            f"{Target.objects.filter(migration_relevant=True).count()} targets, "
            f"{Indicator.objects.filter(migration_relevant=True).count()} indicators"
        )
        for table, counts in sorted(result.counts.items()):
            self.stdout.write(f"{table}: " + ", ".join(f"{key} {counts[key]}" for key in sorted(counts)))
        if result.unlinked_series:
            self.stdout.write(
                f"series linked to no indicator ({len(result.unlinked_series)}): {', '.join(result.unlinked_series)}"
            )
        self.stdout.write(self.style.SUCCESS("framework loaded" if result.changed else "framework unchanged"))
