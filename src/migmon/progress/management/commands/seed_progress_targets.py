"""``seed_progress_targets``: fill the target register from data/progress-targets and migmon's overrides.

Idempotent: rows that exist (seeded or edited by a data manager) are left as they are.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from migmon.progress.services import targets_seed


class Command(BaseCommand):
    help = "Seed the progress target register (idempotent; never overwrites a row that exists)."

    def handle(self, *args, **options):
        result = targets_seed(data_dir=settings.DATA_DIR)
        self.stdout.write(f"progress targets: {result.created} created, {result.unchanged} unchanged")
