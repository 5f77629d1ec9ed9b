"""Pages of the register: the public map, totals and methodology; the data managers' editorial screens.

Public views read through :mod:`migmon.incidents.selectors` (published incidents only). Management views need
a login and a model permission each (see :func:`permission`); every change goes through
:mod:`migmon.incidents.services`, which also enforces the four-eyes rule.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from migmon.incidents import selectors, services
from migmon.incidents.duplicates import duplicates_of, possible_duplicates
from migmon.incidents.forms import IncidentForm
from migmon.incidents.locations import FAR_KM, is_far, looks_swapped
from migmon.incidents.models import Incident, Status
from migmon.incidents.selectors import BadFilter, IncidentFilters
from migmon.incidents.vocabulary import category_label

View = Callable[..., HttpResponse]


def permission(perm: str) -> Callable[[View], View]:
    """Anonymous visitors go to the login page; signed-in users without ``perm`` get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# ------------------------------------------------------------------------------------------------ public


def incidents_map(request: HttpRequest) -> HttpResponse:
    """The map, filters, totals panel, charts and the CSV link — all for the same filtered set."""
    try:
        filters = IncidentFilters.from_query(request.GET)
    except BadFilter:
        filters = IncidentFilters()
    query = urlencode(filters.as_query())
    context = {
        "filters": filters,
        "choices": selectors.filter_choices(),
        "summary": selectors.summary(filters),
        "by_year": _with_completeness(selectors.totals(filters, "year")),
        "by_region": _labelled(selectors.totals(filters, "region")),
        "by_route": _labelled(selectors.totals(filters, "route")),
        "by_cause": _labelled(selectors.totals(filters, "cause")),
        "query": query,
        "csv_url": f"/api/v1/incidents?{urlencode([*filters.as_query(), ('format', 'csv')])}",
        "geojson_url": f"/api/v1/incidents?{urlencode([*filters.as_query(), ('format', 'geojson')])}",
    }
    return render(request, "incidents/map.html", context)


