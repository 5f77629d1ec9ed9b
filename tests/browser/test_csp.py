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
# Admin screens an editor or a data manager opens, one of each kind: listings (with their date filters), reports,
# settings, forms with choosers, date inputs and inline panels. Each must show Wagtail's sidebar, drawn by script.
ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/locked/",
    "/admin/reports/workflow/",
    "/admin/snippets/",
    "/admin/images/",
    "/admin/images/add/",
    "/admin/documents/",
    "/admin/documents/add/",
    "/admin/collections/",
    "/admin/users/",
    "/admin/users/new/",
    "/admin/groups/new/",
    "/admin/locales/",
    "/admin/sites/",
    "/admin/redirects/",
    "/admin/workflows/list/",
    "/admin/workflows/add/",
    "/admin/account/",
    "/admin/publishing/",
    "/admin/series/",
    "/admin/progress_targets/",
    "/admin/foresight_workshops/",
    "/admin/foresight_sets/new/",
    "/admin/foresight_scenarios/new/",
    "/admin/foresight_signposts/new/",
    "/admin/gcm_links/",
    "/admin/gcm_links/new/",
    "/admin/localize/reports/translations/",
]
# Elements that a script would run from: a <script> without src that is not data (JSON, a template).
INLINE_SCRIPTS = """() => [...document.querySelectorAll("script:not([src])")]
  .filter((s) => !s.type || /javascript|module/.test(s.type)).map((s) => s.textContent.trim().slice(0, 80))"""


@pytest.fixture
def admin_site(transactional_db, django_user_model):
    call_command("import_seeds", verbosity=0)
    call_command("ensure_groups", verbosity=0)
    django_user_model.objects.create_superuser("root", "root@example.org", ADMIN_PASSWORD)


