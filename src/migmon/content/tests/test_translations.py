"""Interface strings of the content and core apps are translated into French and Spanish, and compiled."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("app", ["content", "core"])
@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_catalogue_is_complete_and_compiled(app, language):
    folder = PACKAGE / app / "locale" / language / "LC_MESSAGES"
    catalogue = polib.pofile(str(folder / "django.po"))
    assert len(catalogue) > 10
    if language != "en":  # English is the source language
        assert catalogue.untranslated_entries() == []
        assert catalogue.fuzzy_entries() == []
    compiled = polib.mofile(str(folder / "django.mo"))
    assert {entry.msgid for entry in compiled} >= {entry.msgid for entry in catalogue.translated_entries()}


def test_every_template_string_of_the_site_chrome_is_in_a_catalogue():
    """``makemessages`` output kept in step with the site-wide templates (base, menu, footer, 404)."""
    catalogue = {entry.msgid for entry in polib.pofile(str(PACKAGE / "core/locale/fr/LC_MESSAGES/django.po"))}
    assert {"Skip to main content", "Main menu", "Page not found", "Search the site"} <= catalogue
