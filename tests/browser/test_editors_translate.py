"""An editor translates a news release into English from the admin, in Chromium (issue 12, item 5): "Translate
this page", the translation editor in French (its heading and its publish button too), the English copy a draft
until the editor publishes it, then a visitor finds it on /en/news/ beside the other release marked "in French".
Screenshots at 1366 and 390 px go to the artifacts folder."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.users.models import UserProfile

from migmon.content.models import NewsPage
from migmon.core.groups import EDITORS, groups_ensure

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-tests"
TITLE_IN_ENGLISH = "IOM holds a regional workshop on migration and the Sustainable Development Goals in Panama"


@pytest.fixture
def editor(transactional_db):
    call_command("import_seeds", verbosity=0)
    groups_ensure()
    user = get_user_model().objects.create_user("traductrice", "traductrice@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="fr")
    return user


def shoot(page, artifacts_dir, name: str) -> None:
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts_dir / f"translate-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_an_editor_translates_a_release_and_a_visitor_reads_it_in_english(editor, live_server, page, artifacts_dir):
    base = live_server.url
    release = NewsPage.objects.get(place="Panama City")
    other = NewsPage.objects.exclude(pk=release.pk).get(locale__language_code="fr")
    page.set_default_timeout(60_000)  # the admin's scripts are heavy on a loaded machine

    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "traductrice")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    page.goto(f"{base}/admin/pages/{release.pk}/edit/")
    page.click("#w-slim-header-buttons button[aria-label='Actions']")  # the "…" menu beside the page title
    page.click("a:has-text('Traduire cette page')")
    page.wait_for_url(f"{base}/admin/localize/submit/page/{release.pk}/")
    page.get_by_label("Anglais").check()
    shoot(page, artifacts_dir, "submit")
    page.click("input[type=submit][value=Soumettre]")
    page.wait_for_url(f"{base}/admin/pages/*/edit/")

    english = NewsPage.objects.get(translation_key=release.translation_key, locale__language_code="en")
    assert not english.live  # a draft until published
    page.wait_for_selector("h3:has-text('Traduction : Français → Anglais')")  # not "Français to Anglais translation"
    assert "translation" not in page.inner_text(".js-translation-editor")
    page.locator("button:has-text('Traduire')").first.click()
    page.locator("textarea").first.fill(TITLE_IN_ENGLISH)
    page.locator("button:has-text('Enregistrer')").first.click()
    page.wait_for_selector(f"text={TITLE_IN_ENGLISH}")
    publish = page.locator("button:has-text('Publier en Anglais')")  # with its space: not "Publier dansAnglais"
    shoot(page, artifacts_dir, "editor")
    visitor = page.context.browser.new_page()
    visitor.goto(f"{base}/en/news/")
    assert TITLE_IN_ENGLISH not in visitor.content()  # saved strings publish nothing

    publish.click()
    page.wait_for_selector(".messages .success, .messages .warning")
    english.refresh_from_db()
    assert english.live and english.title == TITLE_IN_ENGLISH

    visitor.goto(f"{base}/en/news/")
    cards = visitor.locator("article.card")
    assert cards.filter(has_text=TITLE_IN_ENGLISH).locator(".lang-badge").count() == 0
    other_card = cards.filter(has_text=other.title)
    assert other_card.locator(".lang-badge").inner_text() == "in French"
    assert other_card.locator("h3").get_attribute("lang") == "fr"
    shoot(visitor, artifacts_dir, "visitor")
    visitor.click(f"a:has-text('{TITLE_IN_ENGLISH}')")
    visitor.wait_for_url(f"{base}/en/news/**")
    assert visitor.locator("h1").inner_text() == TITLE_IN_ENGLISH
    visitor.close()
