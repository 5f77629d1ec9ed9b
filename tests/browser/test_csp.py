"""The Content-Security-Policy in Chromium: public pages load with no violation and their charts still draw.

Every violation the browser reports (``securitypolicyviolation`` events, recorded from before the page's own
scripts run) and every console error fails the test, naming the page and the blocked source. Charts are drawn
by Vega with its CSP-safe expression interpreter; the test waits for their SVG or canvas. Screenshots at 1366
and 390 px of the pages whose markup changed (the GCM share bars, the profile's print button).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from migmon.incidents.imports import incidents_import
from tests.portal_data import DESA_2024_DESTINATION, SDG_10_7_3, load_portal_data

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""

# path → a selector that appears once the page's charts have drawn (None: no chart on the page).
PAGES = {
    "/fr/": None,
    "/fr/data/indicators/10.7.3/": None,
    "/fr/data/series/SM_DTH_MIGR/": "#chart[data-ready=true] svg",
    "/fr/data/series/MIGSTOCK/?tab=map": "#map-legend .swatch",
    "/en/data/series/SM_DTH_MIGR/embed/": "#chart[data-ready=true] svg",
    "/fr/data/countries/MLT/": None,
    "/fr/missing-migrants/": "[data-chart=year].vega-embed svg",
    "/fr/data/gcm/follow-up/": "#objective-chart[data-ready=true] svg",
    "/es/progress/": None,
    "/api/v1/docs": "#swagger-ui .information-container",
}


@pytest.fixture
def site(transactional_db, data_dir, settings, django_user_model):
    from migmon.gcm import services
    from migmon.gcm.tests.conftest import pledge_values

    settings.MIGMON_API_RATE_LIMIT = "0"
    call_command("import_seeds", verbosity=0)
    load_portal_data(data_dir, SDG_10_7_3, DESA_2024_DESTINATION)
    incidents_import(path=data_dir / "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv")
    # Two published pledges (a test's own), so that the follow-up draws its share bars and objective chart.
    author, reviewer = (django_user_model.objects.create_user(username=name) for name in ("author", "reviewer"))
    for kind in ("individual", "common"):
        pledge = services.pledge_create(actor=author, values=pledge_values(pledge_type=kind))
        services.step_submit(actor=author, subject=pledge)
        services.step_publish(actor=reviewer, subject=pledge)


def test_public_pages_load_without_a_csp_violation_and_draw_their_charts(site, live_server, page, artifacts_dir):
    errors: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_default_timeout(60_000)  # profiles take seconds on a loaded machine

    def console(message):
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{page.url}: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    violations: list[str] = []
    undrawn: list[str] = []
    for path, drawn in PAGES.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        assert "script-src 'self';" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        if drawn:
            try:
                page.locator(drawn).first.wait_for(timeout=10_000)
            except PlaywrightTimeout:
                undrawn.append(f"{path}: no {drawn}")
        violations += [f"{path}: {found}" for found in page.evaluate("window.__violations")]
    assert not (violations or undrawn or errors), "\n".join(violations + undrawn + errors)


def test_tooltips_and_the_export_menu_work_under_the_policy(site, live_server, page, artifacts_dir):
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_default_timeout(60_000)  # profiles take seconds on a loaded machine
    page.goto(f"{live_server.url}/fr/data/series/SM_DTH_MIGR/")
    chart = page.locator("#chart[data-ready=true] svg")
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None
    # Hover the line's points until one shows Vega's tooltip (styled by site.css, not by an injected <style>).
    tooltip = page.locator("#vg-tooltip-element.visible")
    for point in page.locator("#chart g.mark-symbol path").all()[:20]:
        point.hover(force=True)
        if tooltip.count():
            break
    assert tooltip.count() == 1 and tooltip.evaluate("e => getComputedStyle(e).position") == "fixed"

    page.goto(f"{live_server.url}/fr/missing-migrants/")
    menu = page.locator("[data-chart=year].vega-embed details summary")
    menu.wait_for()
    menu.click()
    assert page.locator("[data-chart=year] .vega-actions a").first.is_visible()
    page.screenshot(path=str(artifacts_dir / "csp-register-export-menu-1366.png"))
    assert page.evaluate("window.__violations") == []


@pytest.mark.parametrize("width", [1366, 390])
def test_changed_markup_looks_right(site, live_server, page, artifacts_dir, width):
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_default_timeout(60_000)  # profiles take seconds on a loaded machine
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/fr/data/countries/MLT/")
    print_button = page.locator("button[data-print]")
    assert print_button.is_visible()
    page.evaluate("window.print = () => { window.__printed = true; }")
    print_button.click()
    assert page.evaluate("window.__printed") is True
    page.screenshot(path=str(artifacts_dir / f"csp-profile-MLT-{width}.png"))
    page.goto(f"{live_server.url}/fr/data/gcm/follow-up/")
    page.screenshot(path=str(artifacts_dir / f"csp-gcm-follow-up-{width}.png"), full_page=True)
    assert page.evaluate("window.__violations") == []


ADMIN_PASSWORD = "a-long-password-for-the-admin-test"
# Admin pages an editor or a data manager opens, each with the element its scripts fill in.
ADMIN_PAGES = {
    "/admin/": "#wagtail-sidebar",
    "/admin/reports/site-history/": "#wagtail-sidebar",
    "/admin/snippets/": "#wagtail-sidebar",
    "/admin/publishing/": "#wagtail-sidebar",
    "/admin/foresight_workshops/": "#wagtail-sidebar",
    "/admin/gcm_links/": "#wagtail-sidebar",
    "/admin/localize/reports/translations/": "#wagtail-sidebar",
}


@pytest.fixture
def admin_site(transactional_db, django_user_model):
    call_command("import_seeds", verbosity=0)
    call_command("ensure_groups", verbosity=0)
    django_user_model.objects.create_superuser("root", "root@example.org", ADMIN_PASSWORD)


def _signed_in_admin(page, base):
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_default_timeout(60_000)
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def test_the_admin_works_under_its_policy_and_runs_no_inline_handler(admin_site, live_server, page, artifacts_dir):
    """Admin pages, the page editor's date picker and page chooser modal run under ``script-src-attr 'none'``
    with no violation or console error; an inline handler put into an admin page is refused."""
    from migmon.content.models.news import NewsPage

    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    base = live_server.url
    _signed_in_admin(page, base)
    violations: list[str] = []
    for path, ready in ADMIN_PAGES.items():
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert "script-src-attr 'none'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        page.wait_for_function(
            f"() => document.querySelector({ready!r})?.childElementCount > 0"
        )  # drawn by its scripts
        violations += [f"{path}: {found}" for found in page.evaluate("window.__violations")]

    news = NewsPage.objects.filter(live=True).first()
    page.goto(f"{base}/admin/pages/add/content/newspage/{news.get_parent().pk}/")  # a new page: no event chosen yet
    page.locator("#id_date").click()  # initDateChooser, an inline script, ran: the picker opens
    page.wait_for_function(
        "() => [...document.querySelectorAll('.xdsoft_datetimepicker')].some(e => e.style.display === 'block')"
    )
    page.screenshot(path=str(artifacts_dir / "csp-admin-page-editor-1366.png"))
    page.locator("#id_title").click()  # closes the picker
    page.locator("#id_event-chooser .unchosen [data-chooser-action-choose]").click()  # new PageChooser(…), inline
    page.locator(".modal-content .listing").first.wait_for()
    page.screenshot(path=str(artifacts_dir / "csp-admin-page-chooser-1366.png"))
    violations += [f"page editor: {found}" for found in page.evaluate("window.__violations")]
    assert not (violations or errors), "\n".join(violations + errors)

    page.evaluate(
        """() => { const img = document.createElement("img");
        img.setAttribute("onerror", "window.__handlerRan = true"); img.src = "/no-such-image.png";
        document.body.append(img); }"""
    )
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("window.__handlerRan") is None
    assert any("script-src-attr" in found for found in page.evaluate("window.__violations"))
