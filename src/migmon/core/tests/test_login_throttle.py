"""Sign-in throttling, e-mail settings and the password reset, through the real Wagtail login pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from migmon.config import env

PASSWORD = "a correct horse battery staple"
LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("editor", email="editor@example.org", password=PASSWORD, is_staff=True)


def sign_in(client: Client, username: str, password: str, address: str = "192.0.2.10", language: str = "en"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_signs_in(editor):
    client = Client()
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert signed_in(client)


def test_after_thirty_wrong_passwords_the_right_one_is_refused_with_the_reason(editor, settings):
    settings.MIGMON_LOGIN_FAILURES_PER_ACCOUNT = "5/900"
    client = Client()
    for attempt in range(30):
        sign_in(client, "editor", f"wrong {attempt}", address=f"192.0.2.{attempt + 1}")
    response = sign_in(client, "editor", PASSWORD, address="198.51.100.7")
    assert response.status_code == 200
    assert not signed_in(client)
    assert "Too many failed sign-in attempts. Try again in 15 minutes." in response.content.decode()


def test_four_wrong_passwords_do_not_lock_the_account(editor, settings):
    settings.MIGMON_LOGIN_FAILURES_PER_ACCOUNT = "5/900"
    client = Client()
    for attempt in range(4):
        sign_in(client, "editor", f"wrong {attempt}")
    sign_in(client, "editor", PASSWORD)
    assert signed_in(client)


def test_one_address_trying_many_accounts_is_refused(editor, settings):
    settings.MIGMON_LOGIN_FAILURES_PER_ACCOUNT = "5/900"
    settings.MIGMON_LOGIN_FAILURES_PER_ADDRESS = "20/900"
    client = Client()
    for attempt in range(20):
        sign_in(client, f"someone-{attempt}", "guess", address="203.0.113.5")
    sign_in(client, "editor", PASSWORD, address="203.0.113.5")
    assert not signed_in(client)
    sign_in(client, "editor", PASSWORD, address="203.0.113.6")
    assert signed_in(client), "another address still signs in to the account"


def test_the_refusal_is_said_in_the_user_s_language(editor, settings):
    settings.MIGMON_LOGIN_FAILURES_PER_ACCOUNT = "2/900"
    client = Client()
    for attempt in range(2):
        sign_in(client, "editor", f"wrong {attempt}")
    french = sign_in(client, "editor", PASSWORD, language="fr").content.decode()
    spanish = sign_in(client, "editor", PASSWORD, language="es").content.decode()
    assert "Trop de tentatives de connexion" in french
    assert "Demasiados intentos fallidos" in spanish


def test_no_limit_when_turned_off(editor, settings):
    settings.MIGMON_LOGIN_FAILURES_PER_ACCOUNT = "0"
    settings.MIGMON_LOGIN_FAILURES_PER_ADDRESS = "0"
    client = Client()
    for attempt in range(30):
        sign_in(client, "editor", f"wrong {attempt}")
    sign_in(client, "editor", PASSWORD)
    assert signed_in(client)


def test_a_protected_page_sends_visitors_to_the_login_page(db):
    response = Client().get("/fr/missing-migrants/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert Client().get(response["Location"]).status_code == 200


def test_password_reset_sends_a_mail_whose_link_sets_a_new_password(editor):
    client = Client()
    page = client.get("/admin/password_reset/")
    assert page.status_code == 200
    client.post("/admin/password_reset/", {"email": "editor@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    new_password = "another long passphrase 42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(new_password)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("console:", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "smtp://mailer:s%40cret@mail.example.org:587?tls=1",
            {
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "mailer",
                "EMAIL_HOST_PASSWORD": "s@cret",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtps://mail.example.org", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False}),
    ],
)
def test_email_url(monkeypatch, url, expected):
    monkeypatch.setenv("EMAIL_URL", url)
    settings = env.email_settings()
    assert {name: settings[name] for name in expected} == expected


def test_an_unknown_email_scheme_fails_at_start_up(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smpt://mail.example.org")
    with pytest.raises(ValueError, match="unknown scheme 'smpt'"):
        env.email_settings()
