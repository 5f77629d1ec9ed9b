"""Data managers translate series names in the Wagtail admin (issue 12, item 3): the UN publishes them in
English only. The list filters the names still missing, the form shows the English name read-only, the
translated page uses the new name (no lang="en" mark any more), ``load_framework`` keeps it; editors and
anonymous visitors cannot reach the screen; the admin menu names it in French, English and Spanish."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from wagtail.users.models import UserProfile

from migmon.indicators.models import Series
from migmon.indicators.tests.sample import load_sample

NAME = "Total deaths and disappearances recorded during migration"
FRENCH = "Total des décès et disparitions enregistrés pendant la migration"


@pytest.fixture
def series(db, data_dir):
    call_command("ensure_groups", verbosity=0)
    return load_sample(data_dir)["series"]


def _member(django_user_model, client, group: str, language: str = "en"):
    user = django_user_model.objects.create_user(group.split()[0].lower(), f"{group[:4]}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language=language)
    client.force_login(user)
    return client


def test_a_data_manager_translates_a_name_and_the_french_page_uses_it(series, client, django_user_model):
    manager = _member(django_user_model, client, "Data managers")
    edit_url = reverse("series:edit", args=[series.pk])
    listing = manager.get(reverse("series:index"), {"untranslated": "fr"}).content.decode()
    assert edit_url in listing and "Sans nom français" not in listing  # an English admin for this manager
    assert '<span lang="en">' + NAME in client.get("/fr/data/series/SM_DTH_MIGR/").content.decode()

    form = manager.get(edit_url).content.decode()
    assert NAME in form and 'name="name_fr"' in form and 'name="name_es"' in form
    assert 'name="name_en"' not in form and 'name="code"' not in form  # shown, not editable
    answer = manager.post(edit_url, {"name_fr": FRENCH, "name_es": "", "name_en": "changed", "code": "X"})
    assert answer.status_code == 302
    series.refresh_from_db()
    assert (series.code, series.name_en, series.name_fr, series.name_es) == ("SM_DTH_MIGR", NAME, FRENCH, "")
    assert series.names_edited_at is not None
    assert "SM_DTH_MIGR" in manager.get(answer["Location"]).content.decode()  # "updated", with a link back

    assert edit_url not in manager.get(reverse("series:index"), {"untranslated": "fr"}).content.decode()
    assert edit_url in manager.get(reverse("series:index"), {"untranslated": "es"}).content.decode()
    page = client.get("/fr/data/series/SM_DTH_MIGR/").content.decode()
    assert f"<h1>{FRENCH}</h1>" in page
    assert f'<h1><span lang="en">{NAME}</span></h1>' in client.get("/es/data/series/SM_DTH_MIGR/").content.decode()
    # Adding or deleting a series stays refused: they come from the SDG DSD files.
    assert manager.get(reverse("series:add")).status_code in {302, 403}
    assert manager.get(reverse("series:delete", args=[series.pk])).status_code in {302, 403}


def test_load_framework_keeps_a_data_managers_names(db, data_dir):
    out = StringIO()
    call_command("load_framework", stdout=out, stderr=out)
    from migmon.indicators.services import series_names_set

    series = Series.objects.get(code="SG_CPA_MIGRS")
    assert series.name_fr == ""
    series_names_set(series=series, name_fr="Pays dotés de politiques migratoires", name_es="Países con políticas")
    untouched = Series.objects.get(code="SI_RMT_COST")
    Series.objects.filter(pk=untouched.pk).update(name_fr="stray edit outside the admin")
    call_command("load_framework", stdout=out, stderr=out)
    series.refresh_from_db()
    untouched.refresh_from_db()
    assert (series.name_fr, series.name_es) == ("Pays dotés de politiques migratoires", "Países con políticas")
    assert untouched.name_fr == ""  # not a data manager's: the file's (empty) name again


def test_a_name_change_moves_the_data_version(series):
    from migmon.indicators.selectors import data_version
    from migmon.indicators.services import series_names_set

    before = data_version().tag
    series_names_set(series=series, name_fr=FRENCH, name_es="")
    cache.clear()
    assert data_version().tag != before


def test_editors_and_anonymous_visitors_cannot_reach_the_names(series, client, django_user_model):
    edit_url = reverse("series:edit", args=[series.pk])
    anonymous = client.get(reverse("series:index"))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert client.post(edit_url, {"name_fr": "x", "name_es": "y"}).status_code == 302
    editor = _member(django_user_model, client, "Editors")
    assert editor.get(reverse("series:index")).status_code in {302, 403}
    assert editor.post(edit_url, {"name_fr": "x", "name_es": "y"}).status_code in {302, 403}
    series.refresh_from_db()
    assert series.name_fr == "" and series.names_edited_at is None


@pytest.mark.parametrize(
    ("language", "group", "label"),
    [
        ("fr", "Cadre des ODD et du Pacte mondial", "Noms des séries"),
        ("en", "SDG and GCM framework", "Series names"),
        ("es", "Marco de los ODS y del Pacto Mundial", "Nombres de las series"),
    ],
)
def test_the_admin_menu_leads_to_the_names_in_three_languages(
    series, client, django_user_model, language, group, label
):
    manager = _member(django_user_model, client, "Data managers", language)
    home = manager.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', home, re.S)
    assert props, "no admin menu"
    menu = json.dumps(json.loads(props.group(1)), ensure_ascii=False)  # the sidebar's items, as its script reads
    assert f'"label": "{group}"' in menu and f'"label": "{label}"' in menu
    assert f'"url": "{reverse("series:index")}"' in menu
