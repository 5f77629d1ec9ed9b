"""Pages of the follow-up: the public dashboard, pledges, review calendar and GCM profiles; the editors' screens.

Public views read through :mod:`migmon.gcm.selectors` (published rows only). Management views need a login and a
model permission each (:func:`permission`); every change goes through :mod:`migmon.gcm.services`, which also
enforces the four-eyes rule, so a hand-made POST cannot skip it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import PurePath
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from migmon.gcm import exports, selectors, services
from migmon.gcm.choices import Editorial, GuidingPrinciple, PledgeForm, PledgeStatus, PledgeType
from migmon.gcm.forms import ImportForm, PledgeEntryForm, ReviewEntryForm, StatusUpdateForm
from migmon.gcm.imports import ImportRefused, UnreadablePledges, pledges_import
from migmon.gcm.models import Pledge, Review
from migmon.gcm.profile import area_profile
from migmon.geo import selectors as geo_selectors
from migmon.geo.models import AreaKind
from migmon.indicators.models import GcmObjective

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


def _filters(request: HttpRequest) -> dict[str, Any]:
    """The list's filters from the query string; values outside the vocabularies are ignored, not guessed."""
    status = request.GET.get("status", "")
    pledge_type = request.GET.get("type", "")
    objective = request.GET.get("objective", "")
    return {
        "status": status if status in PledgeStatus.values else None,
        "pledge_type": pledge_type if pledge_type in PledgeType.values else None,
        "objective": int(objective) if objective.isdecimal() and 1 <= int(objective) <= 23 else None,
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    """Counts and shares of published pledges by status, objective, type and country; the way to the rest."""
    board = selectors.dashboard()
    chart_rows = [
        {"label": f"{row['key']}. {row['label']}", "count": row["count"], "share": str(row["share"])}
        for row in board["by_objective"]
    ]
    return render(
        request, "gcm/dashboard.html", {"board": board, "calendar": selectors.calendar(), "chart_rows": chart_rows}
    )


def pledge_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    pledges = selectors.filter_pledges(selectors.public_pledges(), **filters)
    api_query = [(key, str(value)) for key, value in filters.items() if value is not None]
    page = Paginator(pledges, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "gcm/pledges.html",
        {
            "page": page,
            "filters": filters,
            "statuses": PledgeStatus.choices,
            "types": PledgeType.choices,
            "objectives": GcmObjective.objects.order_by("number"),
            "csv_url": "/api/v1/pledges?" + urlencode([*api_query, ("format", "csv")]),
            "json_url": "/api/v1/pledges" + ("?" + urlencode(api_query) if api_query else ""),
            "licence_url": exports.LICENCE_URL,
        },
    )


def pledge_public(request: HttpRequest, public_id: str) -> HttpResponse:
    pledge = selectors.public_pledge(public_id)
    if pledge is None:
        raise Http404(public_id)
    forms, principles = dict(PledgeForm.choices), dict(GuidingPrinciple.choices)
    return render(
        request,
        "gcm/pledge.html",
        {
            "pledge": pledge,
            "forms": [forms.get(value, value) for value in pledge.forms],
            "principles": [principles.get(value, value) for value in pledge.guiding_principles],
        },
    )


def pledge_attachment(request: HttpRequest, public_id: str) -> FileResponse:
    """A published pledge's attachment (drafts' files are never served), as a download, never inline."""
    pledge = selectors.public_pledge(public_id)
    if pledge is None or not pledge.attachment:
        raise Http404(public_id)
    return _download(pledge.attachment)


def review_document(request: HttpRequest, pk: int) -> FileResponse:
    """A published review's uploaded document (a draft's file is never served), as a download."""
    review = selectors.public_reviews().filter(pk=pk).first()
    if review is None or not review.document:
        raise Http404(pk)
    return _download(review.document)


def _download(stored: Any) -> FileResponse:
    name = PurePath(stored.name or "document").name
    response = FileResponse(stored.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def review_calendar(request: HttpRequest) -> HttpResponse:
    return render(request, "gcm/reviews.html", {"calendar": selectors.calendar()})


def country_profile(request: HttpRequest, iso3: str) -> HttpResponse:
    """A country's GCM profile, by its area code as on the migration profile (ISO alpha-3 where it has one, else
    its own, e.g. ``XKX``), resolved through geo's one lookup."""
    area = geo_selectors.area_of_kind(iso3, by="code", kinds=[AreaKind.COUNTRY])
    if area is None:
        raise Http404(_("No country or area with this code."))
    return render(request, "gcm/profile.html", {"area": area, "profile": area_profile(area)})


def region_profile(request: HttpRequest, m49: str) -> HttpResponse:
    regions = [kind for kind in AreaKind.values if kind != AreaKind.COUNTRY]
    area = geo_selectors.area_of_kind(m49, by="m49", kinds=regions)
    if area is None:
        raise Http404(_("No region with this code."))
    return render(request, "gcm/profile.html", {"area": area, "profile": area_profile(area)})


# ------------------------------------------------------------------------------------------------ manage


@permission("gcm.view_pledge")
def manage_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", Editorial.REVIEW)
    pledges = selectors.editorial_pledges()
    reviews = Review.objects.select_related("area").order_by("-updated_at")
    if state in Editorial.values:
        pledges = pledges.filter(editorial=state)
        reviews = reviews.filter(editorial=state)
    counts = {value: Pledge.objects.filter(editorial=value).count() for value in Editorial.values}
    return render(
        request,
        "gcm/manage/list.html",
        {
            "pledges": Paginator(pledges, 50).get_page(request.GET.get("page")),
            "reviews": reviews[:100],
            "state": state,
            "tabs": [(value, label, counts[value]) for value, label in Editorial.choices],
        },
    )


@permission("gcm.add_pledge")
@require_http_methods(["GET", "POST"])
def manage_create(request: HttpRequest) -> HttpResponse:
    form = PledgeEntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            pledge = services.pledge_create(actor=request.user, values=form.values())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Draft saved: %(id)s.") % {"id": pledge.public_id})
            return redirect("gcm:detail", pk=pledge.pk)
    return render(request, "gcm/manage/pledge_form.html", {"form": form, "pledge": None})


def _errors_to_form(form: Any, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@permission("gcm.change_pledge")
@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(Pledge, pk=pk)
    if pledge.editorial != Editorial.DRAFT:
        messages.error(request, _("Only drafts can be changed; return it to draft first."))
        return redirect("gcm:detail", pk=pk)
    form = PledgeEntryForm(request.POST or None, request.FILES or None, instance=pledge)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_update(actor=request.user, pledge=pledge, values=form.values())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("gcm:detail", pk=pk)
    return render(request, "gcm/manage/pledge_form.html", {"form": form, "pledge": pledge})


def _workflow_flags(user: Any, subject: Any) -> dict[str, bool]:
    state = subject.editorial
    return {
        "can_edit": state == Editorial.DRAFT and user.has_perm("gcm.change_pledge"),
        "can_submit": state == Editorial.DRAFT and user.has_perm("gcm.change_pledge"),
        "can_return": state in (Editorial.REVIEW, Editorial.PUBLISHED) and user.has_perm("gcm.review_pledge"),
        "can_publish": state == Editorial.REVIEW and user.has_perm("gcm.publish_pledge"),
    }


@permission("gcm.view_pledge")
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(selectors.editorial_pledges(), pk=pk)
    context = {
        "pledge": pledge,
        "events": pledge.events.select_related("actor").order_by("-created_at", "-id"),
        "status_form": StatusUpdateForm(initial={"status": pledge.status}),
        **_workflow_flags(request.user, pledge),
    }
    return render(request, "gcm/manage/pledge_detail.html", context)


@permission("gcm.change_pledge")
@require_POST
def manage_status(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(Pledge, pk=pk)
    form = StatusUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.pledge_status_change(
                actor=request.user,
                pledge=pledge,
                status=form.cleaned_data["status"],
                when=form.cleaned_data["date"],
                narrative=form.cleaned_data["narrative"],
                evidence=form.cleaned_data["evidence"],
            )
        except services.WorkflowError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Status updated."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("gcm:detail", pk=pk)


#: Workflow step → (permission, service call); the same steps serve pledges and reviews.
STEPS: dict[str, tuple[str, Callable[..., Any]]] = {
    "submit": ("gcm.change_pledge", lambda actor, subject, note: services.step_submit(actor=actor, subject=subject)),
    "return": (
        "gcm.review_pledge",
        lambda actor, subject, note: services.step_return(actor=actor, subject=subject, note=note),
    ),
    "publish": (
        "gcm.publish_pledge",
        lambda actor, subject, note: services.step_publish(actor=actor, subject=subject),
    ),
}


def _step(request: HttpRequest, model: type[Pledge] | type[Review], pk: int, step: str, detail: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404(step)
    perm, call = STEPS[step]

    @permission(perm)
    def run(request: HttpRequest) -> HttpResponse:
        subject = get_object_or_404(model, pk=pk)
        try:
            call(request.user, subject, request.POST.get("note", ""))
        except services.WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Done: %(state)s.") % {"state": subject.get_editorial_display()})
        return redirect(detail, pk=pk)

    return run(request)


@require_POST
def manage_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One workflow step on a pledge (POST only, CSRF-checked); the permission depends on the step."""
    return _step(request, Pledge, pk, step, "gcm:detail")


@require_POST
def review_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    return _step(request, Review, pk, step, "gcm:review_detail")


@permission("gcm.add_review")
@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest) -> HttpResponse:
    form = ReviewEntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        review = services.review_create(actor=request.user, values=form.values())
        messages.success(request, _("Draft saved."))
        return redirect("gcm:review_detail", pk=review.pk)
    return render(request, "gcm/manage/review_form.html", {"form": form, "review": None})


@permission("gcm.change_review")
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review, pk=pk)
    if review.editorial != Editorial.DRAFT:
        messages.error(request, _("Only drafts can be changed; return it to draft first."))
        return redirect("gcm:review_detail", pk=pk)
    form = ReviewEntryForm(request.POST or None, request.FILES or None, instance=review)
    if request.method == "POST" and form.is_valid():
        services.review_update(actor=request.user, review=review, values=form.values())
        messages.success(request, _("Changes saved."))
        return redirect("gcm:review_detail", pk=pk)
    return render(request, "gcm/manage/review_form.html", {"form": form, "review": review})


@permission("gcm.view_review")
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("area"), pk=pk)
    context = {
        "review": review,
        "events": review.events.select_related("actor").order_by("-created_at", "-id"),
        **_workflow_flags(request.user, review),
    }
    return render(request, "gcm/manage/review_detail.html", context)


@permission("gcm.add_pledge")
@require_http_methods(["GET", "POST"])
def manage_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = problems = unreadable = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = pledges_import(actor=request.user, data=upload.read(), name=upload.name)
        except ImportRefused as refused:
            problems = [str(problem) for problem in refused.problems]
        except UnreadablePledges as error:
            unreadable = str(error)
    return render(
        request,
        "gcm/manage/import.html",
        {"form": form, "report": report, "problems": problems, "unreadable": unreadable},
    )
