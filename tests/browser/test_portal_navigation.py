"""A visitor's first minutes on the portal, in Chromium: French home, menu by keyboard and by mouse,
switch to English, search "Panama", open the Panama workshop release. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded_live_server(transactional_db, live_server):
    call_command("import_seeds", verbosity=0)
    return live_server


def test_menu_language_switch_and_search(page, seeded_live_server, artifacts_dir):
    base = seeded_live_server.url
    page.goto(f"{base}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "La migration dans l’Agenda 2030"
    page.screenshot(path=artifacts_dir / "site-01-home-fr.png", full_page=True)

    # Keyboard: the first Tab reaches the skip link, which is then visible.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0

    # Keyboard: open "Qui sommes-nous" with Enter, close it with Escape (focus returns to the button).
    toggle = page.locator(".submenu-toggle").first
    panel = page.locator("#submenu-1")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert panel.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Structure"
    page.screenshot(path=artifacts_dir / "site-02-menu-open-keyboard.png")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not panel.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('submenu-toggle')")

    # Mouse: open the sub-menu and follow "Structure".
    toggle.click()
    assert panel.is_visible()
    panel.get_by_role("link", name="Structure", exact=True).click()
    page.wait_for_url(re.compile(r"/fr/qui-sommes-nous/structure/$"))
    assert page.locator("h1").inner_text() == "Structure"
    assert page.get_by_role("link", name="Bureau du Chef de Cabinet").first.is_visible()

    # Switch to English: the same page in English.
    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/en/who-we-are/structure/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Structure"
    assert page.locator(".menu-link").first.inner_text() == "Who we are"
    page.screenshot(path=artifacts_dir / "site-03-structure-en.png", full_page=True)

    # Search from the English site: the French release is found and marked as French.
    page.get_by_role("searchbox", name="Search the site").first.fill("Panama")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=Panama"))
    result = page.locator(".search-result").first
    assert "in French" in result.inner_text()
    assert page.locator(".search-result mark").first.inner_text() == "Panama"
    page.screenshot(path=artifacts_dir / "site-04-search-panama-en.png", full_page=True)

    result.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/fr/actualites/"))
    assert "atelier régional" in page.locator("h1").inner_text()
    assert "Panama City" in page.locator(".dateline").inner_text()
    assert page.get_by_role("link", name="jgallo@iom.int").is_visible()
    page.screenshot(path=artifacts_dir / "site-05-panama-release.png", full_page=True)


def test_small_screen_menu_button(page, seeded_live_server, artifacts_dir):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{seeded_live_server.url}/es/")
    menu_button = page.locator(".menu-toggle")
    assert menu_button.is_visible() and not page.locator("#main-menu").is_visible()
    menu_button.click()
    assert menu_button.get_attribute("aria-expanded") == "true"
    assert page.locator(".menu-link").first.inner_text() == "Quiénes somos"
    page.screenshot(path=artifacts_dir / "site-06-mobile-menu-es.png", full_page=True)
