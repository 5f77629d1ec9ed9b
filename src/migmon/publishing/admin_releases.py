"""Admin pages of releases: list and filter, one release's diff and checksum, its original file, roll back;
and the audit log of what data managers did."""

from __future__ import annotations

from itertools import islice

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from migmon.indicators.models import Release
from migmon.indicators.release_changes import release_changes
from migmon.indicators.selectors import release_get, releases_list
from migmon.publishing import selectors, services
from migmon.publishing.forms import ReleaseFilterForm
from migmon.publishing.permissions import data_manager_required, signed_in

#: Changed values shown on a release's page.
SHOWN_CHANGES = 200


def _release_or_404(pk: int) -> Release:
    try:
        return release_get(pk=pk)
    except Release.DoesNotExist as missing:
        raise Http404 from missing


@require_GET
@data_manager_required
def releases_index(request: HttpRequest) -> HttpResponse:
    filters = ReleaseFilterForm(request.GET)
    releases = releases_list()
    if filters.is_valid():
        wanted = filters.cleaned_data
        if wanted["series"]:
            releases = releases_list(series=wanted["series"])
        if wanted["dataset"]:
            releases = releases.filter(dataset__code=wanted["dataset"])
        if wanted["status"]:
            releases = releases.filter(status=wanted["status"])
        if wanted["start"]:
            releases = releases.filter(imported_at__date__gte=wanted["start"])
        if wanted["end"]:
            releases = releases.filter(imported_at__date__lte=wanted["end"])
        if wanted["user"]:
            releases = releases.filter(pk__in=selectors.releases_published_by(wanted["user"]))
    shown = list(releases[:200])
    publishers = selectors.release_publishers([release.pk for release in shown])
    rows = [(release, publishers.get(release.pk)) for release in shown]
    return render(
        request,
        "publishing/releases.html",
        {"filters": filters, "rows": rows, "page_title": _("Releases"), "page_icon": "history"},
    )


@require_GET
@data_manager_required
def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = _release_or_404(pk)
    changes = list(islice(release_changes(release), SHOWN_CHANGES + 1))
    context = {
        "release": release,
        "changes": changes[:SHOWN_CHANGES],
        "more_changes": len(changes) > SHOWN_CHANGES,
        "original": selectors.release_original(release.pk),
        "publisher": selectors.release_publishers([release.pk]).get(release.pk),
        "audit": selectors.audit_list().filter(release_id=release.pk),
        "page_title": _("Release #%(number)s") % {"number": release.pk},
        "page_icon": "history",
    }
    return render(request, "publishing/release.html", context)


@require_GET
@data_manager_required
def release_download(request: HttpRequest, pk: int) -> FileResponse:
    original = selectors.release_original(pk)
    if original is None:
        raise Http404
    try:
        handle = open(original.stored, "rb")  # noqa: SIM115 - FileResponse closes it
    except OSError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=original.name)


@require_POST
@data_manager_required
def release_rollback(request: HttpRequest, pk: int) -> HttpResponse:
    release = _release_or_404(pk)
    try:
        result = services.release_rollback_audited(release=release, user=signed_in(request))
    except services.RollbackRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, result.message)
    return redirect("publishing:release", pk=release.pk)


@require_GET
@data_manager_required
def audit_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publishing/audit.html",
        {"entries": selectors.audit_list()[:500], "page_title": _("Audit log"), "page_icon": "list-ul"},
    )
