"""Login throttling: after too many failed sign-ins, an account and an address are refused for a while.

Failures are counted in the shared cache (:func:`migmon.core.rate_limit.count_request`), so the limit holds across
every worker and instance, like the API's rate limit. Two counts, each in a fixed window
(``MIGMON_LOGIN_FAILURES_PER_ACCOUNT`` and ``MIGMON_LOGIN_FAILURES_PER_ADDRESS``, ``failures/seconds``): one per
user name (guessing one account's password from many addresses) and one per client address (trying many
accounts from one place). Once a count reaches its limit a lock is set for the window's length; while it holds,
even the right password is refused, with a message that says why and for how long — the form does not pretend
the password was wrong.

The lock is checked twice: by the login form, to show the message, and by the authentication backend, so no
other way into ``authenticate()`` skips it.
"""

from __future__ import annotations

import hashlib
import math
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

from migmon.core.rate_limit import client_id, count_request, parse_rate


def _key(kind: str, value: str) -> str:
    """A cache key for one account or address (hashed: user names may hold any character, keys may not)."""
    digest = hashlib.sha256(value.casefold().encode()).hexdigest()[:32]
    return f"migmon.login:{kind}:{digest}"


def _subjects(request: HttpRequest | None, username: str | None) -> list[tuple[str, str, str]]:
    """(kind, value, setting) for the account and the address a sign-in names."""
    subjects = []
    if username:
        subjects.append(("account", username, settings.MIGMON_LOGIN_FAILURES_PER_ACCOUNT))
    if request is not None:
        subjects.append(("address", client_id(request.META), settings.MIGMON_LOGIN_FAILURES_PER_ADDRESS))
    return subjects


def locked_for(request: HttpRequest | None, username: str | None) -> int:
    """Seconds until this account or address may try again; 0 when neither is locked."""
    now = time.time()
    waits = [
        until - now
        for kind, value, rate in _subjects(request, username)
        if parse_rate(rate)[0] > 0 and (until := cache.get(_key(f"lock-{kind}", value)))
    ]
    return max(0, math.ceil(max(waits, default=0)))


def record_failure(request: HttpRequest | None, username: str | None) -> None:
    """Count one failed sign-in against its account and address; lock whichever reached its limit."""
    now = time.time()
    for kind, value, rate in _subjects(request, username):
        limit, window = parse_rate(rate)
        if limit <= 0:
            continue
        window_start = int(now // window) * window
        failures = count_request(_key(f"failures-{kind}-{window_start}", value), timeout=window + 1)
        if failures >= limit:
            cache.set(_key(f"lock-{kind}", value), now + window, timeout=window)


def wait_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
        "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


@receiver(user_login_failed, dispatch_uid="migmon.core.login_throttle.failed")
def _on_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    if getattr(request, "_migmon_login_locked", False):
        return  # refused because locked: not a new guess, the lock already holds
    record_failure(request, credentials.get("username"))


class ThrottledModelBackend(ModelBackend):
    """Django's model backend, refusing every sign-in while the account or the address is locked."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if locked_for(request, username):
            if request is not None:
                request._migmon_login_locked = True  # type: ignore[attr-defined]
            raise PermissionDenied(_("Too many failed sign-in attempts."))
        return super().authenticate(request, username=username, password=password, **kwargs)


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, saying so when the sign-in is refused because of earlier failures."""

    def clean(self) -> dict[str, Any]:
        wait = locked_for(self.request, self.cleaned_data.get("username"))
        if wait:
            raise ValidationError(wait_message(wait), code="throttled")
        return super().clean()
