"""A Wagtail permission policy for reference data that files define: anyone allowed may look, nobody may edit.

Areas, aliases and the SDG framework are rebuilt from versioned files by ``load_geography`` and
``load_framework``; an edit made in the admin would be silently undone by the next load. Data managers
therefore browse and inspect them in the admin, and correct the files (reviewed like code) instead.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

WRITE_ACTIONS = frozenset({"add", "change", "delete", "copy", "reorder"})


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """``view`` as Django's model permissions say; every write action refused to everyone."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in WRITE_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return super().user_has_any_permission(user, [action for action in actions if action not in WRITE_ACTIONS])

    def users_with_any_permission(self, actions: Any) -> Any:
        allowed = [action for action in actions if action not in WRITE_ACTIONS]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
