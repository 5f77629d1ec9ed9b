"""Create the first administrator with a generated password, printed once; never a default password."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from migmon.config import env


class Command(BaseCommand):
    help = "Create an administrator when none exists; its password is generated and printed once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=env.env_text("MIGMON_ADMIN_USER"))
        parser.add_argument("--email", default=env.env_text("MIGMON_ADMIN_EMAIL"))

    def handle(self, *args, username: str, email: str, **options):
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write("Administrator: already exists (password unchanged).")
            return
        password = env.env_text("MIGMON_ADMIN_PASSWORD") or secrets.token_urlsafe(18)
        user_model.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Administrator created: user '{username}', password '{password}' (shown once; change it in the admin)."
            )
        )