def _labelled(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Totals rows with ``label``: IOM's English category in the page's language (the chart's axis)."""
    return [{**row, "label": category_label(row["key"])} for row in rows]


def _with_completeness(by_year: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The yearly totals, each year still being recorded marked ``provisional`` with the date of its data."""
    provisional = selectors.provisional_years()
    for row in by_year:
        status = provisional.get(row["key"]) if isinstance(row["key"], int) else None
        row["provisional"] = status is not None
        row["as_of"] = status.as_of.isoformat() if status else None
        row["status"] = (
            _("provisional, data as of %(date)s") % {"date": date_format(status.as_of, "DATE_FORMAT")} if status else ""
        )
    return by_year


def methodology(request: HttpRequest) -> HttpResponse:
    return render(request, "incidents/methodology.html", {"imports": selectors.imports_by_export_date()})


def incident_public(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = selectors.public_incident(incident_id)
    if incident is None:
        raise Http404(incident_id)
    return render(request, "incidents/incident.html", {"incident": incident})


# ------------------------------------------------------------------------------------------------ manage


def _incident_or_404(pk: int) -> Incident:
    incident = selectors.incident_for_managers(pk)
    if incident is None:
        raise Http404(pk)
    return incident


@permission("incidents.view_incident")
def manage_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Status.REVIEW)
    search = request.GET.get("q", "").strip()
    far = request.GET.get("far") == "1"
    incidents = selectors.incidents_for_managers(status=status, search=search, far=far)
    page = Paginator(incidents, 50).get_page(request.GET.get("page"))
    counts = selectors.status_counts()
    context = {
        "page": page,
        "status": status,
        "statuses": Status.choices,
        "counts": counts,
        "q": search,
        "far": far,
        "far_km": FAR_KM,
    }
    return render(request, "incidents/manage/list.html", context)


@permission("incidents.view_incident")
def manage_imports(request: HttpRequest) -> HttpResponse:
    return render(request, "incidents/manage/imports.html", {"imports": selectors.imports_recent(100)})


def _duplicates_for_form(form: IncidentForm, exclude_pk: int | None) -> list[Any]:
    data = form.cleaned_data
    return possible_duplicates(
        when=data.get("date"),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        dead=data.get("dead"),
        missing=data.get("missing"),
        exclude_pk=exclude_pk,
    )


@permission("incidents.add_incident")
@require_http_methods(["GET", "POST"])
def manage_create(request: HttpRequest) -> HttpResponse:
    form = IncidentForm(request.POST or None)
    duplicates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates_for_form(form, None)
        if not duplicates or form.cleaned_data.get("not_a_duplicate"):
            incident = services.incident_create(actor=request.user, values=form.values())  # type: ignore[arg-type]
            messages.success(request, _("Draft saved."))
            return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/manage/form.html", {"form": form, "duplicates": duplicates, "incident": None})


@permission("incidents.change_incident")
@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_or_404(pk)
    if incident.status != Status.DRAFT:
        messages.error(request, _("Only drafts can be edited; return the incident to draft first."))
        return redirect("incidents:detail", pk=pk)
    form = IncidentForm(request.POST or None, instance=incident)
    duplicates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates_for_form(form, incident.pk)
        if not duplicates or form.cleaned_data.get("not_a_duplicate"):
            try:
                services.incident_update(actor=request.user, incident=incident, values=form.values())  # type: ignore[arg-type]
            except services.WorkflowError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Changes saved."))
                return redirect("incidents:detail", pk=pk)
    return render(request, "incidents/manage/form.html", {"form": form, "duplicates": duplicates, "incident": incident})


@permission("incidents.view_incident")
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_or_404(pk)
    revisions = selectors.revisions_of(incident)
    user = request.user
    may_publish = incident.status == Status.REVIEW and user.has_perm("incidents.publish_incident")
    refusal = services.incident_publish_refusal(actor=user, incident=incident) if may_publish else None
    context = {
        "incident": incident,
        "far_km": FAR_KM,
        "looks_swapped": is_far(incident) and looks_swapped(incident.latitude, incident.longitude, incident.country),
        "revisions": revisions,
        "duplicates": duplicates_of(incident),
        "can_edit": incident.status == Status.DRAFT and user.has_perm("incidents.change_incident"),
        "can_submit": incident.status == Status.DRAFT and user.has_perm("incidents.change_incident"),
        "can_return": incident.status in (Status.REVIEW, Status.PUBLISHED)
        and user.has_perm("incidents.review_incident"),
        "can_publish": may_publish and refusal is None,
        "publish_refusal": refusal,
        "can_withdraw": incident.status == Status.PUBLISHED and user.has_perm("incidents.publish_incident"),
    }
    return render(request, "incidents/manage/detail.html", context)


#: Workflow step → (permission, service call).
STEPS: dict[str, tuple[str, Callable[..., Incident]]] = {
    "submit": (
        "incidents.change_incident",
        lambda actor, incident, note: services.incident_submit(actor=actor, incident=incident),
    ),
    "return": (
        "incidents.review_incident",
        lambda actor, incident, note: services.incident_return(actor=actor, incident=incident, note=note),
    ),
    "publish": (
        "incidents.publish_incident",
        lambda actor, incident, note: services.incident_publish(actor=actor, incident=incident),
    ),
    "withdraw": (
        "incidents.publish_incident",
        lambda actor, incident, note: services.incident_withdraw(actor=actor, incident=incident, reason=note),
    ),
}


@require_POST
def manage_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One workflow step (POST only, CSRF-checked); the permission depends on the step."""
    if step not in STEPS:
        raise Http404(step)
    perm, call = STEPS[step]

    @permission(perm)
    def run(request: HttpRequest) -> HttpResponse:
        incident = _incident_or_404(pk)
        try:
            call(request.user, incident, request.POST.get("note", ""))
        except services.WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Done: %(status)s.") % {"status": incident.get_status_display()})
        return redirect("incidents:detail", pk=pk)

    return run(request)
