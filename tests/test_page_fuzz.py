"""No query string a visitor can type makes a public page or the API answer a server error (issue 16, item 3).

Hypothesis builds query strings for every public search and filter form: the site search, the Missing Migrants
register, the series page (chart, embed and download), the indicator page, the country and region profiles, the
GCM pledge list, the foresight signals and trends, and the news and events listings. Each string mixes the
form's own parameters with real values (taken from the loaded data), malformed ones (superscript digits, which
``str.isdigit`` accepts and ``int`` refuses, years out of range, huge numbers, markup, control characters) and
unknown names. Every answer must be below 500; an API answer that is not a success must be JSON. The API's
GET operations and parameters are read from its own OpenAPI document, so a new endpoint is fuzzed too (the
schemathesis test beside the API checks the documented shapes; this one throws malformed values at them).

The data is the bundled one: geography, framework, SDG 10.7.3 (Open SDG), IOM's three exports, the seed pages
and the 2017 scenario set, loaded once for the module and rolled back after it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from migmon.core.answer_store import STORE

pytestmark = pytest.mark.django_db

SDG_10_7_3 = "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv"
LANGUAGES = ("fr", "en", "es")
EXAMPLES = 30

#: Values that break naive parsing: digits ``int`` refuses, years out of range, reversed ranges, markup…
TRICKY = [
    "", " ", "0", "-1", "00", "²", "²⁰²⁴", "١٢", "٢٠١٩", "①", "2019-2021", "2021-2019", "2019-", "-2019", "-",
    "9" * 30, "1e3", "nan", "inf", "2019.5", " 2019 ", "0x10", "%", "%%", "'", '"', "<script>alert(1)</script>",
    "../../etc/passwd", "\u202e", "\t", "\n", "\x00", "null", "[]", "{}", "true", "1900", "2100", "99999",
    "|", "||", "a|b", "=", "by_", "by_sex", "SEX=F", "sex=", "zz", "ZZZ", "999", "001", "chart", "map", "table",
    "csv", "json", "sdmx-csv", "sdmx-ml", "geojson", "xlsx", "share", "count",
]  # fmt: skip
#: The values every parameter of every form is tried with, one at a time (the generated mixtures come after).
NASTY = ["²", "²⁰²⁴", "١٢", "-1", "9" * 30, "2021-2019", "1e3", "<script>alert(1)</script>", "\u202e", "%", ""]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)


@dataclass(frozen=True)
class Form:
    """A public page with a GET form: where it answers and which parameters it reads."""

    name: str
    paths: tuple[str, ...]
    parameters: tuple[str, ...]
    real: tuple[str, ...] = ()


def value_strategy(real: tuple[str, ...]) -> st.SearchStrategy[str]:
    choices = [st.sampled_from(TRICKY), TEXT, st.integers(-(10**12), 10**12).map(str)]
    if real:
        choices.insert(0, st.sampled_from(real))
    return st.one_of(*choices)


def query_strategy(parameters: tuple[str, ...], real: tuple[str, ...]) -> st.SearchStrategy[list[tuple[str, str]]]:
    names = st.one_of(st.sampled_from(parameters), st.sampled_from(("unknown", "page", "format", "")), TEXT)
    return st.lists(st.tuples(names, value_strategy(real)), max_size=6)


@pytest.fixture(scope="module")
def bundled(django_db_setup, django_db_blocker, data_dir) -> Iterator[dict[str, tuple[str, ...]]]:
    """Load the bundled data once; hand back the real values the forms offer."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        for command in ("load_geography", "load_framework"):
            call_command(command, stdout=out, stderr=out)
        call_command("import_data", str(data_dir / SDG_10_7_3), stdout=out, stderr=out)
        for command in ("import_bundled_incidents", "import_seeds", "seed_foresight"):
            call_command(command, stdout=out, stderr=out)
        yield real_values()
        transaction.set_rollback(True)


