"""Every app's gettext catalogues are complete for their language's plural rule.

A Spanish catalogue once declared three plural forms (newer gettext's rule) but translated two, so Django
fell back to the French catalogue (the default language) for counts above one and Spanish pages showed
French sentences. Any empty Spanish msgstr falls back to French the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(SRC.glob("*/locale/*/LC_MESSAGES/django.po"))
EXPECTED_PLURALS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_catalogue_plural_rule_and_entries_are_complete(path):
    language = path.parts[-3]
    catalogue = polib.pofile(str(path))
    plural_forms = re.sub(r"\s+", " ", catalogue.metadata.get("Plural-Forms", "")).strip()
    assert plural_forms == EXPECTED_PLURALS[language], f"{path}: Plural-Forms is {plural_forms!r}"
    if language == "en":
        return  # English is the source language: Django shows the msgid, with no fallback catalogue.
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(index, "") for index in range(2)]
            assert all(forms), f"{path}: plural entry {entry.msgid!r} lacks a form"
        else:
            assert entry.msgstr, f"{path}: {entry.msgid!r} is untranslated"


def test_every_app_with_templates_has_three_catalogues():
    languages = {(path.parts[-5], path.parts[-3]) for path in CATALOGUES}
    apps = {app for app, _ in languages}
    assert {(app, lang) for app in apps for lang in ("fr", "en", "es")} <= languages
