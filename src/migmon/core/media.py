"""Uploaded images served by migmon itself, so ``make run`` needs no separate web server for ``/media/``.

Only the folders Wagtail writes images to are served (``original_images/``, ``images/``). Documents are not:
they stay behind Wagtail's ``/documents/<id>/<name>`` view, which applies a collection's privacy; serving their
files here would bypass it. Every answer carries ``nosniff`` and a sandboxing Content-Security-Policy, and a
file that is not a raster image (an SVG, say) is sent as an attachment, never rendered on our origin. Behind a
proxy the proxy may serve the same folders itself (README, "Deployment").
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe
from django.views.static import serve

PUBLIC_FOLDERS = frozenset({"original_images", "images"})
RENDERED_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"})
MAX_AGE = 86400


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Answer ``/media/<path>`` for an image Wagtail stored; 404 for anything else."""
    if path.split("/", 1)[0] not in PUBLIC_FOLDERS:
        raise Http404("not a public media folder")
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))  # refuses ``..`` and absolute paths
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if content_type not in RENDERED_TYPES:
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