def real_values() -> dict[str, tuple[str, ...]]:
    from migmon.content.models import EventIndexPage, NewsIndexPage, TimelinePage
    from migmon.incidents.models import Incident
    from migmon.indicators.models import Observation, Series

    series = tuple(Series.objects.filter(observations__isnull=False).distinct().values_list("code", flat=True))
    indicators = tuple(
        Series.objects.filter(code__in=series).values_list("indicators__code", flat=True).distinct()
    )  # fmt: skip
    areas = tuple(Observation.objects.values_list("area__code", flat=True).distinct()[:20])
    iso3 = tuple(
        Observation.objects.filter(area__iso3__isnull=False).values_list("area__iso3", flat=True).distinct()[:10]
    )
    incidents = Incident.objects.all()
    listings = [
        page.url for model in (NewsIndexPage, EventIndexPage, TimelinePage) for page in model.objects.live()
    ]  # fmt: skip
    assert series and indicators and areas and iso3 and incidents.exists() and listings
    return {
        "series": series,
        "indicators": indicators,
        "areas": areas + iso3,
        "iso3": iso3,
        "regions": tuple(incidents.values_list("region", flat=True).distinct()),
        "routes": tuple(incidents.exclude(route="").values_list("route", flat=True).distinct()),
        "causes": tuple(incidents.exclude(cause="").values_list("cause", flat=True).distinct()),
        "listings": tuple(url for url in listings if url),
    }


@pytest.fixture
def client(bundled, settings) -> Iterator[Client]:
    settings.MIGMON_API_RATE_LIMIT = "0"
    cache.clear()
    STORE.clear()
    yield Client(raise_request_exception=False)
    cache.clear()
    STORE.clear()


def forms(real: dict[str, tuple[str, ...]]) -> list[Form]:
    series, indicator, iso3 = real["series"][0], real["indicators"][0], real["iso3"][0]
    words = ("migrants", "Méditerranée", "Allemagne", "remesas", "Germany", *real["regions"][:3])
    register = real["regions"] + real["routes"] + real["causes"]
    return [
        Form("search", tuple(f"/{lang}/search/" for lang in LANGUAGES), ("q", "page"), words),
        Form(
            "register",
            tuple(f"/{lang}/missing-migrants/" for lang in LANGUAGES),
            ("year", "region", "route", "cause", "origin", "start", "end"),
            register + ("2014", "2019-2021", "2026"),
        ),
        Form(
            "series",
            tuple(
                f"/{lang}/data/series/{code}/{tail}"
                for lang in LANGUAGES
                for code in real["series"][:2]
                for tail in ("", "embed/", "download/")
            ),
            ("tab", "area", "year", "breakdown", "start", "end", "map", "format", "what"),
            real["areas"] + ("2019", "2024", "by_SEX", "SEX=F"),
        ),  # fmt: skip
        Form("indicator", tuple(f"/{lang}/data/indicators/{indicator}/" for lang in LANGUAGES), ("series",), series),
        Form(
            "profiles",
            tuple(
                f"/{lang}/data/{kind}/"
                for lang in LANGUAGES
                for kind in (f"countries/{iso3}", "regions/150", f"countries/{iso3}/gcm", "regions/150/gcm")
            ),
            ("series", "year", "area"),
            real["areas"],
        ),  # fmt: skip
        Form(
            "pledges",
            tuple(f"/{lang}/data/gcm/pledges/" for lang in LANGUAGES),
            ("status", "type", "objective", "page"),
            ("1", "23", "24", "submitted", "implemented", "financial"),
        ),
        Form(
            "signals",
            tuple(f"/{lang}/foresight/{what}/" for lang in LANGUAGES for what in ("signals", "trends")),
            ("trend", "category", "location", "keyword", "page"),
            ("social", "technological", "economic", *real["iso3"]),
        ),
        Form("listings", real["listings"], ("tag", "year", "page"), ("2024", "2025", "migration")),
    ]


FORM_NAMES = ("search", "register", "series", "indicator", "profiles", "pledges", "signals", "listings")


@pytest.mark.parametrize("form_name", FORM_NAMES)
def test_no_form_query_makes_a_server_error(client, bundled, form_name):
    form = next(form for form in forms(bundled) if form.name == form_name)

    @given(path=st.sampled_from(form.paths), query=query_strategy(form.parameters, form.real))
    @hypothesis_settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def no_server_error(path: str, query: list[tuple[str, str]]) -> None:
        url = f"{path}?{urlencode(query)}" if query else path
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"

    no_server_error()


