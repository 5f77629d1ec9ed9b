"""Core's admin hooks: the page chooser's least privilege (:mod:`migmon.core.page_chooser`)."""

from __future__ import annotations

from wagtail import hooks

from migmon.core.page_chooser import explorable_only

hooks.register("construct_page_chooser_queryset", explorable_only)
