"""While Redis is unreachable, writes still succeed and guests still get pages (never a
cached one from before the outage); the views they make wait in the process for a flush."""

from django.test import Client

from fanfold.works.models import Work

UNREACHABLE = "redis://127.0.0.1:9/0"  # the discard port: nothing listens, connections refused


def test_writes_and_guest_pages_work_while_redis_is_down(work, settings):
    guest = Client()
    assert work.title in guest.get(work.get_absolute_url()).content.decode()
    settings.REDIS_URL = UNREACHABLE
    work.title = "The Harbour Ledger"
    work.save()  # the page cache's token cannot be changed: the write must stand anyway
    page = guest.get(work.get_absolute_url())
    assert page.status_code == 200
    assert "The Harbour Ledger" in page.content.decode()
    assert Work.objects.get(pk=work.pk).title == "The Harbour Ledger"


def test_a_guests_view_while_redis_is_down_is_counted_from_the_process(work, settings):
    settings.REDIS_URL = UNREACHABLE
    assert Client().get(work.get_absolute_url()).status_code == 200
    work.refresh_from_db()
    assert work.hit_count == 1
