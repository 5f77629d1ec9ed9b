"""A data manager translates a series name in the Wagtail admin, by clicks from the admin's menu in French
(issue 12, item 3), and the French series page then shows it. Screenshots at 1366 and 390 px."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.users.models import UserProfile

from migmon.indicators.models import Series
from migmon.indicators.tests.sample import load_sample

pytestmark = pytest.mark.browser

PASSWORD = "a long test password 4 the manager"
FRENCH = "Total des décès et disparitions enregistrés pendant la migration"
SHOTS = "/work/helpers/shots/words"


@pytest.fixture
def manager(transactional_db, data_dir, django_user_model, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    call_command("ensure_groups", verbosity=0)
    load_sample(data_dir)
    user = django_user_model.objects.create_user("manager", "manager@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Data managers"))
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language="fr")
    return user


def test_a_data_manager_translates_a_series_name_by_clicks(manager, live_server, page):
    base = live_server.url
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    page.click("text=Cadre des ODD et du Pacte mondial")
    page.click("a:has-text('Noms des séries')")
    page.wait_for_url(f"{base}/admin/series/")
    page.goto(f"{base}/admin/series/?untranslated=fr")
    page.click("a:has-text('SM_DTH_MIGR')")
    page.wait_for_selector("input[name=name_fr]")
    assert "Total deaths and disappearances recorded during migration" in page.inner_text("main")
    assert page.locator("input[name=name_en]").count() == 0  # the English name is shown, not editable
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        page.screenshot(path=f"{SHOTS}/admin-series-name-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.fill("input[name=name_fr]", FRENCH)
    page.click("button[type=submit]:has-text('Enregistrer')")
    page.wait_for_url(f"{base}/admin/series/")
    assert Series.objects.get(code="SM_DTH_MIGR").name_fr == FRENCH

    page.goto(f"{base}/fr/data/series/SM_DTH_MIGR/")
    assert page.inner_text("h1") == FRENCH
    assert page.locator("h1 [lang=en]").count() == 0