@pytest.mark.parametrize("form_name", FORM_NAMES)
def test_each_parameter_alone_with_each_nasty_value(client, bundled, form_name):
    form = next(form for form in forms(bundled) if form.name == form_name)
    failures = []
    for parameter in form.parameters:
        for value in NASTY:
            url = f"{form.paths[0]}?{urlencode({parameter: value})}"
            status = client.get(url).status_code
            if status >= 500:
                failures.append(f"{url} answered {status}")
    assert not failures, failures


def api_operations(client: Client) -> list[tuple[str, tuple[str, ...]]]:
    """Every GET operation of /api/v1 with a path we can fill, and its query parameters (from its OpenAPI)."""
    document = client.get("/api/v1/openapi.json").json()
    operations = []
    for path, methods in document["paths"].items():
        if "get" not in methods:
            continue
        parameters = tuple(p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "query")
        operations.append((path, parameters))
    assert len(operations) >= 10, operations
    return operations


def test_no_api_query_makes_a_server_error_and_refusals_are_json(client, bundled):
    operations = api_operations(client)
    filled = {"code": bundled["series"][0], "iso3": bundled["iso3"][0], "area": bundled["areas"][0]}
    real = bundled["series"] + bundled["areas"] + bundled["regions"] + ("2019", "csv", "json", "geojson")

    def fill(path: str, segment: str | None) -> str:
        """Path parameters get a real value (``segment`` None) or the generated segment."""
        while "{" in path:
            start, end = path.index("{"), path.index("}")
            name = path[start + 1 : end]
            value = filled.get(name, bundled["series"][0]) if segment is None else segment
            path = path[:start] + (quote(value, safe="") or "x") + path[end + 1 :]
        return path

    @given(
        operation=st.sampled_from(operations),
        segment=st.one_of(st.just("real"), st.sampled_from(TRICKY), TEXT),
        extra=st.lists(st.tuples(st.one_of(st.sampled_from(("format", "page", "limit", "offset")), TEXT),
                                 value_strategy(real)), max_size=3),
        data=st.data(),
    )  # fmt: skip
    @hypothesis_settings(
        max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def no_server_error(operation, segment, extra, data) -> None:
        template, parameters = operation
        path = fill(template, None if segment == "real" else segment)
        query = data.draw(query_strategy(parameters, real)) if parameters else []
        url = f"{path}?{urlencode(query + extra)}"
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json"), f"{url}: {response['Content-Type']}"

    no_server_error()


def test_no_path_segment_makes_a_server_error(client, bundled):
    """Codes in page addresses (series, indicator, country, region, incident, goal…) are looked up, never trusted."""
    templates = [
        "/{lang}/data/series/{x}/", "/{lang}/data/series/{x}/embed/", "/{lang}/data/series/{x}/download/",
        "/{lang}/data/indicators/{x}/", "/{lang}/data/countries/{x}/", "/{lang}/data/countries/{x}/pdf/",
        "/{lang}/data/regions/{x}/", "/{lang}/data/countries/{x}/gcm/", "/{lang}/missing-migrants/incident/{x}/",
        "/{lang}/progress/areas/{x}/", "/{lang}/progress/indicators/{x}/", "/{lang}/progress/series/{x}/",
        "/{lang}/foresight/areas/{x}/", "/{lang}/foresight/sets/{x}/", "/{lang}/foresight/workshops/{x}/",
        "/{lang}/data/gcm/pledges/{x}/", "/{lang}/{x}/",
    ]  # fmt: skip
    segments = st.one_of(st.sampled_from(TRICKY + list(bundled["iso3"]) + list(bundled["series"])), TEXT)

    @given(template=st.sampled_from(templates), lang=st.sampled_from(LANGUAGES), segment=segments)
    @hypothesis_settings(
        max_examples=EXAMPLES * 3, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def no_server_error(template: str, lang: str, segment: str) -> None:
        url = template.format(lang=lang, x=quote(segment, safe="") or "x")
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"

    no_server_error()


def test_the_fuzzer_sees_real_pages(client, bundled):
    """The forms' addresses answer 200 as they are, so a fuzzed 404 is about the query, not a wrong path."""
    for form in forms(bundled):
        for path in form.paths[:3]:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
    assert settings.DEBUG is False
