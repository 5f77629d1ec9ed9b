"""Wagtail pages of the multilingual portal: home, sections, news, events, publications, timeline."""

from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "migmon.content"
    label = "content"
    default_auto_field = "django.db.models.BigAutoField"
