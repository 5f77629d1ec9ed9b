"""Who may publish: data managers (and administrators), through the publishing app's model permissions that
``core.groups`` grants to the data-manager group. Editors reach the Wagtail admin but never these pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

PUBLISH_PERMISSION = "publishing.add_upload"


def can_publish(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(PUBLISH_PERMISSION))


View = TypeVar("View", bound=Callable[..., Any])


def data_manager_required(view: View) -> View:
    """403 for anyone without the publishing permission (Wagtail already sent the anonymous to sign in)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not can_publish(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return cast(View, guarded)


def signed_in(request: HttpRequest) -> User:
    """The request's user, signed in: only called behind :func:`data_manager_required`."""
    return cast(User, request.user)
