"""Create or repair the Editors, Data managers and Administrators groups (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from migmon.core.groups import groups_ensure


class Command(BaseCommand):
    help = "Create the Editors, Data managers and Administrators groups with least-privilege permissions."

    def handle(self, *args, **options):
        groups = groups_ensure()
        for name, group in groups.items():
            self.stdout.write(f"  {name}: {group.permissions.count()} model permissions")
        self.stdout.write(self.style.SUCCESS("Groups: up to date."))
