"""Display preferences (skins, time zone, spoiler hiding) and TOTP two-factor sign-in."""

import datetime

import pyotp
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fanfold.accounts.models import TwoFactor
from fanfold.feedback import comments
from tests.factories import PASSWORD, READING_SETTINGS, WorkFactory


def set_preferences(user, **fields) -> None:
    for name, value in fields.items():
        setattr(user.preference, name, value)
    user.preference.save()


def test_preferences_form_saves_skin_time_zone_and_spoiler_choices(author, author_client):
    url = reverse("accounts:preferences", args=["author"])
    form = {
        "skin": "dark",
        "time_zone": "Asia/Tokyo",
        "hide_warnings": "on",
        "keep_history": "on",
        **READING_SETTINGS,
    }
    author_client.post(url, form)
    author.preference.refresh_from_db()
    assert (author.preference.skin, author.preference.time_zone) == ("dark", "Asia/Tokyo")
    assert author.preference.hide_warnings and not author.preference.hide_freeforms
    page = author_client.post(url, {**form, "time_zone": "Mars/Olympus"}).content.decode()
    assert "is not a time zone we know" in page


@pytest.mark.parametrize("skin", ["light", "dark", "contrast"])
def test_the_chosen_skin_styles_every_page(author, author_client, skin):
    set_preferences(author, skin=skin)
    assert f'<body class="skin-{skin}">' in author_client.get("/").content.decode()


def test_times_show_in_the_readers_time_zone(work, author, outsider, outsider_client):
    comment = comments.post_comment(work, outsider, "<p>hi</p>", ip="")
    comment.created_at = datetime.datetime(2026, 1, 1, 23, 30, tzinfo=datetime.UTC)
    comment.save()
    assert "01 Jan 2026, 23:30" in outsider_client.get(work.get_absolute_url()).content.decode()
    set_preferences(outsider, time_zone="Asia/Tokyo")
    assert "02 Jan 2026, 08:30" in outsider_client.get(work.get_absolute_url()).content.decode()


def test_warnings_and_additional_tags_hide_behind_a_click_when_asked(author, author_client):
    work = WorkFactory(
        author=author, warnings=("Major Character Death",), freeforms=("Sad Ending",)
    )
    page = author_client.get(work.get_absolute_url()).content.decode()
    assert "Show warnings" not in page
    set_preferences(author, hide_warnings=True, hide_freeforms=True)
    for url in (work.get_absolute_url(), reverse("works:list")):
        page = author_client.get(url).content.decode()
        assert "<summary>Show warnings</summary>" in page
        assert "<summary>Show additional tags</summary>" in page
        # The tags are still in the page (inside <details>) for tools that read AO3 markup.
        assert "Major Character Death" in page.split("<summary>Show warnings</summary>", 1)[1]


def enable_two_factor(client: Client, login: str) -> str:
    url = reverse("accounts:two_factor", args=[login])
    client.post(url, {"action": "start"})
    secret = TwoFactor.objects.get(user__username=login).secret
    client.post(url, {"action": "confirm", "code": pyotp.TOTP(secret).now()})
    return secret


def test_two_factor_setup_shows_a_qr_code_and_needs_a_right_code(author, author_client):
    url = reverse("accounts:two_factor", args=["author"])
    page = author_client.post(url, {"action": "start"}).content.decode()
    assert "<svg" in page and TwoFactor.objects.get().secret in page
    page = author_client.post(url, {"action": "confirm", "code": "000000"}).content.decode()
    assert "That code is not right" in page
    assert TwoFactor.objects.get().confirmed_at is None


def test_sign_in_asks_for_a_code_once_two_factor_is_on(author, author_client, time_machine):
    secret = enable_two_factor(author_client, "author")
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "author", "password": PASSWORD, "next": "/works"}
    )
    assert response["Location"] == reverse("accounts:login_code")
    assert "Hi, author!" not in client.get("/").content.decode()
    page = client.post(reverse("accounts:login_code"), {"code": "123456"}).content.decode()
    assert "That code is not right" in page
    time_machine.move_to(
        timezone.now() + datetime.timedelta(seconds=60)
    )  # the setup code may not be used again
    response = client.post(reverse("accounts:login_code"), {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == "/works"
    assert "Hi, author!" in client.get("/").content.decode()


def test_a_code_works_only_once(author, author_client, time_machine):
    secret = enable_two_factor(author_client, "author")
    time_machine.move_to(timezone.now() + datetime.timedelta(seconds=60))
    code = pyotp.TOTP(secret).now()
    for expected in (True, False):
        client = Client()
        client.post(reverse("accounts:login"), {"username": "author", "password": PASSWORD})
        client.post(reverse("accounts:login_code"), {"code": code})
        assert ("Hi, author!" in client.get("/").content.decode()) is expected


def test_code_guesses_are_limited_per_account_even_across_sign_ins(
    author, author_client, time_machine
):
    secret = enable_two_factor(author_client, "author")
    time_machine.move_to(timezone.now() + datetime.timedelta(seconds=60))
    wrong = f"{(int(pyotp.TOTP(secret).now()) + 1) % 1_000_000:06d}"
    statuses = []
    for _ in range(10):  # a new sign-in each time: the limit follows the account
        client = Client()
        client.post(reverse("accounts:login"), {"username": "author", "password": PASSWORD})
        statuses.append(client.post(reverse("accounts:login_code"), {"code": wrong}).status_code)
    assert 429 in statuses
    right = client.post(reverse("accounts:login_code"), {"code": pyotp.TOTP(secret).now()})
    assert right.status_code == 429 and "Hi, author!" not in client.get("/").content.decode()


def test_the_code_page_without_a_password_step_goes_back_to_sign_in(db, client):
    assert client.get(reverse("accounts:login_code"))["Location"] == reverse("accounts:login")


def test_turning_two_factor_off_needs_the_password(author, author_client):
    enable_two_factor(author_client, "author")
    url = reverse("accounts:two_factor", args=["author"])
    author_client.post(url, {"action": "disable", "password": "wrong"})
    assert TwoFactor.objects.exists()
    author_client.post(url, {"action": "disable", "password": PASSWORD})
    assert not TwoFactor.objects.exists()


def test_outsider_cannot_see_anothers_two_factor_page(author, outsider_client):
    assert outsider_client.get(reverse("accounts:two_factor", args=["author"])).status_code == 403
