"""``manage.py load_geography``: load UN M49 areas, DESA codes and groupings, names and aliases (idempotent)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from migmon.geo.services import geography_load


class Command(BaseCommand):
    help = "Load the UN M49 geography, UN DESA codes and groupings, fr/es names from CLDR and the aliases."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=None, help="Folder holding un-m49/ (default: DATA_DIR).")

    def handle(self, *args, **options):
        result = geography_load(data_dir=options["data_dir"] or Path(settings.DATA_DIR))
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(result.kinds.items()))
        self.stdout.write(f"areas: {kinds}")
        for label, counts in (
            ("areas", result.areas),
            ("DESA codes", result.desa_codes),
            ("aliases", result.aliases),
            ("grouping memberships", result.memberships),
        ):
            parts = ", ".join(f"{key} {counts[key]}" for key in sorted(counts))
            self.stdout.write(f"{label}: {parts}")
        self.stdout.write(
            f"names: French and Spanish from {result.cldr_version}; English used for "
            f"{len(result.english_fallbacks)} areas CLDR does not name: {'; '.join(result.english_fallbacks)}"
        )
        self.stdout.write(self.style.SUCCESS("geography loaded" if result.changed else "geography unchanged"))
