"""Who may open what: every role × every URL pattern the site has, each with its expected answer (issue 16, item 8).

The URL list comes from Django's resolver, so a new URL cannot escape: a pattern no rule of :data:`MATRIX` covers
fails ``test_every_url_pattern_is_in_the_matrix``. Each pattern is filled with real objects where the role's
answer depends on them (a page of the tree, an image and a document the editor uploaded) and with an id nobody
has elsewhere, so a role that may use the screen gets its 404 and a role that may not is turned away before the
lookup. Answers are compared as words: ``ok`` (200), ``login`` (a redirect to the admin's sign-in), ``denied``
(Wagtail's redirect to the dashboard with "you do not have permission", or a 403), or the status number.

Roles (``migmon.core.groups``): the anonymous visitor; an editor (writes and publishes pages); a data manager (the
data apps; the four-eyes rule that a second data manager reviews is checked object by object in the incidents and
GCM workflow tests); a clerk who may only enter incidents and pledges; a member of Administrators; a superuser.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from PIL import Image as PILImage

ROLES = ("anonymous", "editor", "data_manager", "clerk", "administrator", "superuser")


@dataclass(frozen=True)
class Route:
    """One URL pattern of the resolver: its route text (``admin/pages/<int:page_id>/edit/``) and name."""

    route: str
    name: str | None


def _walk(patterns, prefix: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield Route(prefix + str(pattern.pattern), pattern.name)


def all_routes() -> list[Route]:
    """Every pattern, with the language prefix written as ``fr/`` (i18n_patterns resolves in the active language)."""
    with translation.override("fr"):
        return list(dict.fromkeys(_walk(get_resolver().url_patterns)))


def classify(response) -> str:
    status = response.status_code
    if status == 200:
        return "ok"
    if status in (301, 302):
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return "login"
        if location in ("/admin/", "/admin"):
            return "denied"
        return "redirect"
    if status == 403:
        return "denied"
    return str(status)


MATRIX_FILE = Path(__file__).with_name("data") / "permission_matrix.tsv"
#: ``MIGMON_MATRIX_WRITE=1`` rewrites the file from what the site answers now: review the diff before committing it.
WRITE = os.environ.get("MIGMON_MATRIX_WRITE") == "1"
#: Screens of the data apps (editors never open them) and of the page tree (data managers never open them).
DATA_SCREENS = (
    "admin/publishing/",
    "admin/areas/",
    "admin/area_aliases/",
    "admin/desa_codes/",
    "admin/series/",
    "admin/sdg_goals/",
    "admin/sdg_targets/",
    "admin/sdg_indicators/",
    "admin/gcm_objectives/",
    "admin/gcm_links/",
    "admin/progress_targets/",
    "admin/progress_target_changes/",
    "fr/missing-migrants/manage/",
    "fr/data/gcm/manage/",
)
PAGE_SCREENS = (
    "admin/pages/",
    "admin/choose-page/",
    "admin/images/",
    "admin/documents/",
    "admin/snippets/",
    "admin/localize/",
    "admin/forms/",
    "admin/redirects/",
    "admin/reports/",
)
ADMINISTRATION_SCREENS = (
    "admin/users/",
    "admin/groups/",
    "admin/sites/",
    "admin/locales/",
    "admin/collections/",
    "admin/workflows/",
    "admin/settings/",
)
#: Listings asked for the secrets by name (a search finds a draft wherever it is in the tree).
SEARCHES = {
    "admin/choose-page/search/": "?q=Brouillon",
    "admin/pages/search/": "?q=Brouillon",
    "admin/documents/chooser/results/": "?q=Note",
    "admin/api/main/^pages/": "?search=Brouillon",
    "fr/search/": "?q=Brouillon",
}
#: Admin screens anyone may open: signing in, resetting a password, the icons and the admin's translations.
PUBLIC_ADMIN = ("admin/login/", "admin/password_reset/", "admin/sprite/", "admin/jsi18n/")
#: Screens of the page tree a data manager opens, and why that is right: choosers (Wagtail's, for any admin user;
#: what they list is checked by the leak test), the "create a page" step that lists the parents the user may add
#: to (none), the workflow-cancellation notice (no workflow here), the history of what the user may see, and the
#: translations report of wagtail-localize.
MANAGER_PAGE_SCREENS = (
    "admin/pages/create/",
    "admin/pages/workflow/confirm_cancellation/",
    "admin/reports/site-history/",
    "admin/localize/jsi18n/",
    "admin/localize/reports/translations/",
)
#: A clerk enters incidents and pledges on the manage pages, outside the Wagtail admin.
CLERK_SCREENS = ("fr/missing-migrants/manage/", "fr/data/gcm/manage/")
DRAFT_TITLE = "Brouillon de la matrice des droits"
EDITOR_DOCUMENT = "Note de l'éditrice pour la matrice"
#: What those must not see; a cell whose answer shows either gets a ``!``.
SECRETS = (DRAFT_TITLE.encode(), EDITOR_DOCUMENT.encode(), "Note de l&#x27;éditrice".encode())


def make_people() -> dict[str, object]:
    from migmon.core.groups import ADMINISTRATORS, DATA_MANAGERS, EDITORS, groups_ensure

    django_user_model = get_user_model()
    call_command("import_seeds", verbosity=0)
    groups = groups_ensure()
    users: dict[str, object] = {"anonymous": None}
    for role, group in (("editor", EDITORS), ("data_manager", DATA_MANAGERS), ("administrator", ADMINISTRATORS)):
        user = django_user_model.objects.create_user(username=role, password="a-long-test-password")
        user.groups.add(groups[group])
        users[role] = user
    clerk = django_user_model.objects.create_user(username="clerk", password="a-long-test-password")
    clerk.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=("incidents", "gcm"),
            codename__in=["view_incident", "add_incident", "change_incident", "view_pledge", "add_pledge",
                          "change_pledge"],
        )
    )  # fmt: skip
    users["clerk"] = clerk
    users["superuser"] = django_user_model.objects.create_superuser(username="root", password="a-long-test-password")
    return users


def make_objects(people: dict[str, object]) -> dict[str, str]:
    """Real objects the URLs are filled with: the news index, a draft news page in it, and an image and a document
    the editor uploaded."""
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from migmon.content.models import NewsPage

    page = NewsPage.objects.filter(locale__language_code="fr").first()
    # A draft only editors may know of: its title must not reach a data manager, a clerk or the public.
    draft = NewsPage(title=DRAFT_TITLE, slug="brouillon-matrice", date=page.date, live=False)
    page.get_parent().add_child(instance=draft)
    draft.save_revision(user=people["editor"])
    picture = BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(picture, format="PNG")
    png = picture.getvalue()
    image = Image.objects.create(
        title="pixel", file=ContentFile(png, name="pixel.png"), uploaded_by_user=people["editor"]
    )
    document = Document.objects.create(
        title=EDITOR_DOCUMENT, file=ContentFile(b"a note\n", name="note.txt"), uploaded_by_user=people["editor"]
    )
    index = page.get_parent()
    return {
        "index": str(index.pk),
        "image": str(image.pk),
        "document": str(document.pk),
        "draft": str(draft.pk),
        "document_file": document.filename,
    }


def fill(route: str, objects: dict[str, str]) -> str:
    """A concrete path for ``route``: real ids for pages, images and documents, an unknown id elsewhere."""
    path = route
    if path.startswith("^media/"):
        return "/media/none.png"
    if path.startswith("documents/^"):
        return f"/documents/{objects['document']}/{objects['document_file']}"
    if path == "api/^.*$":
        return "/api/nothing"
    if "^" in path and path.startswith("fr/"):
        return "/fr/"  # Wagtail's page serving: the home page
    path = path.replace("^", "").replace("$", "")
    groups = {"pk": objects["draft"], "revision_id_a": "earliest", "revision_id_b": "latest"}
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda match: groups.get(match.group(1), "x"), path).replace("\\.", ".")

    def value(match: re.Match[str]) -> str:
        converter, name = (match.group(1) or "str"), match.group(2)
        if name in ("parent_page_id", "destination_id"):
            return objects["index"]
        if name in ("page_id", "page_to_move_id", "page_pk") or (
            name == "pk" and path.startswith(("admin/pages/", "admin/api/main/pages/"))
        ):
            return objects["draft"]
        if name == "image_id" or (name == "pk" and path.startswith("admin/images/")):
            return objects["image"]
        if name in ("document_id", "doc_id") or (name == "pk" and path.startswith("admin/documents/")):
            return objects["document"]
        if name in ("content_type_app_name", "app_label", "app_name"):
            return "content"
        if name in ("content_type_model_name", "model_name"):
            return "newspage"
        if converter == "int" or name.endswith("_id") or name in ("pk", "number"):
            return "987654"
        return "x"

    filled = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, path)
    return filled + SEARCHES.get(route, "")


def observe(people: dict[str, object], objects: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Route → the answer each role gets (in :data:`ROLES` order)."""
    clients = {}
    for role, user in people.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[role] = client
    matrix = {}
    for route in all_routes():
        path = fill(route.route, objects)
        cells = []
        for role in ROLES:
            response = clients[role].get(path)
            body = b"" if getattr(response, "streaming", False) else response.content
            cells.append(classify(response) + ("!" if any(secret in body for secret in SECRETS) else ""))
            if route.name == "wagtailadmin_logout" and people[role] is not None:
                clients[role].force_login(people[role])  # Wagtail signs out even when it refuses the GET
        matrix[route.route] = tuple(cells)
    return matrix


