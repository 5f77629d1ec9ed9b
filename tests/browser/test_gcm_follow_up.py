"""The GCM follow-up in Chromium: a data manager signs in and enters a pledge through the form, a second data
manager publishes it, and a visitor finds it on the country's GCM profile by clicking from the data pages.
Screenshots of every page of the follow-up go to the artifacts folder at 1366 px and 390 px."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from migmon.gcm.tests.conftest import TEXT

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
WIDTHS = (1366, 390)


@pytest.fixture
def follow_up(transactional_db, settings, tmp_path):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from migmon.indicators.framework import framework_load

    settings.MIGMON_API_RATE_LIMIT = "0"
    settings.MEDIA_ROOT = tmp_path
    call_command("load_geography", verbosity=0)
    framework_load(data_dir=django_settings.DATA_DIR)
    # The data managers' permissions on this app (ensure_groups needs Wagtail's root collection, which the
    # transactional test database flushes between tests).
    users = {}
    for name in ("author", "reviewer"):
        user = get_user_model().objects.create_user(username=name, password=PASSWORD)
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="gcm"))
        users[name] = user
    return users


def sign_in(page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/admin/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{next_path}")


def shoot(page, artifacts_dir, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts_dir / f"gcm-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.wait_for_timeout(300)  # let the page lay out again at the wide size before the next click


def test_create_publish_with_a_second_account_and_find_it_on_the_country_profile(
    follow_up, live_server, page, chromium, artifacts_dir
):
    base = live_server.url
    sign_in(page, base, "author", "/fr/data/gcm/manage/new/")
    page.fill("#id_title", "Recrutement équitable des travailleurs migrants")
    page.fill("#id_text", TEXT)
    page.select_option("#id_pledge_type", "individual")
    page.check("input[name=pledge_forms][value=policy]")
    page.check("#id_objectives input[type=checkbox] >> nth=5")  # objective 6
    page.select_option("#id_level", "national")
    page.select_option("#id_pledging_states", label="Mexique (MEX)")
    page.fill("#id_start", "2024-01-01")
    page.fill("#id_end", "2030-12-31")
    page.fill("#id_metric", "Coût du recrutement en mois de salaire (ODD 10.7.1)")
    shoot(page, artifacts_dir, "manage-form")
    with page.expect_navigation():
        page.locator("button:has-text('Enregistrer le brouillon')").press("Enter")
    page.wait_for_selector("text=Brouillon enregistré")
    public_id = page.locator(".eyebrow").inner_text().split(" · ")[0].strip()
    page.click("button:has-text('Soumettre à relecture')")
    page.wait_for_selector("text=En relecture")
    # The author sees no way to publish their own pledge.
    assert page.locator("button:has-text('Approuver et publier')").count() == 1
    page.click("button:has-text('Approuver et publier')")
    page.wait_for_selector("text=Une deuxième personne doit relire")
    detail_path = page.url.removeprefix(base)

    second = chromium.new_context(locale="es-ES", viewport={"width": 1366, "height": 900})
    reviewer = second.new_page()
    sign_in(reviewer, base, "reviewer", detail_path.replace("/fr/", "/es/"))
    reviewer.click("button:has-text('Aprobar y publicar')")
    reviewer.wait_for_selector("text=Hecho: Publicado")
    shoot(reviewer, artifacts_dir, "manage-detail")
    second.close()

    visitor = chromium.new_context(locale="fr-FR", viewport={"width": 1366, "height": 900}).new_page()
    visitor.goto(f"{base}/fr/data/", wait_until="networkidle")
    visitor.click("text=Suivi du Pacte mondial : engagements et examens")
    visitor.wait_for_selector("h1:has-text('Suivi du Pacte mondial')")
    assert visitor.locator(".big-figure").inner_text() == "1"
    visitor.wait_for_selector("#objective-chart[data-ready=true] svg")  # Vega-Lite, served by the app
    shoot(visitor, artifacts_dir, "dashboard")
    visitor.goto(f"{base}/fr/data/countries/MEX/", wait_until="networkidle")
    visitor.click("a.gcm-profile-link")
    visitor.wait_for_selector("h1:has-text('Mexique')")
    assert visitor.is_visible(f"text={public_id}")
    assert visitor.is_visible("text=Recrutement équitable des travailleurs migrants")
    shoot(visitor, artifacts_dir, "country-profile")
    visitor.click(f"text={public_id}")
    visitor.wait_for_selector("h1:has-text('Recrutement équitable')")
    shoot(visitor, artifacts_dir, "pledge")
    visitor.click("text=Engagements >> nth=0")
    visitor.wait_for_selector("h1:has-text('Engagements envers')")
    shoot(visitor, artifacts_dir, "pledges")
    visitor.goto(f"{base}/en/data/gcm/20/")
    assert visitor.is_visible("text=conformément à la cible 10.c")
    shoot(visitor, artifacts_dir, "objective-20")
    visitor.goto(f"{base}/es/data/gcm/reviews/")
    assert visitor.is_visible("text=Calendario de exámenes del Pacto Mundial")
    shoot(visitor, artifacts_dir, "reviews")
    visitor.context.close()
