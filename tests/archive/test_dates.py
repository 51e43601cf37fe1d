"""One date format across the site, in <time datetime>, except where readers' tools parse AO3's."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.test import Client

from fanfold.feedback import comments
from tests.factories import UserFactory, WorkFactory

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@time_machine.travel(datetime.datetime(2026, 7, 9, 14, 5, tzinfo=datetime.UTC), tick=False)
def test_blurbs_work_meta_and_comments_wrap_their_dates_in_time_elements():
    work = WorkFactory(title="Tidewater")
    comments.post_comment(work, UserFactory(), "<p>Lovely.</p>", ip="")
    listing = Client().get("/works").content.decode()
    # AO3's blurb date, which ao3-api reads from p.datetime.
    assert '<p class="datetime"><time datetime="2026-07-09">09 Jul 2026</time></p>' in listing
    page = Client().get(work.get_absolute_url()).content.decode()
    # The work meta stays YYYY-MM-DD: FanFicFare and ao3-api parse dd.published.
    assert '<dd class="published"><time datetime="2026-07-09">2026-07-09</time></dd>' in page
    # Everything else reads like the blurbs.
    assert '<time datetime="2026-07-09T14:05:00+00:00">09 Jul 2026, 14:05</time>' in page


def test_no_template_formats_a_date_itself():
    """Dates go through the `when` filter so they all read the same (downloads excepted: they
    are files in AO3's own download format)."""
    formatted_by_hand = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        if path.parts[len(TEMPLATES.parts)] != "downloads"
        for match in re.finditer(r"\|date(:[^|}]*)?", path.read_text())
    ]
    assert formatted_by_hand == []
