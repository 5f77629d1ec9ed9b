"""Admin pages of uploads: send files, follow the job live, read the report and preview, publish or discard."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from migmon.publishing import report, selectors, services
from migmon.publishing.forms import ChangeFilterForm, UploadForm
from migmon.publishing.models import RUNNING, Upload, UploadStatus
from migmon.publishing.permissions import data_manager_required, signed_in


def _upload_or_404(pk: int) -> Upload:
    try:
        return selectors.upload_get(pk=pk)
    except Upload.DoesNotExist as missing:
        raise Http404 from missing


@data_manager_required
def uploads_index(request: HttpRequest) -> HttpResponse:
    services.jobs_reap()
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = services.upload_create(
                user=signed_in(request),
                files=form.cleaned_data["data_files"],
                keep_going=form.cleaned_data["keep_going"],
                area=form.cleaned_data["area"],
                series=form.cleaned_data["series"],
            )
        except services.PublishingRefused as refused:
            form.add_error("data_files", str(refused))
        else:
            return redirect("publishing:upload", pk=upload.pk)
    context = {
        "form": form,
        "uploads": selectors.uploads_list()[:50],
        "limit_mb": settings.MIGMON_UPLOAD_MAX_MB,
        "page_title": _("Data imports"),
        "page_icon": "upload",
    }
    return render(request, "publishing/uploads.html", context)


@require_GET
@data_manager_required
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    services.jobs_reap()
    upload = _upload_or_404(pk)
    filters = ChangeFilterForm(request.GET)
    wanted = filters.cleaned_data if filters.is_valid() else {"series": "", "area": "", "period": ""}
    files = []
    for upload_file in upload.files.all():
        changes = report.filtered_changes(upload_file.changes, **wanted)
        files.append(
            {
                "file": upload_file,
                "problems": report.problems_shown(upload_file.problems[: report.INLINE_PROBLEMS]),
                "more_problems": max(len(upload_file.problems) - report.INLINE_PROBLEMS, 0),
                "changes": changes[: report.SHOWN_CHANGES],
                "changes_matching": len(changes),
            }
        )
    four_eyes_blocks = settings.MIGMON_PUBLISH_FOUR_EYES and upload.created_by_id == request.user.pk
    context = {
        "upload": upload,
        "files": files,
        "filters": filters,
        "running": upload.status in RUNNING,
        "progress": selectors.upload_progress(upload),
        "can_publish": upload.status == UploadStatus.CHECKED and not four_eyes_blocks,
        "four_eyes_blocks": four_eyes_blocks and upload.status == UploadStatus.CHECKED,
        "can_discard": upload.status
        in (UploadStatus.CHECKED, UploadStatus.REFUSED, UploadStatus.FAILED, UploadStatus.CANCELLED),
        "progress_url": reverse("publishing:upload_progress", args=[upload.pk]),
        "page_title": _("Upload #%(number)s") % {"number": upload.pk},
        "page_icon": "upload",
    }
    return render(request, "publishing/upload.html", context)


@require_GET
@data_manager_required
def upload_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The job's state for the page's polling script: status, reason and live progress."""
    services.jobs_reap()
    upload = _upload_or_404(pk)
    return JsonResponse(
        {
            "status": upload.status,
            "status_label": upload.get_status_display(),
            "running": upload.status in RUNNING,
            "reason": upload.reason,
            "progress": selectors.upload_progress(upload),
        }
    )


@require_POST
@data_manager_required
def upload_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    upload = _upload_or_404(pk)
    act = {
        "publish": (services.upload_publish, _("Publishing has started.")),
        "discard": (services.upload_discard, _("The upload was discarded.")),
        "cancel": (services.upload_cancel, _("Cancelling: the job stops at its next step and changes nothing.")),
    }.get(action)
    if act is None:
        raise Http404
    service, done = act
    try:
        service(upload=upload, user=signed_in(request))
    except services.PublishingRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect("publishing:upload", pk=upload.pk)


@require_GET
@data_manager_required
def upload_problems_csv(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    upload = _upload_or_404(pk)
    try:
        upload_file = selectors.upload_file_get(upload=upload, pk=file_pk)
    except upload.files.model.DoesNotExist as missing:
        raise Http404 from missing
    response = HttpResponse(report.problems_csv(upload_file), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="problems-{upload.pk}-{upload_file.pk}.csv"'
    return response
