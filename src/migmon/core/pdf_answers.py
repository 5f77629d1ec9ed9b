"""PDF downloads: kept in the shared cache while what they print is unchanged, printed a few at a time.

A PDF (a country profile, a scenario set) costs WeasyPrint a second or more of CPU, and anyone can ask for
one, so a request for a PDF

1. counts against its client's PDF limit (``MIGMON_PDF_RATE_LIMIT``, ``requests/seconds``) in the shared
   rate-limit store, so the limit holds across workers; beyond it, 429 with ``Retry-After``;
2. is answered from the shared cache when the same document was printed under the same version: the key holds
   the path, the language and the version the page gives (its data version and its content's publish state),
   so a release, a rollback or a publish prints anew on the next request;
3. otherwise waits up to ``MIGMON_PDF_SLOT_WAIT`` seconds for one of ``MIGMON_PDF_CONCURRENCY`` printing slots
   (:mod:`migmon.core.print_slots`); when none frees up, 503 with ``Retry-After``, and the pages stay quick.
   Whoever waited looks in the cache again once in its slot: the holder before may have printed the same.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from migmon.core.print_slots import NoSlotFree, print_slot
from migmon.core.rate_limit import client_id, count_request, parse_rate

#: Seconds a printed PDF stays in the cache; a new version makes a new key long before.
CACHE_SECONDS = 24 * 3600
#: What the 503 tells clients to wait: about the time a slot takes to free up.
BUSY_RETRY_SECONDS = 10


def cache_key(request: HttpRequest, version: str) -> str:
    """The cache key of the PDF at this path in this language under ``version`` (hashed: any length)."""
    name = f"{request.path}\n{get_language()}\n{version}"
    return "migmon.pdf:" + hashlib.sha256(name.encode()).hexdigest()


def over_limit(request: HttpRequest) -> int | None:
    """Count this PDF request for its client; the seconds to wait when over ``MIGMON_PDF_RATE_LIMIT``."""
    limit, window = parse_rate(settings.MIGMON_PDF_RATE_LIMIT)
    if limit <= 0:
        return None
    now = time.time()
    window_start = int(now // window) * window
    count = count_request(f"migmon.pdf-rate:{client_id(request.META)}:{window_start}", timeout=window + 1)
    if count > limit:
        return max(1, int(window_start + window - now + 0.999))
    return None


def _refusal(request: HttpRequest, status: int, wait: int) -> HttpResponse:
    """The page saying why there is no PDF now and when to come back; it links to the page the PDF prints."""
    page_url = request.path.removesuffix("pdf/") if request.path.endswith("/pdf/") else ""
    context = {"status": status, "retry_after": wait, "page_url": page_url}
    response = render(request, "core/pdf_refused.html", context, status=status)
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"
    return response


def _document(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_answer(request: HttpRequest, *, version: str, filename: str, print_pdf: Callable[[], bytes]) -> HttpResponse:
    """The PDF ``print_pdf`` prints, from the cache when printed under ``version`` before (see the module)."""
    wait = over_limit(request)
    if wait is not None:
        return _refusal(request, 429, wait)
    key = cache_key(request, version)
    body = cache.get(key)
    if body is None:
        slots = settings.MIGMON_PDF_SLOTS_DIR, settings.MIGMON_PDF_CONCURRENCY, settings.MIGMON_PDF_SLOT_WAIT
        try:
            with print_slot(*slots):
                body = cache.get(key)
                if body is None:
                    body = print_pdf()
                    cache.set(key, body, CACHE_SECONDS)
        except NoSlotFree:
            return _refusal(request, 503, BUSY_RETRY_SECONDS)
    return _document(body, filename)
