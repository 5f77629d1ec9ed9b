"""Shared base: site bootstrap, administrator creation, groups, template helpers."""
