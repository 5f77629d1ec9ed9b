"""``/robots.txt`` and ``/favicon.ico``: what crawlers may read, and the icon browsers ask for at the root.

Crawlers may read every public page. They are kept out of the back offices (the Wagtail admin, the register's
and the follow-up's management pages, the workshop ballots reached by secret link) and out of the answers that
cost a render and duplicate a page (downloads, PDFs, chart embeds, search results, the API): each of those is
one line per site language, built by reversing the real URL, so a renamed route cannot leave a stale rule.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

#: A path segment reversed into a URL and then replaced by robots.txt's wildcard (RFC 9309 §2.2.3).
PLACEHOLDER = "ROBOTSWILDCARD"

#: (URL name, how many path arguments) of every language-prefixed route crawlers should not read.
PRIVATE_ROUTES = (
    ("content:search", 0),
    ("incidents:manage", 0),
    ("gcm:manage", 0),
    ("foresight:workshop", 1),
    ("portal:series_download", 1),
    ("portal:series_embed", 1),
    ("portal:country_pdf", 1),
    ("portal:region_pdf", 1),
    ("foresight:set_pdf", 1),
)
#: Prefixes without a language: the admin (Wagtail and the publishing pages under it) and the API.
PRIVATE_PREFIXES = ("/admin/", "/api/")
#: The API's documentation page stays readable: it is how people find the API.
PUBLIC_EXCEPTIONS = ("/api/v1/docs",)


def disallowed_paths() -> list[str]:
    """Every path prefix crawlers are asked to leave alone, the language-prefixed ones in each language."""
    paths = list(PRIVATE_PREFIXES)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name, arguments in PRIVATE_ROUTES:
                url = reverse(name, args=[PLACEHOLDER] * arguments).replace(PLACEHOLDER, "*")
                paths.append(url.removesuffix("*/"))  # /fr/foresight/workshops/*/ is the prefix itself
    return paths


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *"]
    lines += [f"Allow: {path}" for path in PUBLIC_EXCEPTIONS]
    lines += [f"Disallow: {path}" for path in disallowed_paths()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers and feed readers ask for /favicon.ico whatever the page says; send them to the static icon.

    A temporary redirect, since the static file's name carries its content hash and changes with the icon.
    """
    response = HttpResponseRedirect(static("migmon/share/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
