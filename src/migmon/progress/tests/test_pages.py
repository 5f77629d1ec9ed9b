"""The progress pages in French, English and Spanish: worked examples A and B, a country page, the status table."""

from __future__ import annotations

import re

import pytest

A_AND_B = {
    "fr": ("Détérioration", "-14,0544", "Sur la bonne voie", "5,0045"),
    "en": ("Deterioration", "-14.0544", "On track", "5.0045"),
    "es": ("Deterioro", "-14,0544", "Bien encaminado", "5,0045"),
}


def _row(html: str, row_id: str) -> str:
    match = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S)
    assert match, row_id
    return match.group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_method_page_shows_examples_a_and_b_in_each_language(client, language):
    html = client.get(f"/{language}/progress/method/").content.decode()
    a_status, a_ratio, b_status, b_ratio = A_AND_B[language]
    row_a, row_b = _row(html, "example-1"), _row(html, "example-2")
    assert a_status in row_a and a_ratio in row_a
    assert b_status in row_b and b_ratio in row_b
    assert 'class="chip-icon" aria-hidden="true">✗' in row_a  # an icon beside the words, not colour alone
    mean = re.search(r'<p id="mean-example">(.*?)</p>', html, re.S).group(1)
    assert ("1,325" if language != "en" else "1.325") in mean


def test_country_page_in_three_languages(client, progress_data):
    labels = {"fr": ("Progrès vers 2030", "Détérioration"), "en": ("Progress toward 2030", "Deterioration")}
    labels["es"] = ("Progreso hacia 2030", "Deterioro")
    for language, (title, deterioration) in labels.items():
        response = client.get(f"/{language}/progress/areas/ARM/")
        assert response.status_code == 200
        html = response.content.decode()
        assert title in html
        indicator_row = re.search(r'<tr class="row-indicator"><th scope="row"><a href="#i-10-c-1">.*?</tr>', html, re.S)
        assert indicator_row and deterioration in indicator_row.group(0)
        assert 'data-chart="si-rmt-cost-value"' in html  # the 10.c.1 chart with its target line and projection
    assert client.get("/en/progress/areas/XXX/").status_code == 404


def test_indicator_progress_table_and_links(client, progress_data):
    html = client.get("/en/progress/indicators/10.c.1/").content.decode()
    azerbaijan = re.search(r'<a href="/en/progress/areas/AZE/">Azerbaijan</a>.*?</tr>', html, re.S)
    assert azerbaijan and "Target achieved" in azerbaijan.group(0)
    assert 'id="progress-map-data"' in html
    series = client.get("/fr/progress/series/SI_RMT_COST_BC/").content.decode()
    assert "Australie" in series
    assert 'href="/fr/progress/indicators/10.c.1/"' in client.get("/fr/data/indicators/10.c.1/").content.decode()
    profile = client.get("/fr/data/countries/ARM/").content.decode()
    assert 'href="/fr/progress/areas/ARM/"' in profile
    summary = re.search(r'<section class="profile-section progress" id="progress">(.*?)</section>', profile, re.S)
    assert summary and "10.c.1" in summary.group(1) and "Détérioration" in summary.group(1)
    objective = client.get("/en/data/gcm/20/").content.decode()
    assert 'id="objective-progress-title"' in objective and "countries with a status" in objective
    index = client.get("/es/progress/").content.decode()
    assert 'href="/es/progress/areas/ARM/"' in index and "Mundo" in index


def test_a_changed_target_shows_at_once_on_the_cached_profile(client, progress_data):
    from migmon.progress.models import ProgressTarget

    def summary() -> str:
        profile = client.get("/en/data/countries/ARM/").content.decode()
        section = re.search(r'<section class="profile-section progress" id="progress">(.*?)</section>', profile, re.S)
        assert section
        return section.group(1)

    assert "Deterioration" in summary()  # 1.48 % → 5.64 %, against a target of 3 %
    assert "Deterioration" in summary()  # now served from the page cache
    target = ProgressTarget.objects.get(series__code="SI_RMT_COST", disaggregation="")
    target.target_value = 10.0  # a data manager's new target: 5.64 % is on its right side
    target.save()
    assert "Target achieved" in summary()


def _progress_panel(html: str) -> str:
    match = re.search(
        r'<section class="panel progress" id="panel-progress"(.*?)</section>\s*'
        r'<section class="panel" id="panel-sources"',
        html,
        re.S,
    )
    assert match, "no progress tab panel"
    return match.group(1)


@pytest.mark.parametrize(
    ("language", "tab_label", "achieved"),
    [
        ("fr", "Progrès vers 2030", "Cible atteinte"),
        ("en", "Progress toward 2030", "Target achieved"),
        ("es", "Progreso hacia 2030", "Objetivo alcanzado"),
    ],
)
def test_indicator_and_series_pages_have_a_progress_tab(client, progress_data, language, tab_label, achieved):
    """Issue 13 item 4: the statuses across countries are a tab of the data page, beside chart, map and table,
    and the tab shows the same rows as the progress page of that indicator or series."""
    html = client.get(f"/{language}/data/indicators/10.c.1/?tab=progress").content.decode()
    tab = re.search(r'<a role="tab" id="tab-progress"[^>]*aria-selected="(\w+)"[^>]*>\s*(.*?)\s*</a>', html, re.S)
    assert tab and tab.group(1) == "true" and tab.group(2) == tab_label
    panel = _progress_panel(html)
    assert " hidden" not in panel.split(">", 1)[0]
    azerbaijan = re.search(rf'<a href="/{language}/progress/areas/AZE/">[^<]+</a>.*?</tr>', panel, re.S)
    assert azerbaijan and achieved in azerbaijan.group(0)
    assert 'id="progress-map-data"' in panel and f'href="/{language}/progress/indicators/10.c.1/"' in panel
    page = client.get(f"/{language}/progress/indicators/10.c.1/").content.decode()
    countries = re.compile(r'<a href="/\w\w/progress/areas/(\w+)/">')
    assert countries.findall(panel) == countries.findall(page) != []

    series = client.get(f"/{language}/data/series/SI_RMT_COST_BC/").content.decode()
    assert 'id="tab-progress"' in series
    series_panel = _progress_panel(series)
    assert " hidden" in series_panel.split(">", 1)[0]  # the chart is the default tab
    series_page = client.get(f"/{language}/progress/series/SI_RMT_COST_BC/").content.decode()
    assert countries.findall(series_panel) == countries.findall(series_page) != []
