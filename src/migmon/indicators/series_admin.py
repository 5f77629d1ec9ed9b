"""Who may do what with series in the admin: look (view), and translate their names (change); never add or
delete one, since series come from the SDG DSD constraints and ``extra_series.csv`` (``load_framework``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

#: What nobody may do to a series in the admin, whatever their Django permissions.
REFUSED_ACTIONS = frozenset({"add", "delete", "copy", "reorder"})


class SeriesNamesPermissionPolicy(ModelPermissionPolicy):
    """``view`` and ``change`` as Django's model permissions say (data managers hold both); the form that
    ``change`` opens edits the French and Spanish names only. Every other write is refused to everyone."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in REFUSED_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return super().user_has_any_permission(user, [action for action in actions if action not in REFUSED_ACTIONS])

    def users_with_any_permission(self, actions: Any) -> Any:
        allowed = [action for action in actions if action not in REFUSED_ACTIONS]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
