"""The PDF profile is printed with the print stylesheet under the production (manifest) static storage.

Under ``ManifestStaticFilesStorage`` the fetcher once asked the manifest for ``""``, failed on every stylesheet
and WeasyPrint printed the page unstyled, site menu, search box and footer included. The stylesheets hide that
chrome in print, so its links (the footer's editors' sign-in, the search page) are absent from a styled PDF.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from migmon.content.models.news import NewsPage
from migmon.core import pdf as pdf_module
from migmon.core.tests.pdf_reading import pdf_text

MANIFEST_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


@pytest.fixture
def manifest_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


@pytest.mark.django_db
def test_pdf_profile_uses_the_print_stylesheets_and_prints_no_navigation(client, sample, manifest_static, monkeypatch):
    fetched: list[str] = []
    original_fetch = pdf_module.StaticOnlyFetcher.fetch

    def recording_fetch(self, url, headers=None):
        response = original_fetch(self, url, headers)
        fetched.append(url)
        return response

    monkeypatch.setattr(pdf_module.StaticOnlyFetcher, "fetch", recording_fetch)
    response = client.get("/en/data/countries/MLT/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    stylesheets = [url.rsplit("/", 1)[-1] for url in fetched if url.endswith(".css")]
    assert any(re.fullmatch(r"site\.[0-9a-f]{12}\.css", name) for name in stylesheets), fetched
    assert any(re.fullmatch(r"portal\.[0-9a-f]{12}\.css", name) for name in stylesheets), fetched
    text = pdf_text(response.content)
    assert b"/URI" in text  # the profile's own links are there to read…
    assert b"/admin/" not in text and b"/en/search/" not in text  # …the footer and header are not


@pytest.mark.django_db
def test_a_profile_pdf_is_printed_once_until_a_page_is_published(client, sample, settings, tmp_path, monkeypatch):
    """The second download comes from the cache (WeasyPrint not called); publishing a news page tagged with the
    country prints anew, with the news item in it."""
    settings.MIGMON_PDF_SLOTS_DIR = tmp_path / "slots"
    printed: list[str] = []
    original = pdf_module.html_to_pdf

    def counting(html, *, base_url):
        printed.append(html)
        return original(html, base_url=base_url)

    monkeypatch.setattr(pdf_module, "html_to_pdf", counting)
    first = client.get("/en/data/countries/MLT/pdf/")
    second = client.get("/en/data/countries/MLT/pdf/")
    assert first.status_code == second.status_code == 200 and len(printed) == 1
    assert second.content == first.content and second["Content-Disposition"].endswith('migmon-MLT-en.pdf"')
    assert client.get("/fr/data/countries/MLT/pdf/").status_code == 200 and len(printed) == 2  # its own language

    news = NewsPage(
        title="Rescue at sea off Malta", slug="rescue-malta", locale=Locale.objects.get_or_create(language_code="en")[0]
    )
    Page.get_first_root_node().add_child(instance=news)
    news.tags.add("MLT")
    news.save_revision().publish()
    third = client.get("/en/data/countries/MLT/pdf/")
    assert len(printed) == 3 and "Rescue at sea off Malta" in printed[-1]
    assert third.content.startswith(b"%PDF") and third.content != first.content
