"""Kudos and hits: one each per reader, exact under concurrency, shown on the work page."""

import os
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from fanfold.feedback import hits
from fanfold.feedback.kudos import KudosResult, leave_kudos
from fanfold.works.models import Work
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory


def kudos_url(work) -> str:
    return reverse("feedback:kudos", args=[work.pk])


def count(work, field: str) -> int:
    return Work.objects.values_list(field, flat=True).get(pk=work.pk)


def test_users_leave_kudos_once_and_are_told_politely(work, outsider_client):
    response = outsider_client.post(kudos_url(work), follow=True)
    assert "Thank you for leaving kudos!" in response.content.decode()
    again = outsider_client.post(kudos_url(work), follow=True)
    assert "You have already left kudos here. :)" in again.content.decode()
    assert count(work, "kudos_count") == 1


def test_creators_cannot_kudos_their_own_work(work, author_client):
    response = author_client.post(kudos_url(work), follow=True)
    assert "You can&#x27;t leave kudos on your own work." in response.content.decode()
    assert count(work, "kudos_count") == 0
    assert 'id="new_kudo"' not in author_client.get(work.get_absolute_url()).content.decode()


def test_guests_are_known_by_cookie_and_by_address(work):
    first = Client(REMOTE_ADDR="10.0.0.1")
    first.get(work.get_absolute_url())  # receives the guest cookie
    first.post(kudos_url(work))
    first.post(kudos_url(work))
    same_address = Client(REMOTE_ADDR="10.0.0.1")
    same_address.post(kudos_url(work))
    other = Client(REMOTE_ADDR="10.0.0.2")
    other.get(work.get_absolute_url())
    other.post(kudos_url(work))
    assert count(work, "kudos_count") == 2


def test_work_page_lists_names_and_guests(work, guest):
    for name in ("ann", "ben"):
        leave_kudos(work, UserFactory(username=name), "", "")
    leave_kudos(work, guest_user(), "192.0.2.1", "c" * 32)
    page = " ".join(guest.get(work.get_absolute_url()).content.decode().split())
    assert (
        'ben</a>, <a href="/users/ann">ann</a> as well as 1 guest left kudos on this work!' in page
    )
    assert '<dd class="kudos">3</dd>' in page


def guest_user():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_kudos_on_restricted_work_need_an_account(guest, author):
    work = WorkFactory(author=author, restricted=True)
    assert guest.post(kudos_url(work)).status_code == 302
    assert leave_kudos(work, UserFactory(), "", "") is KudosResult.LEFT


def test_one_hit_per_visitor_per_day_and_never_the_creator(
    work, author_client, outsider_client, guest
):
    for _ in range(3):
        outsider_client.get(work.get_absolute_url())
        author_client.get(work.get_absolute_url())
        guest.get(work.get_absolute_url())
    hits.flush_hits.call()
    assert count(work, "hit_count") == 2
    page = guest.get(work.get_absolute_url()).content.decode()
    assert '<dd class="hits">2</dd>' in page


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="threads need PostgreSQL's row locking; the PostgreSQL run covers this",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_kudos_and_hits_stay_exact():
    work = WorkFactory(author=UserFactory(username="concurrent_author"))
    readers = [UserFactory(username=f"fan{n}") for n in range(25)]
    clients = [signed_in(reader) for reader in readers for _ in range(2)]  # each reader twice
    barrier = threading.Barrier(len(clients))
    errors = []

    def hammer(client):
        try:
            barrier.wait()
            client.post(kudos_url(work))
            client.get(work.get_absolute_url())
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=hammer, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    hits.flush_hits.call()
    assert errors == []
    assert count(work, "kudos_count") == 25 == work.kudos.count()
    assert count(work, "hit_count") == 25


def test_kudos_button_is_on_every_chapter_page(author, outsider_client):
    from fanfold.works.chapters import add_chapter
    from fanfold.works.models import Chapter

    work = WorkFactory(author=author, expected_chapters=2)
    add_chapter(work, Chapter(body="<p>two</p>"), post=True)
    first = work.chapters.get(position=1)
    assert 'id="new_kudo"' in outsider_client.get(first.get_absolute_url()).content.decode()
