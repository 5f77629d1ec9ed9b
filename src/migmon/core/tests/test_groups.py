"""``ensure_groups``: least-privilege editorial groups, repaired on every run."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from migmon.core import groups

# Through the app registry, as core.groups reads them: core imports no app (import-linter).
HomePage = apps.get_model("content", "HomePage")
NewsPage = apps.get_model("content", "NewsPage")
SectionPage = apps.get_model("content", "SectionPage")

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_groups(db):
    call_command("import_seeds", verbosity=0)
    call_command("ensure_groups", stdout=io.StringIO())


def _member_of(name: str):
    user = get_user_model().objects.create_user(username=f"user-{name}", password="not-used-in-this-test")
    user.groups.add(Group.objects.get(name=name))
    return get_user_model().objects.get(pk=user.pk)


def test_editors_write_and_publish_pages_under_every_home_but_cannot_remove_branches(with_groups):
    editors = Group.objects.get(name=groups.EDITORS)
    page_rules = GroupPagePermission.objects.filter(group=editors)
    assert {rule.page_id for rule in page_rules} == set(HomePage.objects.values_list("pk", flat=True))
    assert {rule.permission.codename for rule in page_rules} == {"add_page", "change_page", "publish_page"}
    assert {p.codename for p in editors.permissions.all()} == {
        "access_admin",
        "add_eventseries",
        "change_eventseries",
        "view_eventseries",
        "submit_translation",
        *groups.EDITOR_MODEL_PERMISSIONS["foresight"],
    }
    assert {r.permission.codename for r in GroupCollectionPermission.objects.filter(group=editors)} == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }
    editor = _member_of(groups.EDITORS)
    release = NewsPage.objects.first()
    rights = release.permissions_for_user(editor)
    assert rights.can_edit() and rights.can_publish()
    assert editor.has_perm("wagtail_localize.submit_translation")  # "Translate this page" (wagtail-localize)
    # Wagtail lets publishers delete single pages; without bulk_delete no branch (a section, a home) goes.
    structure = SectionPage.objects.get(title="Structure", locale__language_code="fr")
    assert not structure.permissions_for_user(editor).can_delete()
    assert not HomePage.objects.get(locale__language_code="fr").permissions_for_user(editor).can_delete()
    assert not Page.get_first_root_node().permissions_for_user(editor).can_add_subpage()
    assert editor.has_perm("wagtailadmin.access_admin") and not editor.has_perm("auth.change_user")


def test_data_managers_manage_only_the_data_apps(with_groups):
    managers = Group.objects.get(name=groups.DATA_MANAGERS)
    apps = set(managers.permissions.exclude(codename="access_admin").values_list("content_type__app_label", flat=True))
    assert apps <= set(groups.DATA_APPS)
    assert managers.permissions.filter(codename="access_admin").exists()
    data_models = Permission.objects.filter(content_type__app_label__in=groups.DATA_APPS)
    assert set(data_models) <= set(managers.permissions.all())
    assert not GroupPagePermission.objects.filter(group=managers).exists()
    manager = _member_of(groups.DATA_MANAGERS)
    assert not NewsPage.objects.first().permissions_for_user(manager).can_edit()


def test_administrators_hold_every_permission(with_groups):
    administrators = Group.objects.get(name=groups.ADMINISTRATORS)
    assert administrators.permissions.count() == Permission.objects.count()
    admin = _member_of(groups.ADMINISTRATORS)
    assert Page.get_first_root_node().permissions_for_user(admin).can_add_subpage()
    assert NewsPage.objects.first().permissions_for_user(admin).can_delete()


def test_running_again_changes_nothing_and_repairs_drift(with_groups):
    def state():
        return (
            sorted(Group.objects.values_list("name", "permissions")),
            sorted(GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id")),
            sorted(GroupCollectionPermission.objects.values_list("group_id", "collection_id", "permission_id")),
        )

    before = state()
    call_command("ensure_groups", stdout=io.StringIO())
    assert state() == before
    editors = Group.objects.get(name=groups.EDITORS)
    editors.permissions.add(Permission.objects.get(codename="delete_user"))
    GroupPagePermission.objects.create(group=editors, page=Page.get_first_root_node(), permission_type="delete")
    call_command("ensure_groups", stdout=io.StringIO())
    assert state() == before


def test_wagtail_s_default_moderators_group_is_removed_unless_someone_belongs_to_it(db):
    call_command("import_seeds", verbosity=0)
    moderators = Group.objects.get(name="Moderators")  # created by Wagtail's migrations, with rights on the root
    assert GroupPagePermission.objects.filter(group=moderators, page=Page.get_first_root_node()).exists()
    call_command("ensure_groups", stdout=io.StringIO())
    assert not Group.objects.filter(name="Moderators").exists()

    kept = Group.objects.create(name="Moderators")
    _member_of("Moderators")
    call_command("ensure_groups", stdout=io.StringIO())
    assert Group.objects.filter(pk=kept.pk).exists(), "a group someone belongs to is the site owner's choice"
