"""Each rule a pledge must meet refuses what breaks it, with a sentence naming the rule, in the active language."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from migmon.gcm import services
from migmon.gcm.attachments import validate_attachment
from migmon.gcm.rules import pledge_problems
from migmon.gcm.tests.conftest import TEXT, pledge_values

pytestmark = pytest.mark.django_db


def fields(values) -> set[str]:
    return {problem.field for problem in pledge_problems(values)}


def test_the_fixture_pledge_is_valid(framework):
    assert pledge_problems(pledge_values()) == []


def test_a_matching_pledge_without_the_id_it_matches_is_refused(framework, roles):
    assert fields(pledge_values(pledge_type="matching")) == {"matched_pledge"}
    with pytest.raises(ValidationError) as refused:
        services.pledge_create(actor=roles["author"], values=pledge_values(pledge_type="matching"))
    assert "matched_pledge" in refused.value.message_dict
    first = services.pledge_create(actor=roles["author"], values=pledge_values())
    matching = services.pledge_create(
        actor=roles["author"], values=pledge_values(pledge_type="matching", matched_pledge=first)
    )
    assert matching.matched_pledge == first
    # … and only a matching pledge cites another one.
    assert fields(pledge_values(pledge_type="common", matched_pledge=first)) == {"matched_pledge"}


@pytest.mark.parametrize(("length", "ok"), [(299, False), (300, True), (3000, True), (3001, False)])
def test_the_text_has_300_to_3000_characters(framework, length, ok):
    text = (TEXT * 20)[:length]
    assert ("text" not in fields(pledge_values(text=text))) is ok


def test_the_length_message_is_translated(framework):
    with translation.override("fr"):
        [problem] = pledge_problems(pledge_values(text="trop court"))
    assert problem.message == "Le texte compte 10 caractères ; celui d’un engagement en compte de 300 à 3\u202f000."
    with translation.override("es"):
        [problem] = pledge_problems(pledge_values(text="corto"))
    assert problem.message.startswith("El texto tiene 5 caracteres")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"forms": []}, "forms"),
        ({"forms": ["moral"]}, "forms"),
        ({"objectives": []}, "objectives"),
        ({"level": "planetary"}, "level"),
        ({"pledging_states": [], "stakeholders": ""}, "pledging_states"),
        ({"start": date(2030, 1, 1), "end": date(2029, 1, 1)}, "end"),
        ({"metric": " "}, "metric"),
        ({"title": ""}, "title"),
    ],
)
def test_each_required_part_of_a_pledge(framework, changes, field):
    assert fields(pledge_values(**changes)) == {field}


def test_a_stakeholder_can_pledge_without_a_state(framework):
    assert fields(pledge_values(pledging_states=[], stakeholders="Migrant workers' union")) == set()


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def test_attachment_type_and_size_limits(settings):
    validate_attachment(SimpleUploadedFile("plan.pdf", PDF + b"0" * 100))
    with pytest.raises(ValidationError) as refused:
        validate_attachment(SimpleUploadedFile("plan.exe", b"MZ\x90\x00"))
    assert refused.value.code == "bad_type"
    with pytest.raises(ValidationError) as refused:
        validate_attachment(SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf"))
    assert refused.value.code == "bad_content"
    settings.MIGMON_GCM_ATTACHMENT_MAX_BYTES = 1024
    validate_attachment(SimpleUploadedFile("plan.pdf", PDF + b"0" * (1024 - len(PDF))))
    with pytest.raises(ValidationError) as refused:
        validate_attachment(SimpleUploadedFile("plan.pdf", PDF + b"0" * (1025 - len(PDF))))
    assert refused.value.code == "too_large"


def test_a_pledge_with_a_bad_attachment_is_refused(framework, roles):
    upload = SimpleUploadedFile("evidence.png", b"GIF89a not a png")
    with pytest.raises(ValidationError) as refused:
        services.pledge_create(actor=roles["author"], values=pledge_values(attachment=upload))
    assert set(refused.value.message_dict) == {"attachment"}
