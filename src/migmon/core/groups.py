"""The three editorial groups and their permissions, granted with least privilege.

- Editors write pages (add, change, publish under each language's home page; Wagtail lets publishers
  delete single pages, but without bulk_delete no section or home page with children can go), submit pages
  for translation (wagtail-localize) and translate them, upload and choose images and documents, and edit
  event series and the foresight workspace (scenarios, signposts).
- Data managers reach the admin and manage every model of the data apps (geo, indicators, incidents,
  importers, gcm, progress, publishing) — whatever models those apps have when this runs, so re-running after
  new migrations covers new models. They hold no page, document or image permission, and the admin's page
  chooser follows page rights (:mod:`migmon.core.page_chooser`), so no page title, draft or live, nor any
  document or image reaches them (``core/tests/test_admin_privacy.py`` reads the admin as each role).
- Administrators hold every permission.

``groups_ensure`` sets each group's permissions to exactly these, so running it again repairs drift. It also
removes Wagtail's default "Moderators" group while nobody belongs to it: Wagtail's first migration gives it add,
change and publish rights on the root page, i.e. on every page of every language, more than any role here needs.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS = "Editors"
DATA_MANAGERS = "Data managers"
ADMINISTRATORS = "Administrators"
#: Groups Wagtail's migrations create that no migmon role uses (removed while they have no members).
STRAY_DEFAULT_GROUPS = ("Moderators",)
DATA_APPS = ("geo", "indicators", "incidents", "importers", "gcm", "progress", "publishing")

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
EDITOR_COLLECTION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
EDITOR_MODEL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "content": ("add_eventseries", "change_eventseries", "view_eventseries"),
    # "Translate this page"; editing and publishing the translation is then the page rights above.
    "wagtail_localize": ("submit_translation",),
    # The foresight workspace (scenario sets, scenarios and their assumptions, drivers, signposts) is editorial.
    "foresight": tuple(
        f"{action}_{model}"
        for model in ("scenarioset", "scenario", "assumption", "driver", "signpost", "signal", "trend", "ratinground")
        for action in ("add", "change", "delete", "view")
    )
    # Editors curate signals and trends too, each approving what another wrote (migmon.foresight.curation).
    + ("curate_signal", "curate_trend"),
}


def _submit_translation_ensure() -> None:
    """wagtail-localize creates this permission in a data migration, which a flushed database has lost."""
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )


def _admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _page_permissions(codenames: tuple[str, ...] | None) -> list[Permission]:
    page_type = ContentType.objects.get_for_model(Page)
    permissions = Permission.objects.filter(content_type=page_type)
    return list(permissions if codenames is None else permissions.filter(codename__in=codenames))


def _collection_permissions(by_app: dict[str, tuple[str, ...]] | None) -> list[Permission]:
    if by_app is None:
        return list(Permission.objects.filter(content_type__app_label__in=("wagtailimages", "wagtaildocs")))
    return [
        permission
        for app_label, codenames in by_app.items()
        for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    ]


def _set_page_permissions(group: Group, pages: list[Page], permissions: list[Permission]) -> None:
    wanted = {(page.pk, permission.pk) for page in pages for permission in permissions}
    existing = {(gp.page_id, gp.permission_id): gp.pk for gp in GroupPagePermission.objects.filter(group=group)}
    GroupPagePermission.objects.filter(pk__in=[pk for key, pk in existing.items() if key not in wanted]).delete()
    for page_id, permission_id in sorted(wanted - existing.keys()):
        GroupPagePermission.objects.create(group=group, page_id=page_id, permission_id=permission_id)


def _set_collection_permissions(group: Group, collection: Collection, permissions: list[Permission]) -> None:
    wanted = {permission.pk for permission in permissions}
    current = GroupCollectionPermission.objects.filter(group=group)
    current.exclude(collection=collection, permission_id__in=wanted).delete()
    have = set(current.values_list("permission_id", flat=True))
    for permission_id in sorted(wanted - have):
        GroupCollectionPermission.objects.create(group=group, collection=collection, permission_id=permission_id)


def _home_pages() -> list[Page]:
    """The language home pages, through the app registry: core knows the content app by label only."""
    return list(apps.get_model("content", "HomePage").objects.all())


@transaction.atomic
def groups_ensure() -> dict[str, Group]:
    """Create or repair the three groups; returns them by name."""
    # Wagtail's migration creates the root collection; a flushed database (transactional tests) has none.
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    homes = list(_home_pages())
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, DATA_MANAGERS, ADMINISTRATORS)}

    editors = groups[EDITORS]
    _submit_translation_ensure()
    editor_models = [
        permission
        for app_label, codenames in EDITOR_MODEL_PERMISSIONS.items()
        for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    ]
    editors.permissions.set([_admin_access(), *editor_models])
    _set_page_permissions(editors, homes, _page_permissions(EDITOR_PAGE_PERMISSIONS))
    _set_collection_permissions(editors, root_collection, _collection_permissions(EDITOR_COLLECTION_PERMISSIONS))

    data_managers = groups[DATA_MANAGERS]
    data_managers.permissions.set([_admin_access(), *Permission.objects.filter(content_type__app_label__in=DATA_APPS)])
    _set_page_permissions(data_managers, [], [])
    _set_collection_permissions(data_managers, root_collection, [])

    Group.objects.filter(name__in=STRAY_DEFAULT_GROUPS, user__isnull=True).delete()

    administrators = groups[ADMINISTRATORS]
    administrators.permissions.set(Permission.objects.all())
    tree_root = Page.get_first_root_node()  # none yet in a flushed database: then no page rights to give
    _set_page_permissions(administrators, [tree_root] if tree_root else [], _page_permissions(None))
    _set_collection_permissions(administrators, root_collection, _collection_permissions(None))
    return groups
