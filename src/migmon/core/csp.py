"""A Content-Security-Policy on every page: scripts, styles, images and connections from migmon itself only.

The public site has no inline script, no inline event handler and no ``style`` attribute, so the policy allows
none: a script that an attacker manages to put into a page (an ``<img onerror>``, a ``javascript:`` link, an
injected ``<script>``) does not run. Charts stay within it: Vega evaluates its expressions with the CSP-safe
interpreter bundled in vega-embed (``ast: true`` in every ``vegaEmbed`` call; no ``new Function``), and
vega-embed and vega-tooltip are told not to inject their ``<style>`` elements (site.css styles their menu and
tooltip). ``data:`` and ``blob:`` images are Vega's PNG/SVG exports.

The admin (``/admin/``) runs under ``script-src 'self'`` as well: no inline script, no nonce, no hash, no
``'strict-dynamic'``, so an injected ``<script>`` is refused there like an injected ``<img onerror=…>``
(``script-src-attr 'none'``). Wagtail 8.0.1 and wagtail-localize 1.14.5 write inline ``<script>`` elements, one
per widget and panel, holding the field's id and options (measured in Chromium, ``tests/browser/test_csp.py``):

- ``initDateChooser("id_date", {…})`` and its date-time and time siblings (``wagtailadmin/widgets/*_input.html``),
  one per date field and per date filter of every listing;
- ``new PageChooser("id_event", {…})`` and every chooser widget (``BaseChooser.render``, and
  ``createTaskChooser`` for a workflow's tasks);
- ``new InlinePanel(…)`` and ``new MultipleChooserPanel(…)`` (``wagtailadmin/panels/inline_panel.html`` and
  ``multiple_chooser_panel.html``);
- wagtail-localize's ``window.chooserUrls`` (``edit_translation.html``) and its "select all" languages
  (``submit_translation.html``).

migmon writes each of them as data instead: a ``<template data-migmon-init="…" data-id="…" data-options="{…}">``
(inert, never displayed; template overrides in ``core/templates/``, first app in ``INSTALLED_APPS``, and
:mod:`migmon.core.admin_scripts` for ``BaseChooser.render``), which one script file, ``core/js/admin-init.js``
(every admin page, ``insert_global_admin_js``), turns into the same call — when the page is parsed, when an
inline panel adds a form (``w-formset:added``, before the multiple chooser panel reads the new chooser) and for
HTML inserted later (chooser modals, refreshed listings). The translation editor's chooser URLs are data
attributes of ``core/js/chooser-urls.js``. A nonce was not needed: a nonce stamped on every script of a
response would admit an injected one too, and the modals' HTML would need ``'strict-dynamic'``. Only the admin's
styles keep ``style-src 'unsafe-inline'`` (style attributes of the sidebar, Draftail and the progress bars).
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
    "script-src": "'self'",
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
