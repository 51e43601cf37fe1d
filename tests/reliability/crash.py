"""The crash harness: readers and writers send works, chapters, comments, kudos, bookmarks and
page views to a served archive while processes are killed with SIGKILL at random moments; it
remembers which writes were acknowledged so the test can look for each one afterwards."""

import http.cookiejar
import os
import random
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

from tests.reliability.served import FANFOLD, Served, environment

PASSWORD = "harbour-crash-test-77"
WRITERS = ["writer_a", "writer_b", "writer_c"]

MAKE_WRITERS = f"""
from django.utils import timezone
from fanfold.accounts.models import User
for name in {WRITERS!r}:
    user = User.objects.create_user(name, f"{{name}}@example.org", {PASSWORD!r})
    user.email_confirmed_at = timezone.now()
    user.save()
"""


def make_writers(data_dir) -> None:
    subprocess.run(
        [FANFOLD, "shell", "-c", MAKE_WRITERS], env=environment(data_dir), check=True, timeout=120
    )


class Browser:
    """One person's cookies against the served archive; every error is an unacknowledged write."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirects()
        )

    def request(self, path: str, form: dict | None = None) -> tuple[int, str]:
        data = None
        if form is not None:
            token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
            data = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token}, doseq=True)
        body = data.encode() if data else None
        request = urllib.request.Request(self.base_url + path, body)
        request.add_header("Referer", self.base_url + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", "")
        except OSError:
            return 0, ""

    def sign_in(self, username: str) -> bool:
        self.request("/users/login")
        status, _ = self.request("/users/login", {"username": username, "password": PASSWORD})
        return status == 302


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the acknowledgement; following it would mix in a second request


@dataclass
class Ledger:
    """What was sent and what the archive acknowledged, by kind of write."""

    sent: Counter = field(default_factory=Counter)
    acknowledged: dict[str, list] = field(default_factory=dict)
    kills: Counter = field(default_factory=Counter)
    answers: Counter = field(default_factory=Counter)  # status codes; 0: no answer at all
    works_by: dict[str, list[int]] = field(default_factory=dict)  # acknowledged, per writer

    def summary(self) -> str:
        acknowledged = {kind: len(keys) for kind, keys in self.acknowledged.items()}
        return (
            f"sent {dict(self.sent)}; acknowledged {acknowledged}; kills {dict(self.kills)}; "
            f"answers by status {dict(self.answers)}"
        )

    def others_work(self, username: str, rng: random.Random) -> int | None:
        """Kudos go to other people's works (a creator's own kudos are refused, with a 302)."""
        theirs = [w for name, works in self.works_by.items() if name != username for w in works]
        return rng.choice(theirs) if theirs else None

    def record(self, kind: str, key, status: int, ok: bool) -> None:
        self.sent[kind] += 1
        self.answers[status] += 1
        if ok:
            self.acknowledged.setdefault(kind, []).append(key)
        elif status == 0 or status >= 500:
            time.sleep(0.3)  # the server is restarting: do not spin


def work_form(title: str, pseud: str) -> dict:
    return {
        "title": title,
        "pseuds": pseud,
        "rating": "General Audiences",
        "warnings": "No Archive Warnings Apply",
        "fandoms": "Original Work",
        "freeforms": "Crash Test",
        "language": "en",
        "expected_chapters": "",
        "comment_permission": "users",
        "chapter-body": f"The body of {title}.",
        "post": "Post",
    }


def write_as(browser: Browser, username: str, ledger: Ledger, stop: threading.Event) -> None:
    """Posts works and chapters, comments, gives kudos and bookmarks until told to stop."""
    rng = random.Random(username)
    while not browser.sign_in(username) and not stop.is_set():
        time.sleep(0.5)
    page = browser.request("/works/new")[1]
    pseud = re.search(r'name="pseuds" value="(\d+)"', page)
    works: list[int] = []
    n = 0
    while not stop.is_set() and pseud:
        n += 1
        title = f"Crash {username} {n}"
        choice = rng.random()
        if choice < 0.35 or not works:
            status, location = browser.request("/works/new", work_form(title, pseud.group(1)))
            found = re.search(r"/works/(\d+)", location)
            ledger.record("work", title, status, status == 302 and found is not None)
            if status == 302 and found:
                works.append(int(found.group(1)))
                ledger.works_by.setdefault(username, []).append(int(found.group(1)))
            continue
        work = rng.choice(works)
        if choice < 0.5:
            form = {"title": title, "body": f"Chapter text {title}.", "post": "Post"}
            status, _ = browser.request(f"/works/{work}/chapters/new", form)
            ledger.record("chapter", title, status, status == 302)
        elif choice < 0.75:
            status, _ = browser.request(f"/works/{work}/comments", {"body": f"Comment {title}"})
            ledger.record("comment", f"Comment {title}", status, status == 302)
        elif choice < 0.9:
            work = ledger.others_work(username, rng) or 0
            if not work:
                continue
            status, _ = browser.request(f"/works/{work}/kudos", {})
            ledger.record("kudos", (username, work), status, status == 302)
        else:
            status, _ = browser.request(f"/works/{work}/bookmarks/new", {"notes": title})
            ledger.record("bookmark", (username, work), status, status == 302)


def read_as_guests(base_url: str, ledger: Ledger, stop: threading.Event) -> None:
    """Each view from a new guest is a new hit on the work it opens."""
    while not stop.is_set():
        status, page = Browser(base_url).request("/works")
        found = re.findall(r'href="/works/(\d+)"', page)
        if found:
            status, _ = Browser(base_url).request(f"/works/{random.choice(found)}")
            ledger.record("view", None, status, status == 200)
        time.sleep(0.05 if status == 200 else 0.3)


def kill_at_random(served: Served, ledger: Ledger, stop: threading.Event, rng: random.Random):
    """SIGKILL to the web worker, the web server or the task worker, 0.5 to 3 seconds after the
    archive answers again (killing it while it is still starting would only test start-up)."""
    victims = {
        "web worker": lambda: served.web_workers()[0],
        "web server": served.web_main,
        "task worker": served.task_worker,
    }
    while not stop.wait(rng.uniform(0.5, 3)):
        name = rng.choice(sorted(victims))
        try:
            os.kill(victims[name](), signal.SIGKILL)
            ledger.kills[name] += 1
        except (StopIteration, IndexError, ProcessLookupError):
            pass  # it is being restarted right now
        served.wait_until_serving(timeout=120)


def run(served: Served, seconds: float, seed: int) -> Ledger:
    ledger = Ledger()
    stop = threading.Event()
    threads = [
        threading.Thread(target=write_as, args=(Browser(served.url), name, ledger, stop))
        for name in WRITERS
    ]
    threads.append(threading.Thread(target=read_as_guests, args=(served.url, ledger, stop)))
    threads.append(
        threading.Thread(target=kill_at_random, args=(served, ledger, stop, random.Random(seed)))
    )
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return ledger
