"""Workshops: an editor opens a rating round; participants join by its link with no account, one ballot each
(sending again replaces it), CSRF-protected and rate-limited; results as means, a ranking and a CSV; a closed
round takes no more ballots; a forged link finds nothing."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.test import Client

from migmon.foresight.models import Ballot, Driver, RatingRound
from migmon.foresight.services import seed_scenario_set
from migmon.foresight.workshops import join_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def drivers():
    scenario_set, _ = seed_scenario_set()
    names = ("Vieillissement des sociétés d'accueil", "Changement climatique", "Automatisation du travail")
    categories = ("social", "environmental", "technological")
    made = [
        Driver.objects.create(scenario_set=scenario_set, name_fr=name, category=category)
        for name, category in zip(names, categories, strict=True)
    ]
    return scenario_set, made


@pytest.fixture
def open_round(drivers):
    scenario_set, _ = drivers
    return RatingRound.objects.create(scenario_set=scenario_set, title="Atelier de Dakar, mars 2027")


def _ballot(drivers, pseudonym, *pairs):
    form = {"pseudonym": pseudonym}
    for driver, (impact, uncertainty) in zip(drivers, pairs, strict=True):
        form[f"impact-{driver.pk}"] = str(impact)
        form[f"uncertainty-{driver.pk}"] = str(uncertainty)
    return form


def test_an_editor_opens_a_round_and_sees_the_participants_link(client, drivers):
    scenario_set, _ = drivers
    editor = get_user_model().objects.create_user(username="editor", password="a-long-test-password")
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label="foresight")
        | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(editor)
    form = {"scenario_set": scenario_set.pk, "title": "Atelier de Dakar, mars 2027"}
    assert client.post("/admin/foresight_workshops/new/", form).status_code == 302
    item = RatingRound.objects.get()
    assert item.opened_by == editor and not item.closed
    listing = client.get("/admin/foresight_workshops/").content.decode()
    assert f"/fr/foresight/workshops/{join_token(item)}/" in listing

    client.post(f"/admin/foresight_workshops/edit/{item.pk}/", form | {"closed": "on"})
    item.refresh_from_db()
    assert item.closed and item.closed_at is not None


def test_participants_rate_once_each_and_the_results_rank_the_drivers(drivers, open_round):
    _, (ageing, climate, robots) = drivers
    link = f"/fr/foresight/workshops/{join_token(open_round)}/"
    first, second = Client(), Client()
    page = first.get(link).content.decode()
    assert "Changement climatique" in page and 'name="impact-' in page

    missing = _ballot(drivers[1], "Awa", (5, 2), (4, 5), (2, 3))
    del missing[f"uncertainty-{robots.pk}"]
    refused = first.post(link, missing)
    assert refused.status_code == 400 and "Automatisation du travail" in refused.content.decode()
    assert not Ballot.objects.exists()

    assert first.post(link, _ballot(drivers[1], "Awa", (5, 2), (4, 5), (2, 3))).status_code == 302
    assert first.post(link, _ballot(drivers[1], "Awa D.", (5, 2), (4, 4), (1, 3))).status_code == 302  # replaces
    assert second.post(link, _ballot(drivers[1], "Lamine", (3, 2), (5, 5), (2, 1))).status_code == 302
    assert sorted(Ballot.objects.values_list("pseudonym", flat=True)) == ["Awa D.", "Lamine"]
    assert "Awa D." in first.get(link).content.decode()  # the form shows your ballot back

    results = first.get(link + "results/?format=csv")
    text = results.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    # climate: impact (4+5)/2 = 4.5, uncertainty (4+5)/2 = 4.5 → 20.25; ageing: 4 × 2 = 8; robots: 1.5 × 2 = 3
    assert [(r["rank"], r["driver"], r["mean_impact"], r["mean_uncertainty"], r["score"]) for r in rows] == [
        ("1", "Changement climatique", "4.5", "4.5", "20.25"),
        ("2", "Vieillissement des sociétés d'accueil", "4.0", "2.0", "8.0"),
        ("3", "Automatisation du travail", "1.5", "2.0", "3.0"),
    ]
    for language, heading in (("fr", "Classement"), ("en", "Ranking"), ("es", "Clasificación")):
        html = first.get(f"/{language}/foresight/workshops/{join_token(open_round)}/results/").content.decode()
        assert heading in html and 'id="workshop-data"' in html


def test_a_closed_round_takes_no_ballot_and_a_forged_link_finds_nothing(drivers, open_round):
    link = f"/en/foresight/workshops/{join_token(open_round)}/"
    open_round.closed = True
    open_round.save()
    answer = Client().post(link, _ballot(drivers[1], "Late", (1, 1), (1, 1), (1, 1)))
    assert answer.status_code == 302 and answer["Location"].endswith("/results/")
    assert not Ballot.objects.exists()
    other = RatingRound.objects.create(scenario_set=open_round.scenario_set, title="Another round")
    forged = join_token(open_round).replace(f"{open_round.pk}:", f"{other.pk}:")
    assert Client().get(f"/en/foresight/workshops/{forged}/").status_code == 404
    assert Client().get(f"/en/foresight/workshops/{open_round.pk}/").status_code == 404


def test_ballots_need_the_csrf_token_and_are_rate_limited(drivers, open_round, settings):
    cache.clear()  # the counters live in the shared cache, keyed by round number, which tests reuse
    link = f"/es/foresight/workshops/{join_token(open_round)}/"
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(link, _ballot(drivers[1], "Sin token", (1, 1), (1, 1), (1, 1))).status_code == 403
    settings.MIGMON_WORKSHOP_BALLOTS_PER_HOUR = 2
    for n in range(2):
        assert Client().post(link, _ballot(drivers[1], f"P{n}", (1, 1), (1, 1), (1, 1))).status_code == 302
    refused = Client().post(link, _ballot(drivers[1], "P3", (1, 1), (1, 1), (1, 1)))
    assert refused.status_code == 429 and Ballot.objects.count() == 2
