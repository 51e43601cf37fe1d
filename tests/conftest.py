"""The fixed cast every test reuses: an author, a co-creator, an outsider, a guest, a wrangler,
a moderator, a support volunteer and an admin."""

import datetime
import os

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from fanfold.feedback.bookmarks import flush_readings
from fanfold.feedback.hits import flush_hits
from fanfold.search.registry import OVERLAP, current_index, start_empty_index
from tests.epubcheck import epubcheck_available, invalid_epubs, keeping_every_epub
from tests.factories import PASSWORD, UserFactory, WorkFactory


@pytest.fixture(scope="session", autouse=True)
def _every_epub_made_passes_epubcheck(tmp_path_factory):
    if not epubcheck_available():
        if os.environ.get("CI") == "true":
            pytest.fail("epubcheck is not installed; `make test-tools` installs Debian's package.")
        yield  # without epubcheck, EPUBs are still made and read back by the tests
        return
    folder = tmp_path_factory.mktemp("epubs")
    with keeping_every_epub(folder):
        yield
    report = invalid_epubs(folder)
    assert not report, f"EPUBCheck refused EPUBs made in this session:\n{report}"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 costs ~0.1 s per hash by design; tests that check hashing ask for it themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _immediate_tasks_and_an_index_built_before_the_data(settings, tmp_path):
    # Tasks run in the test's own transaction. The filter index starts empty, before the
    # test's data exists, so it knows only what the change log told it: a change that is
    # never announced leaves the index stale and the test sees it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.FILTER_INDEX_POLL_SECONDS = 0
    settings.HITS_FLUSH_SECONDS = 0  # every view is written at once, so counts are exact
    settings.DOWNLOAD_FETCH_IMAGES = False  # no network in tests
    settings.MEDIA_ROOT = tmp_path  # downloads cached by an earlier run are never served
    start_empty_index()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Redis outlives a test's transaction; each test starts with empty caches.
    for alias in caches:
        caches[alias].clear()
    yield


@pytest.fixture
def buffered_hits(settings):
    """Hits as in production: views wait for a flush, and the queued flush task stays queued."""
    settings.HITS_FLUSH_SECONDS = 3600
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yield
    settings.HITS_FLUSH_SECONDS = 0
    # Written now, inside the test's transaction: left in this process's buffers, they would
    # be written into a later test's database, where ids rolled back are given out again.
    flush_hits.call()
    flush_readings.call()


@pytest.fixture
def one_rate_limit_window(time_machine):
    """Budgets are fixed windows that renew on the minute: a test that spends one holds the
    clock still at the start of the next minute, or a run that straddles it sees a fresh budget."""
    now = timezone.now()
    next_minute = now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    time_machine.move_to(next_minute, tick=False)


@pytest.fixture
def settle_index(time_machine):
    """Returns settle(): the index reads every change so far, then the clock jumps past the
    change log's re-read window, so later reads see only changes announced after settle()."""
    time_machine.move_to(timezone.now(), tick=True)

    def settle() -> None:
        current_index()
        time_machine.shift(OVERLAP + datetime.timedelta(seconds=1))

    return settle


@pytest.fixture
def author(db):
    return UserFactory(username="author")


@pytest.fixture
def co_creator(db):
    return UserFactory(username="cocreator")


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")


def member_of(group: str, username: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def wrangler(db):
    return member_of("Tag Wranglers", "wrangler")


@pytest.fixture
def wrangler_client(wrangler):
    return signed_in(wrangler)


@pytest.fixture
def moderator(db):
    return member_of("Moderators", "moderator")


@pytest.fixture
def moderator_client(moderator):
    return signed_in(moderator)


@pytest.fixture
def supporter(db):
    return member_of("Support", "supporter")


@pytest.fixture
def site_admin(db):
    return UserFactory(username="siteadmin", is_staff=True, is_superuser=True)


@pytest.fixture
def maintainer(db):
    """Owns the collections and challenges tests make."""
    return UserFactory(username="maintainer")


@pytest.fixture
def maintainer_client(maintainer):
    return signed_in(maintainer)


@pytest.fixture
def guest():
    return Client()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def author_client(author):
    return signed_in(author)


@pytest.fixture
def outsider_client(outsider):
    return signed_in(outsider)


@pytest.fixture
def admin_client_(site_admin):
    return signed_in(site_admin)


@pytest.fixture
def work(author):
    return WorkFactory(author=author, title="The Lighthouse Ledger")


@pytest.fixture
def password():
    return PASSWORD
