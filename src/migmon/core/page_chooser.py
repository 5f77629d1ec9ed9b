"""The admin's page chooser lists only the pages its user may explore, so page titles stay with page editors.

Wagtail's chooser (``/admin/choose-page/``, its search, the link dialog of rich text) browses the whole tree for
anyone who reaches the admin, and shows each page's admin title, which is the title of its latest draft: a data
manager, who holds no page permission, could read every unpublished page's title and every retitled draft. The
explorer and the admin's page API already keep to the pages a user has rights on (and their ancestors, to reach
them); the chooser is made to follow the same rule through Wagtail's ``construct_page_chooser_queryset`` hook.
Editors and administrators see what they saw before: their rights cover every language's home page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.permissions import page_permission_policy


def explorable_only(pages: QuerySet[Any], request: HttpRequest) -> QuerySet[Any]:
    """``pages`` narrowed to those the request's user may explore (none without any page permission)."""
    user = request.user
    if page_permission_policy.explorable_root_instance(user) is None:
        return pages.none()
    return pages.filter(pk__in=page_permission_policy.explorable_instances(user).values("pk"))
