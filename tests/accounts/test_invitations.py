"""Registration modes: open, invitation-only with a queue and shared invitations, closed."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from fanfold.accounts.models import Invitation, InviteRequest, User
from fanfold.moderation.invitations import grant_invitations
from fanfold.moderation.models import SiteSettings
from tests.conftest import signed_in
from tests.factories import PASSWORD

NEW_ACCOUNT = {
    "username": "newcomer",
    "email": "new@example.org",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "age_over_13": "on",
    "accepts_terms": "on",
}


def set_mode(mode: str, per_day: int = 20) -> None:
    site = SiteSettings.current()
    site.registration_mode, site.invitations_per_day = mode, per_day
    site.save()


def link_in(message) -> str:
    return next(word for word in message.body.split() if "/signup/" in word)


def test_open_registration_takes_anyone(db, client):
    client.post(reverse("accounts:signup"), NEW_ACCOUNT)
    assert User.objects.filter(username="newcomer").exists()


def test_invitation_only_refuses_a_plain_sign_up_and_points_to_the_queue(db, client):
    set_mode("invitation")
    page = client.get(reverse("accounts:signup")).content.decode()
    assert "need an invitation" in page and reverse("accounts:request_invitation") in page
    client.post(reverse("accounts:signup"), NEW_ACCOUNT)
    assert not User.objects.filter(username="newcomer").exists()


def test_queue_to_invitation_to_account(db, client):
    set_mode("invitation", per_day=1)
    for email in ("first@example.org", "second@example.org"):
        client.post(reverse("accounts:request_invitation"), {"email": email})
    again = client.post(reverse("accounts:request_invitation"), {"email": "SECOND@example.org"})
    assert "number 2 in the queue" in again.content.decode()
    call_command("release_invitations")
    assert [message.to for message in mail.outbox] == [["first@example.org"]]
    assert list(InviteRequest.objects.values_list("email", flat=True)) == ["second@example.org"]
    link = link_in(mail.outbox[0])
    form_page = client.get(link).content.decode()
    assert 'value="first@example.org"' in form_page
    client.post(link, {**NEW_ACCOUNT, "email": "first@example.org"})
    invitation = Invitation.objects.get()
    assert invitation.used_by == User.objects.get(username="newcomer")
    assert "already been used" in client.get(link, follow=True).content.decode()


def test_release_is_a_no_op_unless_registration_is_by_invitation(db, capsys):
    InviteRequest.objects.create(email="waiting@example.org")
    call_command("release_invitations")
    assert "nobody was invited" in capsys.readouterr().out
    assert not mail.outbox


def test_users_share_the_invitations_they_were_given(author, author_client, client):
    set_mode("invitation")
    grant_invitations(author, 2)
    url = reverse("accounts:invitations", args=["author"])
    invitation = author.invitations.first()
    author_client.post(url, {"invitation": invitation.pk, "email": "friend@example.org"})
    assert mail.outbox[-1].to == ["friend@example.org"]
    assert "author has invited you" in mail.outbox[-1].body
    client.post(link_in(mail.outbox[-1]), {**NEW_ACCOUNT, "email": "friend@example.org"})
    assert User.objects.filter(username="newcomer").exists()
    assert "by newcomer" in author_client.get(url).content.decode()


def test_outsider_cannot_see_or_send_anothers_invitations(author, outsider_client):
    invitation = grant_invitations(author, 1)[0]
    url = reverse("accounts:invitations", args=["author"])
    assert outsider_client.get(url).status_code == 403
    outsider_client.post(url, {"invitation": invitation.pk, "email": "x@example.org"})
    assert not mail.outbox


def test_closed_registration_has_no_form_and_no_queue(db, client):
    set_mode("closed")
    assert "not taking new accounts" in client.get(reverse("accounts:signup")).content.decode()
    client.post(reverse("accounts:request_invitation"), {"email": "x@example.org"})
    assert not InviteRequest.objects.exists()


@pytest.mark.parametrize("mode", ["invitation", "closed"])
def test_staff_invitations_work_in_any_mode(site_admin, client, mode):
    set_mode(mode)
    invitation = grant_invitations(site_admin, 1)[0]
    client.post(invitation.get_absolute_url(), NEW_ACCOUNT)
    assert User.objects.filter(username="newcomer").exists()


def test_support_sends_invitations_from_the_queue_now(supporter):
    set_mode("invitation")
    InviteRequest.objects.create(email="waiting@example.org")
    signed_in(supporter).post(reverse("moderation:invitations"), {"count": "5"})
    assert mail.outbox[-1].to == ["waiting@example.org"]


def test_username_changes_are_logged_for_moderators(author, author_client, moderator_client):
    author_client.post(
        reverse("accounts:change_username", args=["author"]),
        {"username": "renamed", "password": PASSWORD},
    )
    page = moderator_client.get(reverse("moderation:user", args=["renamed"])).content.decode()
    assert "Earlier names" in page and "author (until" in page
