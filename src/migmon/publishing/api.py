"""``/api/v1/imports``: other systems push files with a data manager's API token, follow the check, then publish
or discard — the same jobs as the admin's (:mod:`migmon.publishing.services`).

Answers are JSON ``{"message", "parameter"}`` on error like the rest of the API, never cached (``no-store``), and
need ``Authorization: Bearer <token>``; a token opens these endpoints and nothing else.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.security import HttpBearer

from migmon.importers.records import rule_shown
from migmon.publishing import selectors, services
from migmon.publishing.models import Upload
from migmon.publishing.tokens import token_user


class ImportToken(HttpBearer):
    """A data manager's API token (``Authorization: Bearer mgm_…``), created in the admin."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


router = Router(tags=["imports"], auth=ImportToken())


class Problem(Schema):
    file: str
    row: int | None = None
    element: str | None = None
    column: str | None = None
    value: str | None = None
    rule: str
    severity: str


class Counts(Schema):
    added: int
    changed: int
    unchanged: int
    kept: int
    rejected: int


class FileReport(Schema):
    name: str
    sha256: str
    size: int
    format: str
    dataset: str
    outcome: str
    message: str
    counts: Counts
    release: int | None


class ImportState(Schema):
    id: int
    url: str
    status: str
    reason: str
    progress: dict[str, Any] | None
    counts: Counts
    files: list[FileReport]
    problems: list[Problem]


class Message(Schema):
    message: str
    parameter: str | None = None


def _counts(files: list[Any]) -> dict[str, int]:
    names = ("added", "changed", "unchanged", "kept", "rejected")
    return {name: sum(getattr(f, name) for f in files) for name in names}


def _state(request: HttpRequest, upload: Upload) -> dict[str, Any]:
    files = list(upload.files.all())
    problems = [
        {
            "file": p.get("file") or f.name,
            "row": p.get("row"),
            "element": p.get("element"),
            "column": p.get("column"),
            "value": p.get("value"),
            "rule": rule_shown(p),
            "severity": p.get("severity", ""),
        }
        for f in files
        for p in f.problems
    ]
    return {
        "id": upload.pk,
        "url": request.build_absolute_uri(f"/api/v1/imports/{upload.pk}"),
        "status": upload.status,
        "reason": upload.reason,
        "progress": selectors.upload_progress(upload),
        "counts": _counts(files),
        "files": [
            {
                "name": f.name,
                "sha256": f.sha256,
                "size": f.size,
                "format": f.format_name,
                "dataset": f.dataset,
                "outcome": f.outcome,
                "message": f.message,
                "counts": _counts([f]),
                "release": f.release_id,
            }
            for f in files
        ],
        "problems": problems,
    }


def _error(request: HttpRequest, message: str, parameter: str | None, status: int) -> HttpResponse:
    """A JSON error; a 404 is answered under the API's URL configuration so that the language middleware never
    redirects it into ``/fr/…`` (named as text: the app does not import the API package)."""
    if status == 404:
        request.urlconf = "migmon.api.root_urls"  # type: ignore[attr-defined]
    body = orjson.dumps({"message": message, "parameter": parameter})
    return HttpResponse(body, status=status, content_type="application/json")


def _missing(request: HttpRequest, import_id: int) -> HttpResponse:
    return _error(request, f"No import {import_id}.", "import_id", 404)


def _upload(pk: int) -> Upload | None:
    try:
        return selectors.upload_get(pk=pk)
    except Upload.DoesNotExist:
        return None


@router.post(
    "",
    response={202: ImportState, 400: Message},
    summary="Upload files to check (nothing is published yet)",
    description=(
        "Multipart form: one or several `files` (every format `migmon import` reads, detected from the content), "
        "`keep_going` (reject bad rows and publish the rest), `area` and `series` (like `migmon import --area` "
        "and `--series`: the area or series of observations whose file names none, such as a national Open SDG "
        "CSV). The check runs as a background job; follow it "
        "at the answer's `url`. Needs `Authorization: Bearer <token>` (a data manager's API token)."
    ),
)
def import_create(
    request: HttpRequest,
    files: File[list[UploadedFile]],
    keep_going: Form[bool] = False,
    area: Form[str] = "",
    series: Form[str] = "",
) -> Any:
    try:
        upload = services.upload_create(
            user=request.user,  # type: ignore[arg-type]
            files=files,
            keep_going=keep_going,
            area=area,
            series=series,
        )
    except services.PublishingRefused as refused:
        return _error(request, str(refused), refused.parameter, 400)
    upload.refresh_from_db()
    return Status(202, _state(request, upload))


@router.get(
    "/{import_id}",
    response={200: ImportState, 404: Message},
    summary="An import's status, progress and report",
    description=(
        "`status` is checking, checked (ready to publish), refused, publishing, published, failed, cancelled or "
        "discarded; `counts` sum the files' added, changed, unchanged, kept and rejected observations; `problems` "
        "name file, row (or XML element), column, value and rule."
    ),
)
def import_get(request: HttpRequest, import_id: int) -> Any:
    services.jobs_reap()
    upload = _upload(import_id)
    if upload is None:
        return _missing(request, import_id)
    return _state(request, upload)


def _act(request: HttpRequest, import_id: int, service: Any) -> Any:
    upload = _upload(import_id)
    if upload is None:
        return _missing(request, import_id)
    try:
        service(upload=upload, user=request.user)
    except services.PublishingRefused as refused:
        return _error(request, str(refused), None, 409)
    upload.refresh_from_db()
    return Status(202, _state(request, upload))


@router.post(
    "/{import_id}/publish",
    response={202: ImportState, 404: Message, 409: Message},
    summary="Publish a checked import",
    description="Starts the publication job (one transaction); 409 when the import is not checked, or when the "
    "four-eyes setting forbids the uploader to publish.",
)
def import_publish(request: HttpRequest, import_id: int) -> Any:
    return _act(request, import_id, services.upload_publish)


@router.post(
    "/{import_id}/discard",
    response={202: ImportState, 404: Message, 409: Message},
    summary="Discard an import that is not published",
    description="Deletes the staged files; 409 when the import is published or running.",
)
def import_discard(request: HttpRequest, import_id: int) -> Any:
    return _act(request, import_id, services.upload_discard)
