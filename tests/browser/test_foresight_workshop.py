"""A foresight workshop and the signals in Chromium: an editor opens a rating round in the admin and copies the
participants' link; two participants rate the drivers in their own browsers; the results page draws the
impact × uncertainty chart and ranks the drivers. A visitor finds an approved signal from the home page.
Screenshots at 1366 px and 390 px (no sideways scroll)."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from migmon.foresight.models import Driver, ScenarioSet, Signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def workshop_site(transactional_db, live_server, settings):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    settings.MIGMON_API_RATE_LIMIT = "0"
    call_command("load_geography", verbosity=0)
    call_command("import_seeds", verbosity=0)
    call_command("seed_foresight", verbosity=0)
    scenario_set = ScenarioSet.objects.get(slug="tomorrows-world-2030")
    for name, category in (("Climate change", "environmental"), ("Automation of work", "technological")):
        Driver.objects.create(scenario_set=scenario_set, name_fr=name, name_en=name, category=category)
    editor = get_user_model().objects.create_user(username="editor", password=PASSWORD)
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label="foresight")
        | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return live_server


def _shoot(page, artifacts_dir, name: str) -> None:
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(200)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        page.screenshot(path=str(artifacts_dir / f"foresight-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_a_workshop_round_from_the_admin_to_the_ranking(workshop_site, page, chromium, artifacts_dir):
    page.goto(f"{workshop_site.url}/admin/login/?next=/admin/foresight_workshops/new/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/foresight_workshops/new/")
    page.select_option("#id_scenario_set", label=ScenarioSet.objects.get().title)
    page.fill("#id_title", "Atelier de Dakar")
    page.locator("form button[type=submit]", has_text=re.compile("Créer|Create")).first.click()
    page.wait_for_url(re.compile(r"/admin/foresight_workshops/$"))
    link = page.locator("a[href*='/foresight/workshops/']").first.get_attribute("href")
    assert link and re.fullmatch(r"/fr/foresight/workshops/\d+:[\w-]+/", link)

    for pseudonym, ratings in (("Awa", ("5", "4", "2", "3")), ("Lamine", ("4", "5", "1", "2"))):
        context = chromium.new_context(locale="en-GB")
        participant = context.new_page()
        participant.goto(workshop_site.url + link.replace("/fr/", "/en/"))
        participant.fill("#pseudonym", pseudonym)
        selects = participant.locator("table.ballot-table select")
        for index, value in enumerate(ratings):
            selects.nth(index).select_option(value)
        if pseudonym == "Awa":
            _shoot(participant, artifacts_dir, "workshop-ballot")
        participant.get_by_role("button", name="Send my ratings").click()
        participant.wait_for_url(re.compile(r"/results/$"))
        if pseudonym == "Lamine":
            participant.locator("#workshop-chart[data-ready=true] svg").wait_for()
            first = participant.locator("#ranking tbody tr").first.inner_text()
            assert "Climate change" in first and "20.25" in first  # (5+4)/2 × (4+5)/2
            assert "2 ballots so far" in participant.locator("#round-state").inner_text()
            _shoot(participant, artifacts_dir, "workshop-results")
        context.close()


def test_an_approved_signal_is_found_from_the_home_page(workshop_site, page, artifacts_dir):
    Signal.objects.create(
        headline_fr="Un pays ouvre un visa de travail régional pour les métiers du soin",
        category="political",
        source_url="https://example.org/care-visa",
        novelty=4,
        status="approved",
    )
    page.goto(f"{workshop_site.url}/fr/")
    page.locator(".menu-link", has_text="Données et recherche").first.click()
    page.wait_for_url(re.compile(r"/fr/donnees-et-recherche/$"))
    page.locator("main a[href='/fr/foresight/']").first.click()
    page.wait_for_url(re.compile(r"/fr/foresight/$"))
    page.get_by_role("link", name="Signaux de changement").click()
    page.wait_for_url(re.compile(r"/fr/foresight/signals/$"))
    assert "1 signal approuvé" in page.locator("#signal-count").inner_text()
    _shoot(page, artifacts_dir, "signals")
    page.get_by_role("link", name=re.compile("visa de travail")).click()
    assert page.locator("h1").inner_text().startswith("Un pays ouvre")
    _shoot(page, artifacts_dir, "signal")
