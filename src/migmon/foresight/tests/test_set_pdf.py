"""A scenario set with its dashboard as a PDF (issue 14 item 7): printed with the print stylesheets, every
signpost state linking to the chart that decides it, no site navigation; unpublished sets give no PDF."""

from __future__ import annotations

import pytest

from migmon.core import pdf as pdf_module
from migmon.core.tests.pdf_reading import pdf_text
from migmon.foresight.models import ScenarioSet
from migmon.foresight.tests.factories import signpost


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_set_and_its_dashboard_print_as_pdf(deaths_data, client, monkeypatch, language):
    item = signpost(areas=("GRC", "ESP"))
    fetched: list[str] = []
    original = pdf_module.StaticOnlyFetcher.fetch

    def recording(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf_module.StaticOnlyFetcher, "fetch", recording)
    page = client.get(f"/{language}/foresight/sets/tomorrows-world-2030/").content.decode()
    assert f'href="/{language}/foresight/sets/tomorrows-world-2030/pdf/"' in page

    response = client.get(f"/{language}/foresight/sets/tomorrows-world-2030/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="migmon-tomorrows-world-2030-{language}.pdf"'
    assert {"site.css", "foresight.css"} <= {url.rsplit("/", 1)[-1] for url in fetched}
    text = pdf_text(response.content)
    for code in ("GRC", "ESP"):  # the dashboard's states, each linked to its chart
        assert f"/{language}/foresight/signposts/{item.pk}/{code}/".encode() in text
    assert b"/admin/" not in text and f"/{language}/search/".encode() not in text


def test_an_unpublished_set_has_no_pdf(deaths_data, client):
    signpost(areas=("GRC",))
    ScenarioSet.objects.update(live=False)
    assert client.get("/en/foresight/sets/tomorrows-world-2030/pdf/").status_code == 404


def test_the_set_pdf_is_printed_once_until_the_set_changes(deaths_data, client, monkeypatch, settings, tmp_path):
    """A second download comes from the cache (WeasyPrint not called); an edited scenario prints anew."""
    settings.MIGMON_PDF_SLOTS_DIR = tmp_path / "slots"
    signpost(areas=("GRC",))
    printed: list[str] = []
    original = pdf_module.html_to_pdf

    def counting(html, *, base_url):
        printed.append(html)
        return original(html, base_url=base_url)

    monkeypatch.setattr(pdf_module, "html_to_pdf", counting)
    url = "/en/foresight/sets/tomorrows-world-2030/pdf/"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200 and second.content == first.content
    assert len(printed) == 1

    scenario = ScenarioSet.objects.get(slug="tomorrows-world-2030").scenarios.first()
    scenario.name_en = "A world rewritten"
    scenario.save()
    assert client.get(url).status_code == 200 and len(printed) == 2 and "A world rewritten" in printed[-1]
