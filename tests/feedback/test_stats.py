"""The author's statistics page: totals, per-work rows, filters, the chart, and privacy."""

from django.urls import reverse

from fanfold.feedback import comments
from fanfold.feedback.kudos import leave_kudos
from fanfold.feedback.models import Subscription
from tests.factories import UserFactory, WorkFactory

STATS = reverse("feedback:stats", args=["author"])


def test_author_sees_totals_per_work_and_a_chart(author, author_client, outsider, outsider_client):
    popular = WorkFactory(
        author=author,
        title="Popular",
        fandoms=("Fandom P",),
        published_on=__import__("datetime").date(2023, 5, 1),
    )
    quiet = WorkFactory(author=author, title="Quiet", fandoms=("Fandom Q",))
    outsider_client.get(popular.get_absolute_url())
    for reader in (outsider, UserFactory()):
        leave_kudos(popular, reader, "", "")
    comments.post_comment(popular, outsider, "<p>thread</p>", ip="")
    Subscription.objects.create(user=outsider, work=popular)
    page = " ".join(author_client.get(STATS).content.decode().split())
    assert "<dt>Works:</dt><dd>2</dd>" in page and '<dd class="kudos">2</dd>' in page
    assert '<dd class="hits">1</dd>' in page and "<dt>Comment threads:</dt><dd>1</dd>" in page
    assert "<polyline" in page and "total 1)" in page
    assert page.index("Popular") < page.index("Quiet")  # sorted by hits
    by_fandom = author_client.get(STATS, {"fandom": "Fandom Q"}).content.decode()
    assert "Quiet" in by_fandom and ">Popular<" not in by_fandom
    by_year = author_client.get(STATS, {"year": "2023"}).content.decode()
    assert ">Popular<" in by_year and ">Quiet<" not in by_year
    by_title = " ".join(author_client.get(STATS, {"sort": "title"}).content.decode().split())
    assert by_title.index(">Popular<") < by_title.index(">Quiet<")
    assert quiet.pk


def test_statistics_are_private(author, outsider_client, guest):
    assert outsider_client.get(STATS).status_code == 403
    assert guest.get(STATS).status_code == 403
