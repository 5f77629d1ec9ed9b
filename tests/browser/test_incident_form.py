"""The data manager's incident form in Chromium: IOM's vocabularies to choose from, and a refused entry lists
its faults at the top of the form, each linked to its field; the map preview follows the coordinates as they
are typed and outlines the chosen country (1366 and 390 px screenshots)."""

from __future__ import annotations

import re

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
        summary.wait_for()  # the refused form comes back as a new page
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


RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
"""


def test_the_map_preview_follows_the_coordinates_and_outlines_the_country(
    transactional_db, live_server, page, artifacts_dir
):
    """2020.MMP00507 as IOM's allData has it (Libya, but 31.59165, -111.79165: Arizona): the preview shows the
    point in North America, far from the outlined Libya; corrected to Tripoli, the point sits inside it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.core.management import call_command
    from django.test import Client

    call_command("load_geography", verbosity=0)
    user = get_user_model().objects.create_user(username="manager", password="a-long-test-password")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="incidents"))
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.add_init_script(RECORD_VIOLATIONS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/fr/missing-migrants/manage/new/")
        preview = page.locator("#coordinates-preview[data-ready='1']")
        preview.wait_for()
        assert "Saisissez une latitude" in preview.inner_text()
        page.select_option("#id_country_name", "Libya")
        assert page.locator("#coordinates-preview .chosen path").count() == 1
        page.fill("#id_latitude", "31.59165")
        page.fill("#id_longitude", "-111.79165")
        assert preview.get_attribute("data-point") == "31.59165,-111.79165"
        assert "31.59165, -111.79165" in preview.inner_text()
        left, top, span, _ = (float(part) for part in page.get_attribute("#coordinates-preview svg", "viewBox").split())
        assert left < 180 - 111.79 < left + span and top < 90 - 31.59  # the view is around Arizona
        libya = page.locator("#coordinates-preview .chosen path").bounding_box()
        frame = page.locator("#coordinates-preview svg").bounding_box()
        assert libya["x"] > frame["x"] + frame["width"]  # Libya is off this view, far to the east
        preview.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / f"incident-form-preview-far-{width}.png"), full_page=False)
        page.fill("#id_latitude", "32.8872")
        page.fill("#id_longitude", "13.1913")
        marker = page.locator("#coordinates-preview .marker circle").bounding_box()
        libya = page.locator("#coordinates-preview .chosen path").bounding_box()
        centre = (marker["x"] + marker["width"] / 2, marker["y"] + marker["height"] / 2)
        assert libya["x"] < centre[0] < libya["x"] + libya["width"]
        assert libya["y"] < centre[1] < libya["y"] + libya["height"]
        page.fill("#id_longitude", "250")
        assert "hors des plages valides" in preview.inner_text()
        page.fill("#id_longitude", "13.1913")
        page.screenshot(path=str(artifacts_dir / f"incident-form-preview-tripoli-{width}.png"), full_page=False)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate("window.__violations") == []
    assert errors == []


def test_a_point_far_outside_its_country_is_flagged_on_the_review_page_and_in_the_list(
    transactional_db, live_server, page, artifacts_dir
):
    """Entered as IOM's allData has 2020.MMP00507 (Libya, a point in Arizona): saved, but the review page says
    the point lies about 10,760 km outside Libya and the list filters it among those to check."""
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.core.management import call_command
    from django.test import Client

    from migmon.incidents import services

    call_command("load_geography", verbosity=0)
    user = get_user_model().objects.create_user(username="manager", password="a-long-test-password")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="incidents"))
    values = {"date": date(2020, 7, 30), "region": "Mediterranean", "country_name": "Libya", "dead": 1, "missing": 10}
    far = services.incident_create(
        actor=user, values={**values, "incident_id": "2020.MMP90507", "latitude": 31.59165, "longitude": -111.79165}
    )
    services.incident_create(
        actor=user, values={**values, "incident_id": "2020.MMP90508", "latitude": 32.8872, "longitude": 13.1913}
    )
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/fr/missing-migrants/manage/?status=draft")
        page.check("#far")
        page.click("form.inline-search button[type=submit]")
        page.wait_for_url(re.compile(r"far=1"))
        rows = page.locator("table.totals-table tbody tr")
        assert rows.count() == 1 and "2020.MMP90507" in rows.inner_text() and "loin de son pays" in rows.inner_text()
        page.screenshot(path=str(artifacts_dir / f"incident-list-far-{width}.png"), full_page=False)
        page.click("text=2020.MMP90507")
        page.wait_for_url(re.compile(rf"/manage/{far.pk}/$"))  # click() does not wait for the next page
        warning = page.locator("#far-point")
        assert warning.is_visible() and "hors de Libye" in warning.inner_text()  # the name in the page language
        digits = "".join(character for character in warning.inner_text() if character.isdigit())
        assert f"{far.far_from_country_km:.0f}" in digits  # 10 760, grouped as French writes it
        page.screenshot(path=str(artifacts_dir / f"incident-review-far-{width}.png"), full_page=False)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
