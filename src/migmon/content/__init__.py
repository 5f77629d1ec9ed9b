"""Wagtail pages of the multilingual portal: home, sections, news, events, publications, timeline."""
