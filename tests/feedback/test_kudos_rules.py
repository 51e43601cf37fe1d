"""Kudos rules the common journeys miss: guests without a cookie, long lists, sorting at once."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from fanfold.accounts.models import Block
from fanfold.feedback.kudos import KudosResult, leave_kudos
from fanfold.feedback.models import Kudo
from fanfold.works.models import Work
from tests.factories import UserFactory, WorkFactory


def kudos_count(work) -> int:
    return Work.objects.values_list("kudos_count", flat=True).get(pk=work.pk)


def test_guests_without_a_cookie_are_told_apart_by_address(work):
    guest = AnonymousUser()
    assert leave_kudos(work, guest, "192.0.2.1", "") is KudosResult.LEFT
    assert leave_kudos(work, guest, "192.0.2.2", "") is KudosResult.LEFT
    assert leave_kudos(work, guest, "192.0.2.1", "") is KudosResult.ALREADY
    assert kudos_count(work) == 2
    # The address is kept only as a one-way hash.
    stored = set(Kudo.objects.values_list("guest_ip", flat=True))
    assert not stored & {"192.0.2.1", "192.0.2.2", ""}
    assert len(stored) == 2


def test_a_guest_cookie_counts_once_across_addresses(work):
    guest = AnonymousUser()
    assert leave_kudos(work, guest, "192.0.2.1", "c" * 32) is KudosResult.LEFT
    assert leave_kudos(work, guest, "198.51.100.9", "c" * 32) is KudosResult.ALREADY
    assert leave_kudos(work, guest, "198.51.100.9", "d" * 32) is KudosResult.LEFT
    assert kudos_count(work) == 2


def test_kudos_on_one_work_do_not_block_kudos_on_another(author, outsider):
    first, second = WorkFactory(author=author), WorkFactory(author=author)
    assert leave_kudos(first, outsider, "", "") is KudosResult.LEFT
    assert leave_kudos(second, outsider, "", "") is KudosResult.LEFT
    guest = AnonymousUser()
    assert leave_kudos(first, guest, "192.0.2.1", "e" * 32) is KudosResult.LEFT
    assert leave_kudos(second, guest, "192.0.2.1", "e" * 32) is KudosResult.LEFT
    assert (kudos_count(first), kudos_count(second)) == (2, 2)


def test_the_work_page_names_the_fifty_latest_and_counts_the_rest(work, guest):
    fans = [UserFactory(username=f"fan{n:02}") for n in range(52)]
    for fan in fans:
        leave_kudos(work, fan, "", "")
    page = " ".join(guest.get(work.get_absolute_url()).content.decode().split())
    assert ">fan51</a>, <a" in page and ">fan02</a>" in page  # newest first
    assert ">fan01</a>" not in page and ">fan00</a>" not in page
    assert "2 more users</a>" in page
    assert '<dd class="kudos">52</dd>' in page
    assert "guest" not in page.split("more users")[1].split("</p>")[0]


def test_guests_are_not_counted_among_the_users_past_the_fiftieth(work, guest):
    for n in range(51):
        leave_kudos(work, UserFactory(username=f"fan{n:02}"), "", "")
    for ip, cookie in (("192.0.2.1", "f" * 32), ("192.0.2.2", "g" * 32)):
        assert leave_kudos(work, AnonymousUser(), ip, cookie) is KudosResult.LEFT
    page = " ".join(guest.get(work.get_absolute_url()).content.decode().split())
    assert ">fan01</a>" in page and ">fan00</a>" not in page
    assert "1 more user</a> as well as 2 guests left kudos on this work!" in page
    assert '<dd class="kudos">53</dd>' in page


def test_a_work_sorted_by_kudos_moves_up_as_soon_as_it_gets_them(author, outsider, guest):
    quiet, _loved = (WorkFactory(author=author, title=t) for t in ("Quiet Work", "Loved Work"))
    listing = reverse("works:list") + "?work_search[sort_column]=kudos_count"
    first = guest.get(listing).content.decode()
    assert first.index("Loved Work") < first.index("Quiet Work")  # equal kudos: newest first
    leave_kudos(quiet, outsider, "", "")
    page = guest.get(listing).content.decode()
    assert page.index("Quiet Work") < page.index("Loved Work")


def test_a_creator_who_blocked_the_reader_refuses_their_kudos(db):
    # More users than creatorships, so a user's id and a creatorship's id differ.
    UserFactory.create_batch(3)
    creator, reader = UserFactory(username="blocker"), UserFactory(username="blocked")
    work = WorkFactory(author=creator)
    assert work.creatorships.get().pk != creator.pk
    Block.objects.create(blocker=creator, blocked=reader)
    assert leave_kudos(work, reader, "", "") is KudosResult.BLOCKED
    assert kudos_count(work) == 0