class AdminWatch:
    """What went wrong in the admin, screen by screen: CSP violations, inline scripts, console and page errors."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))

    def console(self, message) -> None:
        # Not the policy: Wagtail offers the system's "localtime" zone on the account page, which Chromium's Intl
        # refuses (Wagtail's w-locale controller logs it); every other console error counts.
        if message.type == "error" and "Invalid time zone specified: localtime" not in message.text:
            self.problems.append(f"{self.page.url}: {message.text}")

    def check(self, where: str) -> None:
        self.problems += [f"{where}: {found}" for found in self.page.evaluate("window.__violations")]
        self.problems += [f"{where}: inline script {found}" for found in self.page.evaluate(INLINE_SCRIPTS)]
        self.page.evaluate("window.__violations = []")

    def assert_none(self) -> None:
        assert not self.problems, "\n".join(self.problems)


def _signed_in_admin(page, base) -> AdminWatch:
    watch = AdminWatch(page)
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_default_timeout(60_000)
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    return watch


def _admin_goto(page, watch: AdminWatch, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "script-src-attr 'none'" in policy, url
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => document.querySelector('#wagtail-sidebar')?.childElementCount > 0")
    watch.check(url)


def test_every_admin_screen_loads_under_script_src_self(admin_site, live_server, page):
    """Each kind of admin screen loads under ``script-src 'self'`` with no violation, no inline script left in
    the page and no console error; an injected inline handler and an injected inline script are both refused."""
    from migmon.content.models.events import EventSeries
    from migmon.content.models.news import NewsPage

    base = live_server.url
    watch = _signed_in_admin(page, base)
    news = NewsPage.objects.filter(live=True, locale__language_code="fr").first()
    series = EventSeries.objects.first()
    screens = [
        *ADMIN_PAGES,
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/{news.get_parent().pk}/",
        f"/admin/snippets/content/eventseries/edit/{series.pk}/" if series else "/admin/snippets/content/eventseries/",
        f"/admin/localize/submit/page/{news.pk}/",
    ]
    for path in screens:
        _admin_goto(page, watch, f"{base}{path}")
    watch.assert_none()

    page.evaluate(
        """() => { const img = document.createElement("img");
        img.setAttribute("onerror", "window.__handlerRan = true"); img.src = "/no-such-image.png";
        document.body.append(img);
        const script = document.createElement("script"); script.textContent = "window.__scriptRan = true";
        document.body.append(script); }"""
    )
    page.wait_for_function("() => window.__violations.length >= 2")
    assert page.evaluate("window.__handlerRan") is None and page.evaluate("window.__scriptRan") is None
    found = page.evaluate("window.__violations")
    assert any("script-src-attr" in f for f in found) and any("script-src-elem" in f for f in found), found
    page.wait_for_load_state("networkidle")  # the admin's own background requests end before the database is emptied


def test_admin_widgets_work_without_inline_scripts(admin_site, live_server, page, artifacts_dir):
    """The initialisers that were inline scripts run from data (core/js/admin-init.js): a date picker opens, a page
    chooser opens and picks a page, a listing's date filter picks a day, a page saves, an inline panel adds a form
    (and its new form's task chooser opens its modal), wagtail-localize's "select all" ticks every language and
    its translation editor draws."""
    from migmon.content.models.news import NewsPage

    base = live_server.url
    watch = _signed_in_admin(page, base)
    news = NewsPage.objects.filter(live=True, locale__language_code="fr").first()

    # A new page: the date picker (initDateChooser) and the event's page chooser (new PageChooser).
    _admin_goto(page, watch, f"{base}/admin/pages/add/content/newspage/{news.get_parent().pk}/")
    page.locator("#id_date").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.xdsoft_datetimepicker')].some(e => e.style.display === 'block')"
    )
    page.screenshot(path=str(artifacts_dir / "csp-admin-page-editor-1366.png"))
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=str(artifacts_dir / "csp-admin-page-editor-390.png"))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("#id_title").click()  # closes the picker
    page.locator("#id_event-chooser .unchosen [data-chooser-action-choose]").click()
    page.locator(".modal-content a.choose-page").first.wait_for()
    page.screenshot(path=str(artifacts_dir / "csp-admin-page-chooser-1366.png"))
    chosen = page.locator(".modal-content a.choose-page").first.get_attribute("data-id")
    page.locator(".modal-content a.choose-page").first.click()
    page.locator("#id_event-chooser .chosen").wait_for()
    assert page.locator("#id_event").input_value() == chosen
    watch.check("page editor: date picker and page chooser")

    # A listing's date filter (site history, "Date/Time" from): its picker opens and picks a day.
    _admin_goto(page, watch, f"{base}/admin/reports/site-history/")
    page.locator("button.w-slim-header-action-button:has(.icon-sliders)").click()
    page.locator('[aria-controls="drilldown-id_timestamp"]').click()
    date_from = page.locator("#drilldown-id_timestamp input").first
    date_from.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.locator(".xdsoft_date:not(.xdsoft_disabled)").first.click()
    page.wait_for_function("(input) => input.value !== ''", arg=date_from.element_handle())
    watch.check("site history: date filter")

    # An existing page saves (its draft), the editor's scripts being all there is between the click and the post.
    _admin_goto(page, watch, f"{base}/admin/pages/{news.pk}/edit/")
    page.fill("#id_title", f"{news.title} (draft)")
    page.locator("footer button.action-save").first.click()
    page.locator(".messages .success").wait_for()
    assert NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object().title == f"{news.title} (draft)"
    watch.check("page editor: save")

    # An inline panel (a scenario's key assumptions) adds a form.
    _admin_goto(page, watch, f"{base}/admin/foresight_scenarios/new/")
    page.locator("#id_assumptions-ADD").click()
    page.locator("#inline_child_assumptions-0 textarea").first.wait_for()
    assert page.locator("#id_assumptions-TOTAL_FORMS").input_value() == "1"
    page.screenshot(path=str(artifacts_dir / "csp-admin-inline-panel-1366.png"))
    watch.check("scenario: inline panel")

    # A workflow's tasks: an inline panel whose new form holds a task chooser, which opens its modal.
    _admin_goto(page, watch, f"{base}/admin/workflows/add/")
    page.locator("#id_workflow_tasks-ADD").click()
    page.locator("#id_workflow_tasks-0-task-chooser [data-chooser-action-choose]").click()
    page.locator(".modal-content form, .modal-content .listing").first.wait_for()
    watch.check("workflow: inline panel and task chooser")

    # wagtail-localize: "select all" ticks every language; the translation editor draws.
    _admin_goto(page, watch, f"{base}/admin/localize/submit/page/{news.pk}/")
    page.locator("[name=select_all]").check()
    locales = page.locator("[name=locales]")
    assert locales.count() > 0 and all(box.is_checked() for box in locales.all())
    page.locator("[name=select_all]").uncheck()
    assert not any(box.is_checked() for box in locales.all())
    page.get_by_label("Anglais").check()
    page.click("input[type=submit][value=Soumettre]")
    page.wait_for_url(f"{base}/admin/pages/*/edit/")
    page.wait_for_function("() => document.querySelector('.js-translation-editor')?.childElementCount > 1")
    assert page.evaluate("window.chooserUrls.pageChooser") == "/admin/choose-page/"
    page.screenshot(path=str(artifacts_dir / "csp-admin-translation-editor-1366.png"))
    watch.check("translation editor")
    watch.assert_none()
    page.wait_for_load_state("networkidle")  # the editor's own requests end before the database is emptied
