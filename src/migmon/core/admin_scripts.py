"""The admin's widgets initialised from data, not from inline ``<script>`` elements (see :mod:`migmon.core.csp`).

Wagtail's chooser widgets (``wagtail.admin.widgets.BaseChooser.render``) write their HTML followed by
``<script>new PageChooser("id_event", {…});</script>``. :func:`chooser_render` writes the same call as data, a
``<template data-migmon-init="chooser" data-constructor="PageChooser" data-id="id_event" data-options="{…}">``,
which ``core/js/admin-init.js`` (loaded on every admin page, :mod:`migmon.core.wagtail_hooks`) turns into the
same ``new PageChooser(…)``. The date, time and date-time inputs and the inline panels do the same through
template overrides (``core/templates/wagtailadmin/``).
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.admin.widgets import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

INIT = '<template data-migmon-init="{}" data-constructor="{}" data-id="{}" data-options="{}"></template>'


def chooser_init(widget: BaseChooser, id_: str, name: str, value_data: Any) -> SafeString | None:
    """The data element for ``widget``'s initialiser, or None for a widget whose script is its own."""
    if isinstance(widget, AdminTaskChooser):
        return format_html(INIT, "task-chooser", "", id_, "")
    if type(widget).render_js_init is not BaseChooser.render_js_init:
        return None  # a script of its own: left inline (the policy refuses it, and the browser test says so)
    options = json.dumps(widget.get_js_init_options(id_, name, value_data))
    return format_html(INIT, "chooser", widget.js_constructor, id_, options)


_wagtail_render = BaseChooser.render


def chooser_render(
    self: BaseChooser, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
) -> SafeString:
    """``BaseChooser.render`` with the initialiser as data (:func:`chooser_init`) in place of an inline script."""
    if not attrs or "id" not in attrs:
        return _wagtail_render(self, name, value, attrs, renderer)  # Wagtail's own error
    value_data = self.get_value_data(value)
    init = chooser_init(self, attrs["id"], name, value_data)
    if init is None:
        return _wagtail_render(self, name, value, attrs, renderer)
    return format_html("{}{}", self.render_html(name, value_data, attrs), init)


def install() -> None:
    """Replaces ``BaseChooser.render`` (called from the core app's ``ready``)."""
    BaseChooser.render = chooser_render  # type: ignore[method-assign]
