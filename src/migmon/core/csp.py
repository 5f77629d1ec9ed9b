"""A Content-Security-Policy on every page: scripts, styles, images and connections from migmon itself only.

The public site has no inline script, no inline event handler and no ``style`` attribute, so the policy allows
none: a script that an attacker manages to put into a page (an ``<img onerror>``, a ``javascript:`` link, an
injected ``<script>``) does not run. Charts stay within it: Vega evaluates its expressions with the CSP-safe
interpreter bundled in vega-embed (``ast: true`` in every ``vegaEmbed`` call; no ``new Function``), and
vega-embed and vega-tooltip are told not to inject their ``<style>`` elements (site.css styles their menu and
tooltip). ``data:`` and ``blob:`` images are Vega's PNG/SVG exports.

Wagtail 8's admin (``/admin/``) still writes inline ``<script>`` elements, so its policy allows them
(``script-src 'self' 'unsafe-inline'``) but forbids inline event handlers (``script-src-attr 'none'``: an
injected ``<img onerror=…>`` does not run there either; the admin has none of its own, which
``tests/browser/test_csp.py`` checks page by page). Why the inline elements stay, measured on Wagtail 8.0.1 and
wagtail-localize: they are not a few static snippets but one per widget and panel, holding the field's id and
options, so their hashes change with every form —

- ``initDateChooser("id_date", {…})`` and its date-time and time siblings (``wagtailadmin/widgets/*_input.html``),
  one per date field and per date filter of every listing;
- ``new PageChooser("id_event", {… "parentId": 63})`` and every chooser widget (``BaseChooser.render``);
- ``new InlinePanel(…)`` and ``new MultipleChooserPanel(…)`` with each formset's options;
- wagtail-localize's ``window.chooserUrls`` and its submit and update forms' scripts.

Allowing them by hash would mean hashing what each response renders, and the chooser modals insert more of
them (jQuery runs scripts of fetched HTML) into a page whose policy was fixed at load, so they would be refused;
a nonce or hash stamped on every script of the response would admit an injected one as well. The admin's own
styles need ``style-src 'unsafe-inline'`` too (style attributes of the sidebar, Draftail and the progress bars).
Every other rule (no plugins, no foreign base URL, forms posting only to migmon, framing only by migmon) holds
there too. API answers are data, not documents, and carry no policy, except the HTML of the API docs.

Pages that may be framed by other sites (the chart embeds, ``xframe_options_exempt``) allow any framing origin;
every other page may be framed by migmon only (Wagtail's preview).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

HEADER = "Content-Security-Policy"
ADMIN_PREFIX = "/admin/"
API_PREFIX = "/api/"

PAGES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}
ADMIN = {
    **PAGES,
    "script-src": "'self' 'unsafe-inline'",
    "script-src-attr": "'none'",
    "style-src": "'self' 'unsafe-inline'",
}


def policy(directives: dict[str, str]) -> str:
    """The header value: ``default-src 'self'; script-src 'self'; …``."""
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


PAGES_POLICY = policy(PAGES)
EMBED_POLICY = policy({**PAGES, "frame-ancestors": "*"})
ADMIN_POLICY = policy(ADMIN)


class ContentSecurityPolicyMiddleware:
    """Adds the policy that fits the path (see the module docstring) unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if HEADER in response:
            return response
        path = request.path_info
        if path.startswith(API_PREFIX) and not response.get("Content-Type", "").startswith("text/html"):
            return response
        if path.startswith(ADMIN_PREFIX):
            response[HEADER] = ADMIN_POLICY
        elif getattr(response, "xframe_options_exempt", False):
            response[HEADER] = EMBED_POLICY
        else:
            response[HEADER] = PAGES_POLICY
        return response
