"""Content's admin hooks: wagtail-localize's translation editor in the editor's language."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def translation_editor_heading() -> str:
    """The script that translates the heading wagtail-localize's editor writes in English (it does nothing on
    other admin pages); the phrase, with {source} and {target} for the two languages, comes from our catalogue."""
    pattern = _("Translation: {source} → {target}")
    return format_html(
        '<script src="{}" data-pattern="{}" defer></script>', static("content/js/translation-heading.js"), pattern
    )
