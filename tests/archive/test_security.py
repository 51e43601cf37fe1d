"""Security headers, CSRF, and settings that refuse to run unsafely in production."""

import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse


def test_every_page_carries_security_headers(db, guest):
    response = guest.get(reverse("archive:home"))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_forms_refuse_posts_without_the_csrf_token(author):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)
    response = client.post(reverse("works:new"), {"title": "x"})
    assert response.status_code == 403


def test_session_cookie_is_httponly(db, client, password):
    from tests.factories import UserFactory

    UserFactory(username="cookie_reader")
    response = client.post(
        reverse("accounts:login"), {"username": "cookie_reader", "password": password}
    )
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"


def _import_settings(**env) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='fanfold.settings'; django.setup()",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FANFOLD_ENV": "production", "SECRET_KEY": ""}, "needs SECRET_KEY"),
        ({"FANFOLD_ENV": "production", "SECRET_KEY": "x" * 60, "DEBUG": "true"}, "DEBUG on"),
        ({"FANFOLD_ENV": "production", "SECRET_KEY": "django-insecure-" + "x" * 50}, "default one"),
        ({"DEBUG": "maybe"}, "is not a boolean"),
        ({"FANFOLD_ENV": "staging"}, "use embedded or production"),
    ],
)
def test_unsafe_settings_refuse_to_start(env, message):
    result = _import_settings(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_with_a_real_key_starts(tmp_path):
    result = _import_settings(
        FANFOLD_ENV="production", SECRET_KEY="k" * 60, ALLOWED_HOSTS="archive.example",
        FANFOLD_DATA_DIR=str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_email_addresses_are_never_shown_publicly(author, outsider_client, guest):
    from fanfold.feedback import comments
    from tests.factories import WorkFactory

    work = WorkFactory(author=author, freeforms=("Letters",))
    comments.post_comment(work, author, "<p>thanks</p>", ip="")
    for client in (guest, outsider_client):
        for url in (
            reverse("accounts:profile", args=["author"]),
            reverse("accounts:pseud", args=["author", "author"]),
            reverse("accounts:user_works", args=["author"]),
            work.get_absolute_url(),
            reverse("tags:works", args=["Letters"]),
            reverse("search:works_feed"),
            reverse("feedback:kudos_list", args=[work.pk]),
        ):
            assert author.email not in client.get(url).content.decode(), url


@pytest.mark.parametrize("password", ["password", "qwerty123", "iloveyou", "football1"])
def test_passwords_from_the_bundled_breached_list_are_refused(db, client, password):
    form = {"username": "newcomer", "email": "n@example.org", "password1": password,
            "password2": password, "age_over_13": "on", "accepts_terms": "on"}  # fmt: skip
    page = client.post(reverse("accounts:signup"), form).content.decode()
    assert "This password is too common" in page
