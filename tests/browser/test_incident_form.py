"""The data manager's incident form in Chromium: IOM's vocabularies to choose from, and a refused entry lists
its faults at the top of the form, each linked to its field (1366 and 390 px screenshots)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_refused_entry_lists_its_faults_at_the_top(transactional_db, live_server, page, artifacts_dir):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.test import Client

    user = get_user_model().objects.create_user(username="manager", password="a-long-test-password")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="incidents"))
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/fr/missing-migrants/manage/new/")
        assert "Méditerranée centrale" in page.inner_text("#id_route")
        page.fill("#id_incident_id", "2026.MMP9001")
        page.click("form.incident-form button[type=submit]")
        summary = page.locator("#error-summary")
        first_field = page.locator("#id_incident_id").bounding_box()
        assert summary.is_visible() and summary.bounding_box()["y"] < first_field["y"]
        page.screenshot(path=str(artifacts_dir / f"incident-form-summary-{width}.png"), full_page=False)
        page.click("#error-summary a[href='#id_region']")
        assert page.url.endswith("#id_region")
        page.screenshot(path=str(artifacts_dir / f"incident-form-errors-{width}.png"), full_page=False)
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(n => n.getBoundingClientRect().right > innerWidth + 1)"
            ".map(n => n.tagName + '#' + n.id + '.' + n.className).slice(0, 5)"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width, wide
