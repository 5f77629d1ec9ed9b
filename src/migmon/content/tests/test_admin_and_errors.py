"""Editors can open every page type in the admin; broken seeds are refused whole; the 500 page stands alone."""

from __future__ import annotations

import shutil

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from wagtail.models import Page

from migmon.content.models import HomePage, NewsPage
from migmon.content.seeding.parse import SeedFormatError

pytestmark = pytest.mark.django_db


def test_every_imported_page_type_opens_in_the_admin_editor(client, seeded, django_user_model):
    admin = django_user_model.objects.create_superuser("editor-in-chief", "chief@example.org", "a-long-test-password")
    client.force_login(admin)
    seen = set()
    for page in Page.objects.filter(depth__gt=1).specific():
        if type(page) in seen:
            continue
        seen.add(type(page))
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, type(page).__name__
    assert len(seen) == 8  # home, section, news index, news, event index, event, publication, timeline
    assert client.get("/admin/snippets/content/eventseries/").status_code == 200


def test_a_broken_seed_is_refused_and_nothing_is_written(tmp_path, seed_dir, db):
    for path in seed_dir.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    timeline = next(tmp_path.glob("004_*.txt"))
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("\n2000\n", "\nAn 2000\n"), encoding="utf-8")
    pages_before = Page.objects.count()
    with pytest.raises(SeedFormatError, match="timeline text before the first year"):
        call_command("import_seeds", seed_dir=tmp_path, verbosity=0)
    assert Page.objects.count() == pages_before
    assert not HomePage.objects.exists() and not NewsPage.objects.exists()


def test_a_seed_folder_with_a_single_file_cannot_tell_the_menu_apart(tmp_path, seed_dir, db):
    shutil.copy(next(seed_dir.glob("003_*.txt")), tmp_path)
    with pytest.raises(SeedFormatError, match="at least two seed files"):
        call_command("import_seeds", seed_dir=tmp_path, verbosity=0)


def test_server_error_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Erreur du serveur" in html and 'lang="en"' in html and "/static/migmon/css/site.css" in html
