"""Signals and trends: two people put a signal online (an author submits, another curator approves), the public
sees approved items only — pages in three languages and the API — and a source address must be a web address."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from migmon.core.groups import EDITOR_MODEL_PERMISSIONS
from migmon.foresight.models import Driver, Signal, Trend
from migmon.foresight.services import seed_scenario_set
from migmon.geo.selectors import area_by_code
from migmon.indicators.models import Series

HEADLINE = "Un pays ouvre un visa de travail régional pour les métiers du soin"


def _user(username: str, *, curator: bool):
    codenames = [c for c in EDITOR_MODEL_PERMISSIONS["foresight"] if curator or not c.startswith("curate_")]
    user = get_user_model().objects.create_user(username=username, password="a-long-test-password")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="foresight", codename__in=codenames)
        | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def _form(**changes):
    fields = {
        "headline_fr": HEADLINE,
        "headline_en": "A country opens a regional work visa for care occupations",
        "headline_es": "",
        "description_fr": "",
        "description_en": "",
        "description_es": "",
        "category": "political",
        "source_url": "https://example.org/care-visa",
        "novelty": 4,
        "location": area_by_code("ESP").pk,
        "keywords": "care, labour mobility",
        "series": [Series.objects.get(code="SM_DTH_MIGR").pk],
        "status": "new",
    }
    return fields | changes


@pytest.fixture
def people(client, deaths_data):
    return {"author": _user("author", curator=True), "curator": _user("curator", curator=True)}


def _public(client, pk: int) -> tuple[int, int, int]:
    """(detail page status, signals on the list page, signals in the API)."""
    listed = client.get("/en/foresight/signals/").content.decode().count('<li id="signal-')
    return client.get(f"/en/foresight/signals/{pk}/").status_code, listed, client.get("/api/v1/signals").json()["count"]


def test_two_people_put_a_signal_online(client, people):
    client.force_login(people["author"])
    refused = client.post("/admin/foresight_signals/new/", _form(status="approved"))
    assert refused.status_code == 200 and not Signal.objects.exists()  # nobody approves their own signal

    assert client.post("/admin/foresight_signals/new/", _form()).status_code == 302
    item = Signal.objects.get()
    assert item.created_by == people["author"] and item.status == "new" and item.reviewed_by is None
    client.logout()
    assert _public(client, item.pk) == (404, 0, 0)  # submitted is not public

    client.force_login(people["curator"])
    assert client.post(f"/admin/foresight_signals/edit/{item.pk}/", _form(status="approved")).status_code == 302
    item.refresh_from_db()
    assert item.status == "approved" and item.reviewed_by == people["curator"] and item.reviewed_at is not None
    client.logout()
    assert _public(client, item.pk) == (200, 1, 1)
    for language, word in (("fr", "Nouveauté"), ("en", "Novelty"), ("es", "Novedad")):
        html = client.get(f"/{language}/foresight/signals/{item.pk}/").content.decode()
        assert HEADLINE in html or "regional work visa" in html
        assert word in html and 'href="https://example.org/care-visa"' in html
    assert client.get("/fr/foresight/").content.decode().count('href="/fr/foresight/signals/"') == 1


def test_an_editor_who_is_not_a_curator_cannot_approve_and_an_edit_goes_back_to_review(client, people):
    writer = _user("writer", curator=False)
    item = Signal.objects.create(**_signal_fields(), status="approved", created_by=people["author"])
    client.force_login(writer)
    form = client.get(f"/admin/foresight_signals/edit/{item.pk}/").content.decode()
    assert 'value="approved"' not in form and 'value="new" selected' in form  # only draft and new offered
    refused = client.post(f"/admin/foresight_signals/edit/{item.pk}/", _form(status="approved"))
    assert refused.status_code == 200
    item.refresh_from_db()
    assert item.status == "approved"

    changed = _form(status="new", headline_fr="Titre changé sans relecture")
    assert client.post(f"/admin/foresight_signals/edit/{item.pk}/", changed).status_code == 302
    item.refresh_from_db()
    assert item.status == "new" and item.reviewed_by is None and item.created_by == people["author"]
    client.logout()
    assert client.get(f"/fr/foresight/signals/{item.pk}/").status_code == 404


def _signal_fields(**changes):
    fields = {
        "headline_fr": HEADLINE,
        "category": "political",
        "source_url": "https://example.org/care-visa",
        "novelty": 4,
    }
    return fields | changes


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["javascript:alert(document.domain)", "data:text/html,hi", "ftp://x.org/a"])
def test_a_source_address_is_a_web_address(address):
    with pytest.raises(ValidationError) as error:
        Signal(**_signal_fields(source_url=address)).full_clean()
    assert "source_url" in error.value.message_dict


def test_trends_pages_and_the_api_keep_to_approved_items(client, people):
    scenario_set, _ = seed_scenario_set()
    driver = Driver.objects.create(scenario_set=scenario_set, name_fr="Vieillissement", category="social")
    trend = Trend.objects.create(
        headline_fr="Pénurie de soignants", category="social", horizon="3-7", impact=3, status="approved"
    )
    hidden = Trend.objects.create(headline_fr="Tendance en brouillon", category="social", horizon="0-3", impact=1)
    shown = Signal.objects.create(**_signal_fields(category="economic"), status="approved")
    shown.trends.set([trend, hidden])
    shown.drivers.set([driver])
    Signal.objects.create(**_signal_fields(headline_fr="Signal soumis"), status="new").trends.set([trend])

    trends = client.get("/api/v1/trends").json()
    assert [(t["headline"]["fr"], t["signals"], t["horizon"]) for t in trends["items"]] == [
        ("Pénurie de soignants", 1, "3-7")
    ]
    assert client.get("/api/v1/signals").json()["items"][0]["trends"] == [trend.pk]  # not the draft trend
    assert client.get("/api/v1/signals?category=economic").json()["count"] == 1
    assert client.get("/api/v1/signals?category=social").json()["count"] == 0
    assert client.get(f"/api/v1/signals?trend={trend.pk}").json()["count"] == 1
    assert client.get("/api/v1/signals?colour=red").status_code == 400  # unknown parameters are errors

    page = client.get("/es/foresight/trends/").content.decode()
    assert "Pénurie de soignants" in page and "Tendance en brouillon" not in page and "3–7 años" in page
    assert client.get(f"/en/foresight/trends/{hidden.pk}/").status_code == 404
    detail = client.get(f"/en/foresight/trends/{trend.pk}/").content.decode()
    assert f'href="/en/foresight/signals/{shown.pk}/"' in detail and "Signal soumis" not in detail
    scenario_set.live = True
    scenario_set.save()
    set_page = client.get(f"/fr/foresight/sets/{scenario_set.slug}/").content.decode()
    assert f'href="/fr/foresight/signals/{shown.pk}/"' in set_page  # under its driver
