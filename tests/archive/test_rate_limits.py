"""Every rate-limited action answers with the same 429 page and a Retry-After header."""

import pytest
from django.urls import reverse

from fanfold.feedback.models import Comment, Kudo
from fanfold.moderation.models import SiteSettings
from fanfold.works.models import CommentPermission
from tests.conftest import signed_in
from tests.factories import WorkFactory

pytestmark = pytest.mark.usefixtures("one_rate_limit_window")


def tight_limits(settings, **scopes: int) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, **{k: (v, 60) for k, v in scopes.items()}}


def assert_limited(response) -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Too many requests" in response.content.decode()
    assert "Nothing you did has been lost" in response.content.decode()


def test_every_address_has_a_request_budget(settings, db, guest):
    tight_limits(settings, request=3)
    for _ in range(3):
        assert guest.get(reverse("archive:home")).status_code == 200
    assert_limited(guest.get(reverse("archive:home")))


def test_sign_ups_are_limited_per_address(settings, db, guest):
    tight_limits(settings, signup=2)
    for _ in range(2):
        guest.post(reverse("accounts:signup"), {"username": "x"})
    assert_limited(guest.post(reverse("accounts:signup"), {"username": "x"}))


def test_comments_are_limited_per_account_and_the_refused_one_is_not_saved(
    settings, work, outsider_client
):
    tight_limits(settings, comment=2)
    url = reverse("feedback:post_comment", args=[work.pk])
    for n in range(2):
        outsider_client.post(url, {"body": f"<p>note {n}</p>"})
    assert_limited(outsider_client.post(url, {"body": "<p>one too many</p>"}))
    assert Comment.objects.count() == 2


def test_guest_comments_have_their_own_smaller_budget(settings, work, guest):
    tight_limits(settings, guest_comment=1)
    work.comment_permission = CommentPermission.EVERYONE
    work.save()
    url = reverse("feedback:post_comment", args=[work.pk])
    form = {"body": "<p>hello</p>", "guest_name": "Wren", "guest_email": "w@example.org"}
    guest.post(url, form)
    assert_limited(guest.post(url, form))


def test_kudos_are_limited(settings, author, outsider):
    tight_limits(settings, kudos=2)
    client = signed_in(outsider)
    works = [WorkFactory(author=author) for _ in range(3)]
    for work in works[:2]:
        client.post(reverse("feedback:kudos", args=[work.pk]))
    assert_limited(client.post(reverse("feedback:kudos", args=[works[2].pk])))
    assert Kudo.objects.count() == 2


def test_downloads_are_limited(settings, work, guest):
    tight_limits(settings, download=1)
    url = reverse("downloads:work", args=[work.pk, "Lighthouse", "html"])
    assert guest.get(url).status_code == 200
    assert_limited(guest.get(url))


@pytest.mark.parametrize("path", ["/works", "/works?work_search[query]=sea"])
def test_searches_and_listings_are_limited(settings, db, guest, path):
    tight_limits(settings, search=2)
    for _ in range(2):
        assert guest.get(path).status_code == 200
    assert_limited(guest.get(path))


def test_one_readers_budget_does_not_limit_another(settings, work, outsider_client, author_client):
    tight_limits(settings, search=1)
    assert outsider_client.get("/works").status_code == 200
    assert outsider_client.get("/works").status_code == 429
    assert author_client.get("/works").status_code == 200


def test_invitation_requests_are_limited(settings, db, guest):
    site = SiteSettings.current()
    site.registration_mode = "invitation"
    site.save()
    tight_limits(settings, invite_request=1)
    guest.post(reverse("accounts:request_invitation"), {"email": "a@example.org"})
    assert_limited(guest.post(reverse("accounts:request_invitation"), {"email": "b@example.org"}))


def test_abuse_reports_are_limited(settings, work, guest):
    tight_limits(settings, report=1)
    form = {"url": work.get_absolute_url(), "reason": "spam", "details": "advert"}
    guest.post(reverse("moderation:report_new"), form)
    assert_limited(guest.post(reverse("moderation:report_new"), form))
