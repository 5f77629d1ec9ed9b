"""Seed the 2017 scenario set (idempotent; links the seeded publication page once it exists)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from migmon.foresight.services import record_states, seed_scenario_set


class Command(BaseCommand):
    help = "Create the 2017 scenario set 'Tomorrow's World of Migration and Mobility' and record signpost states."

    def handle(self, *args, **options):
        scenario_set, created = seed_scenario_set()
        verb = "created" if created else "already there"
        self.stdout.write(f"Scenario set {scenario_set.slug}: {verb}; {scenario_set.scenarios.count()} scenarios.")
        self.stdout.write(f"Signpost states recorded: {record_states()}.")
