"""Subscribers to a creator hear of a work posted to an unrevealed collection at the reveal."""

from django.core import mail

from fanfold.collections import items, reveal
from fanfold.feedback.models import Subscription
from fanfold.works.posting import post_draft
from tests.collections.conftest import make_collection
from tests.factories import UserFactory, WorkFactory


def test_creators_subscribers_hear_of_an_unrevealed_work_at_the_reveal_not_before(
    author, maintainer, django_capture_on_commit_callbacks
):
    exchange = make_collection(maintainer, "Quiet_Swap", unrevealed=True)
    fan = UserFactory(username="creator_fan")
    Subscription.objects.create(user=fan, creator=author)
    work = WorkFactory(author=author, title="Winter Gift", posted=False)
    with django_capture_on_commit_callbacks(execute=True):
        items.add_work(exchange, work, author)
        post_draft(work)
    assert not [m for m in mail.outbox if fan.email in m.to]
    with django_capture_on_commit_callbacks(execute=True):
        reveal.reveal_works(exchange, maintainer)
    assert [m.subject for m in mail.outbox if fan.email in m.to] == [
        "[Fanfold Archive] New work: Winter Gift"
    ]
