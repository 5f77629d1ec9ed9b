"""Shared base: site bootstrap, administrator creation, groups, template helpers, the shared cache."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "migmon.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from migmon.core import admin_scripts, login_throttle  # noqa: F401 - login_throttle connects receivers
        from migmon.core.cache import create_cache_tables

        # `migrate` is then all a deployment runs: the shared cache's table comes with it.
        post_migrate.connect(create_cache_tables, dispatch_uid="migmon.core.create_cache_tables")

        # A sign-in during a long SQLite import must not wait on the import for its last_login (sqlite_writes).
        # This app is ready before django.contrib.auth, whose own receiver has this dispatch_uid: taking the uid
        # first makes auth's connect a no-op, so last_login is written once, by last_login_update.
        from django.contrib.auth.signals import user_logged_in

        from migmon.core.sqlite_writes import last_login_update

        user_logged_in.connect(last_login_update, dispatch_uid="update_last_login")

        # The admin's chooser widgets write their initialiser as data, not as an inline script (core/csp.py).
        admin_scripts.install()
