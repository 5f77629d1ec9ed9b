"""Front-end sign-in: every way a visitor is sent to sign in, in each language, ends on a working login page,
and signing in there brings them back to the page they asked for.

Wagtail's page privacy ("private, accessible to logged-in users") sends visitors to
``WAGTAIL_FRONTEND_LOGIN_URL``; migmon's own protected pages (the registers' manage views) to ``LOGIN_URL``.
Both are the admin's login page, with the throttled form (:mod:`migmon.core.login_throttle`) and its reasons.
"""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from migmon.core import groups

pytestmark = pytest.mark.django_db
PASSWORD = "a correct horse battery staple"
LOGIN = "/admin/login/"


@pytest.fixture
def private_pages(db):
    """The seeded news section of each language made private to signed-in users; an editor to sign in."""
    call_command("import_seeds", verbosity=0)
    call_command("ensure_groups", stdout=io.StringIO())
    user = get_user_model().objects.create_user("editor", password=PASSWORD)
    user.groups.add(Group.objects.get(name=groups.EDITORS))
    pages = {}
    for page in apps.get_model("content", "NewsIndexPage").objects.all():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        pages[page.locale.language_code] = page.url
    return pages


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_a_private_page_sends_visitors_to_a_working_login_page_and_back(private_pages, language):
    client = Client()
    url = private_pages[language]
    assert url.startswith(f"/{language}/")
    refused = client.get(url)
    assert refused.status_code == 302
    assert refused["Location"] == f"{LOGIN}?next={url}"
    login_page = client.get(refused["Location"], HTTP_ACCEPT_LANGUAGE=language)
    assert login_page.status_code == 200 and 'name="password"' in login_page.content.decode()
    assert 'href="/admin/password_reset/"' in login_page.content.decode()  # the admin's page, reset link and all
    form = {"username": "editor", "password": PASSWORD, "next": url}
    signed = client.post(LOGIN, form, HTTP_ACCEPT_LANGUAGE=language)
    assert signed.status_code == 302 and signed["Location"] == url
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_the_registers_manage_pages_send_visitors_to_a_working_login_page(db, language):
    for manage in (f"/{language}/missing-migrants/manage/", f"/{language}/data/gcm/manage/"):
        refused = Client().get(manage)
        assert refused.status_code == 302 and refused["Location"].startswith(LOGIN)
        assert Client().get(refused["Location"], HTTP_ACCEPT_LANGUAGE=language).status_code == 200
