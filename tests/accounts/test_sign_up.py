"""Sign-up, email confirmation, sign-in, password reset and account changes."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

User = get_user_model()
STRONG = "winter-lantern-42-harbour"


def sign_up(client, **overrides):
    data = {
        "username": "new_reader",
        "email": "new@example.org",
        "password1": STRONG,
        "password2": STRONG,
        "age_over_13": "on",
        "accepts_terms": "on",
    }
    data.update(overrides)
    return client.post(reverse("accounts:signup"), data)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_creates_an_inactive_account_with_a_default_pseud_and_mails_a_link(
    db, client, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    response = sign_up(client)
    user = User.objects.get(username="new_reader")
    assert (
        response.status_code == 200 and "We sent a confirmation link" in response.content.decode()
    )
    assert not user.is_active and user.email_confirmed_at is None
    assert user.default_pseud.name == "new_reader"
    assert user.password.startswith("argon2")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.org"]


def test_unconfirmed_account_is_told_why_it_cannot_sign_in(db, client):
    sign_up(client)
    response = client.post(
        reverse("accounts:login"), {"username": "new_reader", "password": STRONG}
    )
    assert "Please confirm your email address first" in response.content.decode()


def test_confirmation_link_activates_and_signs_in_once(db, client):
    sign_up(client)
    link = link_in(mail.outbox[0])
    response = client.get(link, follow=True)
    user = User.objects.get(username="new_reader")
    assert user.is_active and user.email_confirmed_at is not None
    assert "Your email address is confirmed" in response.content.decode()
    assert response.context["user"] == user
    client.logout()
    again = client.get(link, follow=True)
    assert "not valid any more" in again.content.decode()


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"username": "ab"}, "at least 3 characters"),
        ({"username": "x" * 41}, "at most 40 characters"),
        ({"username": "bad name!"}, "letters, numbers and underscores"),
        ({"username": "_leading"}, "starting and ending with a letter or number"),
        ({"username": "login"}, "is reserved"),
        ({"password1": "password", "password2": "password"}, "This password is too common"),
        ({"password1": "12345678901", "password2": "12345678901"}, "entirely numeric"),
        ({"password2": "something-else-entirely"}, "didn’t match"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"age_over_13": ""}, "This field is required"),
    ],
)
def test_bad_sign_ups_are_refused_with_a_reason_and_keep_the_input(db, client, overrides, error):
    response = sign_up(client, **overrides)
    page = response.content.decode()
    assert error in page
    assert not User.objects.exists()
    assert 'value="new@example.org"' in page or "email" in overrides


def test_user_names_and_emails_are_unique_ignoring_case(db, client):
    UserFactory(username="Taken", email="taken@example.org")
    page = sign_up(client, username="taken", email="TAKEN@example.org").content.decode()
    assert "That user name is already taken." in page
    assert "An account with that email address already exists." in page


def test_sign_in_and_out(db, client, password):
    UserFactory(username="reader")
    response = client.post(reverse("accounts:login"), {"username": "reader", "password": password})
    assert response.status_code == 302
    assert client.get(reverse("archive:home")).context["user"].username == "reader"
    client.post(reverse("accounts:logout"))
    assert not client.get(reverse("archive:home")).context["user"].is_authenticated


def test_wrong_password_says_so_without_revealing_the_account(db, client):
    UserFactory(username="reader")
    for username in ("reader", "nobody_here"):
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": "nope"}
        )
        assert "Please enter a correct user name and password" in response.content.decode()


def test_password_reset_by_email(db, client):
    user = UserFactory(username="forgetful")
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0])
    form_page = client.get(link, follow=True)
    new = "a-brand-new-passphrase-7"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(db, client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "ghost@example.org"}, follow=True
    )
    assert "If an account uses that address" in response.content.decode()
    assert mail.outbox == []


def test_change_username_renames_the_default_pseud(author, author_client, password):
    response = author_client.post(
        reverse("accounts:change_username", args=["author"]),
        {"username": "renamed_author", "password": password},
    )
    author.refresh_from_db()
    assert response.status_code == 302
    assert author.username == "renamed_author"
    assert author.default_pseud.name == "renamed_author"


def test_change_username_needs_the_password(author, author_client):
    response = author_client.post(
        reverse("accounts:change_username", args=["author"]),
        {"username": "renamed_author", "password": "wrong"},
    )
    assert "Your password is not correct." in response.content.decode()


def test_change_email_tells_the_old_address_and_confirms_the_new(author, author_client, password):
    author_client.post(
        reverse("accounts:change_email", args=["author"]),
        {"email": "moved@example.org", "password": password},
    )
    author.refresh_from_db()
    assert author.email == "moved@example.org" and author.email_confirmed_at is None
    assert [m.to for m in mail.outbox] == [["author@example.org"], ["moved@example.org"]]


def test_change_password(author, author_client, password):
    new = "another-long-passphrase-9"
    author_client.post(
        reverse("accounts:change_password", args=["author"]),
        {"old_password": password, "new_password1": new, "new_password2": new},
    )
    author.refresh_from_db()
    assert author.check_password(new)


@pytest.mark.parametrize(
    "name", ["accounts:preferences", "accounts:change_username", "accounts:change_email",
             "accounts:change_password", "accounts:new_pseud", "accounts:drafts"],
)  # fmt: skip
def test_outsider_cannot_touch_someone_elses_account(author, outsider_client, name):
    assert outsider_client.get(reverse(name, args=["author"])).status_code == 403
    assert outsider_client.post(reverse(name, args=["author"]), {}).status_code == 403


def test_repeated_sign_in_attempts_are_paused_with_429_for_real_and_unknown_names(db, client):
    UserFactory(username="target")
    for name in ("target", "nobody_at_all"):
        for _ in range(10):
            client.post(reverse("accounts:login"), {"username": name, "password": "wrong"})
        response = client.post(reverse("accounts:login"), {"username": name, "password": "wrong"})
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 900
        assert "Too many requests" in response.content.decode()
