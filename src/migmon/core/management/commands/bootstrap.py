"""One idempotent set-up step for `make run`: reference and real data, seed content, administrator."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

# In dependency order: geography before the framework, both before observations and incidents,
# seed content last so that its pages can link to data. Each step is idempotent on its own.
BOOTSTRAP_STEPS: list[tuple[str, str]] = [
    ("load_geography", "UN M49 areas, UN DESA codes and groupings, names and aliases"),
    ("load_framework", "SDG goals, targets, indicators, series and GCM objectives"),
    ("seed_progress_targets", "Target register for progress toward 2030 (Open SDG table and overrides)"),
    ("import_bundled_data", "Real statistics in data/ (UN SDG database, UN DESA 2020 then 2024, origin-destination)"),
    ("ensure_admin", "Administrator account"),
    ("import_bundled_incidents", "IOM Missing Migrants incidents (bundled exports, oldest first)"),
    ("import_seeds", "Seed pages and the page tree in French, English and Spanish"),
    # After the seed pages: the 2017 scenario set links its publication page.
    ("seed_foresight", "The 2017 scenario set to 2030 and its four scenarios"),
    # After the seed import: editors are granted pages under each language's home page.
    ("ensure_groups", "Editor, data manager and administrator groups"),
]


class Command(BaseCommand):
    help = "Load reference data, the bundled real data and the seed content; create the administrator."

    def handle(self, *args, **options):
        for command, label in BOOTSTRAP_STEPS:
            self.stdout.write(self.style.MIGRATE_HEADING(f"» {label} ({command})"))
            call_command(command, stdout=self.stdout, stderr=self.stderr)
