"""What the admin lists to whom beyond the page chooser (:mod:`migmon.core.page_chooser`): files and page moves.

Wagtail's admin API (``/admin/api/main/documents/`` and ``/images/``) answers anyone who reaches the admin with
every document and image, titles included: a data manager, who holds no collection permission, could read the
editors' files. Those listings keep to the files the user may choose or change. And the "move this page here?"
confirmation (``/admin/pages/<id>/move/<id>/confirm/``) shows the titles of any two pages to anyone who knows their
ids, Wagtail checking the right only when the move is posted: it is refused up front to whoever may not make that
move (issue 16, item 6).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry


def _choosable(model: Any, user: Any) -> QuerySet[Any]:
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, ["choose", "change"])


class ChoosableDocuments(DocumentsAdminAPIViewSet):
    """The admin API's documents, only those the user may choose or change."""

    def get_queryset(self) -> QuerySet[Any]:
        allowed = _choosable(get_document_model(), self.request.user)
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class ChoosableImages(ImagesAdminAPIViewSet):
    """The admin API's images, only those the user may choose or change."""

    def get_queryset(self) -> QuerySet[Any]:
        allowed = _choosable(get_image_model(), self.request.user)
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


def choosable_files_only(router: Any) -> None:
    """Replace Wagtail's document and image endpoints of the admin API (registered before, at order 0)."""
    router.register_endpoint("documents", ChoosableDocuments)
    router.register_endpoint("images", ChoosableImages)


def refuse_moves_the_user_may_not_make(request: HttpRequest, page: Any, destination: Any) -> None:
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
