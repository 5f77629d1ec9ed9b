"""API tokens for imports: made with a cryptographic random source, shown once, kept as a sha256 digest.

A token is long and random (256 bits), so a plain sha256 is enough to store it (no password-style stretching is
needed: there is nothing to guess). Checking compares digests in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.contrib.auth.models import User
from django.utils import timezone

from migmon.publishing.models import ApiToken
from migmon.publishing.permissions import can_publish

PREFIX_BYTES = 6
SECRET_BYTES = 32


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the clear token is returned once and never stored."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    token = f"mgm_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return ApiToken.objects.create(user=user, name=name[:100], prefix=prefix, digest=_digest(token)), token


def token_revoke(*, user: User, pk: int) -> bool:
    return bool(ApiToken.objects.filter(user=user, pk=pk, revoked_at=None).update(revoked_at=timezone.now()))


def token_user(token: str) -> User | None:
    """The data manager a presented token belongs to, or None (unknown, revoked, or no longer a data manager)."""
    parts = token.split("_")
    if len(parts) < 3 or parts[0] != "mgm":
        return None
    found = ApiToken.objects.select_related("user").filter(prefix=parts[1], revoked_at=None).first()
    if found is None or not hmac.compare_digest(found.digest, _digest(token)):
        return None
    if not can_publish(found.user):
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))
