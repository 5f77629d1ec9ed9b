"""Load the seed pages and the site's page tree (idempotent: a second run changes nothing)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from migmon.content.seeding.load import seeds_import

SEED_DIR = Path(__file__).resolve().parents[2] / "seeds"


class Command(BaseCommand):
    help = "Create the page tree (fr, en, es) and the five seed pages; pages that already exist are left alone."

    def add_arguments(self, parser):
        parser.add_argument("--seed-dir", type=Path, default=SEED_DIR, help="folder holding the NNN_*.txt seeds")

    def handle(self, *args, seed_dir: Path, **options):
        report = seeds_import(seed_dir=seed_dir)
        verbosity = options.get("verbosity", 1)
        if verbosity >= 2:
            for title in report.created:
                self.stdout.write(f"  created {title}")
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Seed content: {len(report.created)} pages created, {report.existing} already there."
                )
            )
