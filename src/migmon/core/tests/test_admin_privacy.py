"""Least privilege in the admin, tested as each role: data managers read no page titles (drafts included) and
no document or image; editors and administrators still choose among every page, document and image.

A page is given a draft under a new title and a new page stays unpublished: both titles are the admin titles
Wagtail shows in the page chooser, which every admin user could browse before :mod:`migmon.core.page_chooser`.
"""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from migmon.core import groups

pytestmark = pytest.mark.django_db
DRAFT_TITLES = ("Unpublished briefing on returns", "Retitled in a draft only")
FILE_TITLES = ("Internal memo document", "Internal chart image")


@pytest.fixture
def admin_content(db):
    """The seeded pages and groups, a new unpublished page, a live page's newer draft, a document and an image."""
    call_command("import_seeds", verbosity=0)
    call_command("ensure_groups", stdout=io.StringIO())
    home = apps.get_model("content", "HomePage").objects.get(locale__language_code="fr")
    news_page = apps.get_model("content", "NewsPage")
    unpublished = news_page(title=DRAFT_TITLES[0], slug="unpublished-briefing", live=False)
    home.add_child(instance=unpublished)
    unpublished.save_revision(log_action=True)
    retitled = news_page.objects.filter(live=True).first()
    retitled.title = DRAFT_TITLES[1]
    retitled.save_revision(log_action=True)
    get_document_model().objects.create(title=FILE_TITLES[0], file=ContentFile(b"memo", name="memo.txt"))
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(picture, format="PNG")
    get_image_model().objects.create(title=FILE_TITLES[1], file=ImageFile(picture, name="chart.png"))
    return home, retitled.get_parent()


def _signed_in(client, group: str):
    user = get_user_model().objects.create_user(username=f"user-{group}", password="unused-in-this-test")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def _admin_pages(home, section) -> list[str]:
    return [
        "/admin/",
        "/admin/choose-page/",
        f"/admin/choose-page/{home.pk}/",
        f"/admin/choose-page/{section.pk}/",
        "/admin/choose-page/search/?q=briefing",
        "/admin/choose-page/search/?q=Retitled",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        "/admin/pages/search/?q=briefing",
        f"/admin/api/main/pages/?child_of={home.pk}&for_explorer=1",
        "/admin/api/main/pages/?search=briefing",
        "/admin/reports/site-history/",
        "/admin/documents/",
        "/admin/documents/chooser/",
        "/admin/images/",
        "/admin/images/chooser/",
    ]


def test_data_managers_read_no_page_title_document_or_image(client, admin_content):
    manager = _signed_in(client, groups.DATA_MANAGERS)
    for url in _admin_pages(*admin_content):
        body = manager.get(url, follow=True).content.decode()
        for title in DRAFT_TITLES + FILE_TITLES:
            assert title not in body, (url, title)
    chooser = manager.get(f"/admin/choose-page/{admin_content[0].pk}/")
    assert chooser.status_code == 200  # the chooser opens, empty: nothing to choose, nothing to read


@pytest.mark.parametrize("group", [groups.EDITORS, groups.ADMINISTRATORS])
def test_editors_and_administrators_still_choose_every_page_document_and_image(client, admin_content, group):
    editor = _signed_in(client, group)
    home, section = admin_content
    assert DRAFT_TITLES[0] in editor.get(f"/admin/choose-page/{home.pk}/").content.decode()
    assert DRAFT_TITLES[1] in editor.get(f"/admin/choose-page/{section.pk}/").content.decode()
    assert DRAFT_TITLES[0] in editor.get("/admin/choose-page/search/?q=briefing").content.decode()
    assert FILE_TITLES[0] in editor.get("/admin/documents/chooser/").content.decode()
    assert FILE_TITLES[1] in editor.get("/admin/images/chooser/").content.decode()
