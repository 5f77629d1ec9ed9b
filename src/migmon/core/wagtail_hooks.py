"""Core's admin hooks: the page chooser's least privilege (:mod:`migmon.core.page_chooser`), files and page moves,
the widgets' initialisers without inline script (:mod:`migmon.core.admin_scripts`)."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from migmon.core.admin_listings import choosable_files_only, refuse_moves_the_user_may_not_make
from migmon.core.page_chooser import explorable_only

hooks.register("construct_page_chooser_queryset", explorable_only)
# Files and page moves (:mod:`migmon.core.admin_listings`); after Wagtail's own admin API registrations.
hooks.register("construct_admin_api", choosable_files_only, order=100)
hooks.register("before_move_page", refuse_moves_the_user_may_not_make)


@hooks.register("insert_global_admin_js")
def admin_initialisers() -> str:
    """The script that runs the widgets' and panels' initialisers written as data (:mod:`migmon.core.admin_scripts`)."""
    return format_html('<script src="{}"></script>', static("core/js/admin-init.js"))
