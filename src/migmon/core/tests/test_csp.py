"""The Content-Security-Policy header on each kind of answer, and templates that keep within it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.views.decorators.clickjacking import xframe_options_exempt

import migmon
from migmon.core.csp import ADMIN_POLICY, EMBED_POLICY, PAGES_POLICY, ContentSecurityPolicyMiddleware

PACKAGE = Path(migmon.__file__).parent


def directives(header: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


def test_pages_allow_scripts_and_styles_from_migmon_only():
    policy = directives(PAGES_POLICY)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


def test_the_admin_keeps_every_rule_but_inline_styles():
    admin, pages = directives(ADMIN_POLICY), directives(PAGES_POLICY)
    assert {name for name in admin if admin.get(name) != pages.get(name)} == {"script-src-attr", "style-src"}
    assert admin["script-src"] == ["'self'"]  # no inline script, no nonce, no 'strict-dynamic', no eval
    assert admin["script-src-attr"] == ["'none'"]  # no inline event handler runs, injected or not
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]


def test_a_chooser_writes_its_initialiser_as_data():
    """``BaseChooser.render`` (replaced by core.admin_scripts) writes a <template> that core/js/admin-init.js runs."""
    from wagtail.admin.widgets import AdminPageChooser
    from wagtail.admin.widgets.workflows import AdminTaskChooser

    html = AdminPageChooser().render("event", None, {"id": "id_event"})
    assert "<script" not in html
    assert '<template data-migmon-init="chooser" data-constructor="PageChooser" data-id="id_event"' in html
    assert '&quot;modalUrl&quot;: &quot;/admin/choose-page/&quot;}"></template>' in html
    task = AdminTaskChooser().render("task", None, {"id": "id_task"})
    assert "<script" not in task and 'data-migmon-init="task-chooser" data-constructor="" data-id="id_task"' in task


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/admin/foresight_scenarios/new/", "/admin/workflows/add/", "/admin/reports/aging-pages/"]
)
def test_admin_forms_with_inline_panels_choosers_and_dates_have_no_inline_script(path, django_user_model):
    """Inline panels, choosers, date filters: their initialisers are data; no <script> without src is left."""
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200 and "data-migmon-init=" in html and "core/js/admin-init" in html
    assert not INLINE_SCRIPT.findall(html), INLINE_SCRIPT.findall(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/fr/missing-migrants/methodology/", PAGES_POLICY),
        ("/fr/no-such-page/", PAGES_POLICY),
        ("/admin/login/", ADMIN_POLICY),
        ("/api/v1/docs", PAGES_POLICY),
        ("/api/v1/goals", None),
    ],
)
def test_each_answer_carries_the_policy_of_its_kind(path, expected):
    response = Client().get(path)
    assert response.get("Content-Security-Policy") == expected


def test_pages_framed_on_purpose_may_be_framed_anywhere():
    @xframe_options_exempt
    def embed(request):
        return HttpResponse("<p>chart</p>")

    response = ContentSecurityPolicyMiddleware(embed)(RequestFactory().get("/fr/data/series/X/embed/"))
    assert response["Content-Security-Policy"] == EMBED_POLICY
    assert directives(EMBED_POLICY)["frame-ancestors"] == ["*"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)


def templates() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("templates/**/*.html"))


@pytest.mark.parametrize(
    ("rule", "pattern"),
    [
        ("an inline script", INLINE_SCRIPT),
        ("an inline event handler", EVENT_HANDLER),
        ("a style attribute", STYLE_ATTRIBUTE),
        ("a <style> element", STYLE_ELEMENT),
    ],
)
def test_no_template_needs_what_the_policy_refuses(rule, pattern):
    """Every page of migmon's own renders under script-src and style-src 'self'."""
    found = [
        f"{path.relative_to(PACKAGE)}: {match.group(0)[:80]}"
        for path in templates()
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert templates() and not found, f"{rule} in: " + "; ".join(found)


def test_every_chart_uses_vegas_csp_safe_interpreter():
    """Without ``ast: true`` Vega compiles expressions with ``new Function``, which script-src 'self' refuses."""
    calls = [
        (path.relative_to(PACKAGE), line)
        for path in sorted(PACKAGE.rglob("static/**/*.js"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if "vegaEmbed(" in line and "typeof" not in line
    ]
    assert calls
    unsafe = [
        f"{path}: {line.strip()}"
        for path, line in calls
        if "ast: true" not in line or "defaultStyle: false" not in line
    ]
    assert not unsafe, "\n".join(unsafe)
