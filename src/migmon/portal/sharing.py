"""What a shared chart carries with it: title, subtitle (areas, breakdown), source with its release date, the
data's licence and the page's address, for the exported PNG/SVG images and the embed code.

Licences are those the datasets' PROVENANCE files state: UN DESA's International Migrant Stock workbooks
("made available under a Creative Commons license CC BY 3.0 IGO"), IOM's Missing Migrants data (CC BY IGO,
attribute IOM Missing Migrants Project) and the UN SDG database (free to use with attribution).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from migmon.indicators.models import Indicator, Series

#: Dataset code prefix → licence of its data (see the module docstring and each data/*/PROVENANCE.md).
LICENCES = (
    ("undesa-", "CC BY 3.0 IGO"),
    ("migmon-missing-migrants", "CC BY IGO (IOM Missing Migrants Project)"),
    ("un-sdg-global-database", "UN SDG database: free to use with attribution"),
)


def licence_of(dataset_code: str) -> str:
    """The licence of a dataset's data, or an empty string when its provenance states none."""
    return next((licence for prefix, licence in LICENCES if dataset_code.startswith(prefix)), "")


def _source_line(releases: list[Any]) -> str:
    """``Source: organisation, dataset editions (release of date)``, one part per dataset name."""
    by_dataset: dict[tuple[str, str], list[Any]] = {}  # releases, as indicators.selectors gives them
    for release in releases:
        by_dataset.setdefault((release.dataset.source_organisation, release.dataset.name), []).append(release)
    parts = []
    for (organisation, name), items in by_dataset.items():
        editions = ", ".join(dict.fromkeys(release.edition for release in items if release.edition))
        latest = max(release.imported_at for release in items)
        parts.append(
            _("%(organisation)s, %(dataset)s (release of %(date)s)")
            % {
                "organisation": organisation,
                "dataset": f"{name} {editions}" if editions and editions not in name else name,
                "date": date_format(latest.date(), "DATE_FORMAT"),
            }
        )
    return _("Source: %(sources)s") % {"sources": "; ".join(parts)} if parts else ""


def embed_code(embed_url: str, title: str) -> str:
    """The ``<iframe>`` another site pastes to show the chart (plain text: the template escapes it)."""
    return (
        f'<iframe src="{escape(embed_url)}" title="{escape(title)}" width="100%" height="480" '
        'style="border:0" loading="lazy"></iframe>'
    )


def chart_credits(
    request: HttpRequest, series: Series, view: dict[str, Any], page_path: str, indicator: Indicator | None = None
) -> dict[str, Any]:
    """Title, subtitle lines, source, licence and URL of the chart the view shows (``page_path`` with its query)."""
    releases = sorted(view["releases"], key=lambda release: release.pk)
    areas = list(dict.fromkeys(row["area"] for row in view["chart_rows"]))
    subtitle = [", ".join(areas)] if areas else []
    breakdown = getattr(view["breakdown"], "label", "")
    if breakdown:
        subtitle.append(str(breakdown))
    licences = sorted({licence for release in releases if (licence := licence_of(release.dataset.code))})
    return {
        "title": f"{indicator.code} {series.name}" if indicator else series.name,
        "subtitle": subtitle,
        "source": _source_line(releases),
        "licence": _("Licence: %(licences)s") % {"licences": "; ".join(licences)} if licences else "",
        "url": request.build_absolute_uri(page_path),
    }
