"""Foresight pages (fr/en/es): the sets, a set with its notice, a scenario, dashboards, and one signpost's chart.

Pages only shape what :mod:`migmon.foresight.selectors` answers; every state on a dashboard links to the
signpost page that shows the figures deciding it.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from migmon.core.pdf_answers import pdf_answer
from migmon.foresight import selectors
from migmon.foresight.choices import State
from migmon.foresight.rows import chart_data, history_rows, state_rows
from migmon.foresight.text import active_language, localized
from migmon.geo.models import AreaKind
from migmon.geo.selectors import area_by_code


def index(request: HttpRequest) -> HttpResponse:
    found = selectors.states(selectors.signposts())
    areas = {s.subject.area.pk: s.subject.area for s in found if s.subject.area is not None}
    areas |= {s.signpost.region.pk: s.signpost.region for s in found if s.signpost.region is not None}
    ordered = sorted(areas.values(), key=lambda a: (a.kind == AreaKind.COUNTRY, a.name))
    context = {"sets": selectors.scenario_sets(), "areas": ordered}
    return render(request, "foresight/index.html", context)


def _set_or_404(slug: str) -> Any:
    found = selectors.scenario_set(slug)
    if found is None:
        raise Http404("no such scenario set")
    return found


def _with_signals(drivers: list[Any]) -> list[Any]:
    """Each driver with the approved signals linked to it (``approved_signals``), for the set page's table."""
    found = selectors.signals_of_drivers(drivers)
    for driver in drivers:
        driver.approved_signals = found.get(driver.pk, [])
    return drivers


def set_page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "foresight/set.html", _set_context(_set_or_404(slug)))


def set_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The set, its scenarios (with their narratives), drivers and every signpost's state, printed by WeasyPrint
    with the print stylesheet: one document to take into a workshop or send to a ministry. Cached while
    :func:`selectors.set_version` holds and printed a few at a time (:mod:`migmon.core.pdf_answers`)."""
    scenario_set = _set_or_404(slug)

    def print_pdf() -> bytes:
        from migmon.core.pdf import html_to_pdf  # WeasyPrint takes time to import; only PDFs need it

        context = _set_context(scenario_set) | {"for_pdf": True}
        context["rows"] = state_rows(context.pop("found"))
        html = render(request, "foresight/set.html", context).content.decode()
        return html_to_pdf(html, base_url=request.build_absolute_uri("/"))

    filename = f"migmon-{scenario_set.slug}-{active_language()}.pdf"
    return pdf_answer(request, version=selectors.set_version(scenario_set), filename=filename, print_pdf=print_pdf)


def _set_context(scenario_set: Any) -> dict[str, Any]:
    found = selectors.states(selectors.signposts(scenario_set=scenario_set))
    scenarios = list(scenario_set.scenarios.all())
    context = {
        "set": scenario_set,
        "scenarios": scenarios,
        "tallies": selectors.tallies(scenarios, found),
        "drivers": _with_signals(list(scenario_set.drivers.all())),
        "publication": scenario_set.publication_page.localized if scenario_set.publication_page else None,
        "texts": {name: localized(scenario_set, name) for name in ("focal_question", "approach", "notice")},
        "found": found,
    }
    return context


def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    scenario_set = _set_or_404(slug)
    found = selectors.states(selectors.signposts(scenario_set=scenario_set))
    scenarios = list(scenario_set.scenarios.all())
    context = {
        "set": scenario_set,
        "tallies": selectors.tallies(scenarios, found),
        "rows": state_rows(found),
        "notice": localized(scenario_set, "notice"),
    }
    return render(request, "foresight/dashboard.html", context)


def scenario_page(request: HttpRequest, slug: str, scenario: str) -> HttpResponse:
    found = selectors.scenario(slug, scenario)
    if found is None:
        raise Http404("no such scenario")
    states = selectors.states(selectors.signposts(scenario=found))
    context = {
        "set": found.scenario_set,
        "scenario": found,
        "premise": localized(found, "premise"),
        "narrative": localized(found, "narrative"),
        "assumptions": [(a, localized(a, "statement")) for a in found.assumptions.all()],
        "rows": state_rows(states),
        "notice": localized(found.scenario_set, "notice"),
    }
    return render(request, "foresight/scenario.html", context)


def area_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    area = area_by_code(code)
    if area is None:
        raise Http404("no such area")
    found = selectors.states_for_area(area)
    context = {"area": area, "rows": state_rows(found), "is_region": area.kind != AreaKind.COUNTRY}
    return render(request, "foresight/area.html", context)


def signpost_page(request: HttpRequest, pk: int, subject: str) -> HttpResponse:
    item = selectors.signpost(pk)
    if item is None:
        raise Http404("no such signpost")
    found = [s for s in selectors.states([item]) if s.subject.code == subject]
    if not found:
        raise Http404("no such subject for this signpost")
    state = found[0]
    context = {
        "item": item,
        "state": state,
        "row": state_rows([state])[0],
        "set": item.scenario.scenario_set,
        "chart": chart_data(state, target=selectors.target_for(state)),
        "years": history_rows(selectors.year_history(item, subject)),
        "releases": list(selectors.release_history(item, subject)),
        "states": State,
    }
    return render(request, "foresight/signpost.html", context)
