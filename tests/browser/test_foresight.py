"""Foresight in Chromium: an editor creates a signpost in the Wagtail admin ("deaths and disappearances rose two
years running" in Greece and Spain, on the bundled 10.7.3 data), then a visitor goes from the home page's menu to
the 2017 set, its dashboard and the chart deciding Greece's state. Screenshots at 1366 px and 390 px."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from migmon.foresight.tests.conftest import DEATHS_FILE

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
WIDTHS = (1366, 390)


@pytest.fixture
def workspace(transactional_db, settings):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    settings.MIGMON_API_RATE_LIMIT = "0"
    call_command("load_geography", verbosity=0)
    call_command("load_framework", verbosity=0)
    call_command("import_data", str(django_settings.DATA_DIR / DEATHS_FILE), verbosity=0)
    call_command("import_seeds", verbosity=0)
    call_command("seed_foresight", verbosity=0)
    editor = get_user_model().objects.create_user(username="editor", password=PASSWORD)
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label="foresight")
        | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return editor


def shoot(page, artifacts_dir, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(200)
        page.screenshot(path=str(artifacts_dir / f"foresight-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.wait_for_timeout(200)


def test_a_signpost_made_in_the_admin_shows_its_state_on_the_public_dashboard(
    workspace, live_server, page, artifacts_dir
):
    from migmon.foresight.models import Scenario, Signpost
    from migmon.geo.models import Area
    from migmon.indicators.models import Series

    base = live_server.url
    page.goto(f"{base}/admin/login/?next=/admin/foresight_signposts/new/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/foresight_signposts/new/")

    world_on_fire = Scenario.objects.get(slug="world-on-fire")
    page.select_option("#id_scenario", str(world_on_fire.pk))
    page.fill("#id_statement_fr", "Les décès et disparitions en migration augmentent deux années de suite.")
    page.fill("#id_statement_en", "Deaths and disappearances during migration rise two years running.")
    page.select_option("#id_series", str(Series.objects.get(code="SM_DTH_MIGR").pk))
    areas = [str(Area.objects.get(iso3=code).pk) for code in ("GRC", "ESP")]
    page.select_option("#id_areas", areas)
    page.select_option("#id_aggregate", "latest")
    page.select_option("#id_comparator", "rising")
    page.fill("#id_persistence", "2")
    page.fill("#id_min_points", "3")
    page.check("#id_live")
    shoot(page, artifacts_dir, "admin-signpost")
    page.locator("form button[type=submit]", has_text=re.compile("Créer|Create")).first.click()
    page.wait_for_url(re.compile(r"/admin/foresight_signposts/(\d+/)?$"))
    item = Signpost.objects.get()
    assert item.live and sorted(a.iso3 for a in item.areas.all()) == ["ESP", "GRC"]
    assert {r.subject: r.state for r in item.records.all()} == {"GRC": "on", "ESP": "off"}

    # A visitor: home page → menu → the 2017 set, with its notice.
    page.context.clear_cookies()
    page.goto(f"{base}/fr/")
    page.locator(".menu-link", has_text="Données et recherche").first.click()  # the data section's landing page
    page.wait_for_url("**/fr/donnees-et-recherche/")
    page.locator("main a[href='/fr/foresight/']").first.click()
    page.wait_for_url("**/fr/foresight/")
    shoot(page, artifacts_dir, "index")
    page.get_by_role("link", name="Quel avenir pour les migrations internationales et la mobilité humaine ?").click()
    page.wait_for_url("**/fr/foresight/sets/tomorrows-world-2030/")
    assert "n'a pas pour but de projeter ou de prédire" in page.locator(".foresight-notice").inner_text()
    assert page.locator(".scenario-card h3").all_inner_texts() == [
        "My Country First!",
        "World on Fire",
        "Opening Roads",
        "Technopoly",
    ]
    assert page.locator(".facts a", has_text="Quel avenir pour les migrations").count() == 1  # the seed's page
    shoot(page, artifacts_dir, "set")

    # The dashboard: Greece on, Spain off, each linking to its chart.
    page.get_by_role("link", name="Tableau de bord : vers quel monde dérivons-nous ?").click()
    page.wait_for_url("**/dashboard/")
    rows = page.locator(".states-table tbody tr")
    assert rows.count() == 2
    greece = rows.filter(has_text="Grèce")
    assert "Allumé" in greece.locator(".state").inner_text()
    assert "Éteint" in rows.filter(has_text="Espagne").locator(".state").inner_text()
    shoot(page, artifacts_dir, "dashboard")
    greece.locator("a.state-link").click()
    page.wait_for_url(f"**/fr/foresight/signposts/{item.pk}/GRC/")
    page.wait_for_selector("#signpost-chart svg")
    assert "2022" in page.locator(".data-table").first.inner_text()
    shoot(page, artifacts_dir, "signpost")

    # The same in English and Spanish, and the country's own dashboard.
    for lang, on in (("en", "On"), ("es", "Encendido")):
        page.goto(f"{base}/{lang}/foresight/areas/GRC/")
        assert on in page.locator(".states-table .state").inner_text()
    shoot(page, artifacts_dir, "area-es")
