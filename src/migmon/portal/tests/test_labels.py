"""Dimension labels come from the vocabulary and are translated in French and Spanish."""

from __future__ import annotations

from django.utils import translation

from migmon.indicators import vocabulary
from migmon.portal import labels


def test_every_dimension_has_a_translated_label_in_french_and_spanish():
    for language, sex in (("fr", "Sexe"), ("es", "Sexo"), ("en", "Sex")):
        with translation.override(language):
            assert labels.dimension_name("SEX") == sex
            if language != "en":
                untranslated = [d.code for d in vocabulary.DIMENSIONS if labels.dimension_name(d.code) == d.label]
                assert not untranslated, f"{language}: {untranslated}"


def test_a_name_outside_the_vocabulary_reads_as_words():
    assert labels.dimension_name("REPORTING_TYPE") == "Reporting type"