def read_matrix() -> dict[str, tuple[str, ...]]:
    rows = [line.split("\t") for line in MATRIX_FILE.read_text().splitlines()[1:] if line.strip()]
    return {row[0]: tuple(row[1:]) for row in rows}


def write_matrix(matrix: dict[str, tuple[str, ...]]) -> None:
    lines = ["\t".join(("route", *ROLES))] + ["\t".join((route, *cells)) for route, cells in matrix.items()]
    MATRIX_FILE.write_text("\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def observed(django_db_setup, django_db_blocker) -> Iterator[dict[str, tuple[str, ...]]]:
    """Every route asked by every role once for the module, in a transaction rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        people = make_people()
        matrix = observe(people, make_objects(people))
        if WRITE:
            write_matrix(matrix)
        yield matrix
        transaction.set_rollback(True)


def cells_of(matrix: dict[str, tuple[str, ...]], role: str) -> dict[str, str]:
    column = ROLES.index(role)
    return {route: cells[column] for route, cells in matrix.items()}


def test_every_url_pattern_is_in_the_matrix(observed):
    expected = read_matrix()
    missing = [route for route in observed if route not in expected]
    stale = [route for route in expected if route not in observed]
    assert not missing, f"URL patterns with no row in {MATRIX_FILE.name} (MIGMON_MATRIX_WRITE=1 adds them): {missing}"
    assert not stale, f"rows of {MATRIX_FILE.name} for URL patterns that no longer exist: {stale}"


def test_every_role_gets_the_expected_answer_at_every_url(observed):
    expected = read_matrix()
    wrong = [
        f"{route} as {role}: expected {want}, got {got}"
        for route, cells in observed.items()
        if route in expected
        for role, want, got in zip(ROLES, expected[route], cells, strict=True)
        if want != got
    ]
    assert not wrong, "\n".join(wrong)


def test_no_draft_title_or_editor_document_reaches_those_without_page_rights(observed):
    """Issue 16, item 6: data managers (and clerks, and the public) list no draft page nor the editors' files."""
    for role in ("anonymous", "data_manager", "clerk"):
        leaks = [route for route, cell in cells_of(observed, role).items() if cell.endswith("!")]
        assert not leaks, f"{role} sees a draft's title or the editor's document at {leaks}"
    assert any(cell.endswith("!") for cell in cells_of(observed, "editor").values())  # the check can see them


def test_the_public_never_opens_an_admin_or_manage_screen_and_clerks_only_their_manage_pages(observed):
    private = re.compile(r"^(admin/|fr/missing-migrants/manage/|fr/data/gcm/manage/)")
    for role, allowed in (("anonymous", PUBLIC_ADMIN), ("clerk", PUBLIC_ADMIN + CLERK_SCREENS)):
        opened = [
            route
            for route, cell in cells_of(observed, role).items()
            if private.match(route) and cell.startswith("ok") and not route.startswith(allowed)
        ]
        assert not opened, f"{role} opens {opened}"


def chooser(route: str) -> bool:
    return "choose" in route


def test_editors_open_no_data_screen_and_data_managers_no_page_screen(observed):
    editor_opened = [
        route
        for route, cell in cells_of(observed, "editor").items()
        if route.startswith(DATA_SCREENS) and cell.startswith("ok")
    ]
    assert not editor_opened, f"an editor opens data screens: {editor_opened}"
    manager_opened = [
        route
        for route, cell in cells_of(observed, "data_manager").items()
        if route.startswith(PAGE_SCREENS)
        and cell.startswith("ok")
        and not chooser(route)
        and not route.startswith(MANAGER_PAGE_SCREENS)
    ]
    assert not manager_opened, f"a data manager opens page screens: {manager_opened}"


def test_only_administrators_manage_people_sites_and_languages(observed):
    for role in ("editor", "data_manager", "clerk", "anonymous"):
        opened = [
            route
            for route, cell in cells_of(observed, role).items()
            if route.startswith(ADMINISTRATION_SCREENS) and cell.startswith("ok") and not chooser(route)
        ]
        assert not opened, f"{role} opens {opened}"
    assert all(
        cells_of(observed, "administrator")[route].startswith("ok")
        for route in ("admin/users/", "admin/groups/", "admin/sites/", "admin/locales/")
    )


@pytest.mark.django_db
def test_the_write_api_opens_to_a_data_managers_token_only(django_user_model):
    """POST and the import's own URLs: a signed-in session (even a superuser's) is no key, nor an editor's token."""
    from migmon.core.groups import DATA_MANAGERS, EDITORS, groups_ensure
    from migmon.publishing.tokens import token_create

    groups = groups_ensure()
    manager = django_user_model.objects.create_user(username="manager", password="a-long-test-password")
    manager.groups.add(groups[DATA_MANAGERS])
    editor = django_user_model.objects.create_user(username="editor", password="a-long-test-password")
    editor.groups.add(groups[EDITORS])
    root = django_user_model.objects.create_superuser(username="root", password="a-long-test-password")
    manager_token = token_create(user=manager, name="matrix")[1]
    editor_token = token_create(user=editor, name="matrix")[1]
    session = Client()
    session.force_login(root)
    writes = [
        ("post", "/api/v1/imports", 400),
        ("get", "/api/v1/imports/987654", 404),
        ("post", "/api/v1/imports/987654/publish", 404),
        ("post", "/api/v1/imports/987654/discard", 404),
    ]
    for method, path, manager_status in writes:
        answers = {
            "anonymous": getattr(Client(), method)(path).status_code,
            "superuser session": getattr(session, method)(path).status_code,
            "editor token": getattr(Client(), method)(path, headers={"Authorization": f"Bearer {editor_token}"}),
            "manager token": getattr(Client(), method)(path, headers={"Authorization": f"Bearer {manager_token}"}),
        }
        answers["editor token"] = answers["editor token"].status_code
        answers["manager token"] = answers["manager token"].status_code
        assert answers == {
            "anonymous": 401,
            "superuser session": 401,
            "editor token": 401,
            "manager token": manager_status,
        }, path
