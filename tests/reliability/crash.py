"""The crash harness: readers and writers send works, chapters, comments, kudos, bookmarks,
imports and page views to a served archive while processes are killed with SIGKILL at random
moments; it remembers which writes were acknowledged so the test can look for each one
afterwards."""

import contextlib
import http.cookiejar
import io
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
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.reliability.served import FANFOLD, Served, environment

PASSWORD = "harbour-crash-test-77"
WRITERS = ["writer_a", "writer_b", "writer_c"]
MIN_KILLS = 3

# Each writer subscribes to the others, so every posted work also sends e-mails.
MAKE_WRITERS = f"""
from django.utils import timezone
from fanfold.accounts.models import User
from fanfold.feedback.models import Subscription
for name in {WRITERS!r}:
    user = User.objects.create_user(name, f"{{name}}@example.org", {PASSWORD!r})
    user.email_confirmed_at = timezone.now()
    user.save()
for reader in User.objects.filter(username__in={WRITERS!r}):
    for writer in User.objects.filter(username__in={WRITERS!r}).exclude(pk=reader.pk):
        Subscription.objects.create(user=reader, creator=writer)
"""


def make_writers(data_dir, **env: str) -> None:
    subprocess.run(
        [FANFOLD, "shell", "-c", MAKE_WRITERS],
        env=environment(data_dir, **env),
        check=True,
        timeout=300,
    )


class Browser:
    """One person's cookies against the served archive; every error is an unacknowledged write.
    Counts each answer in `answers` if given (see `answer_kind`)."""

    def __init__(self, base_url: str, answers: Counter | None = None) -> None:
        self.base_url = base_url
        self.answers = answers
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirects()
        )

    def csrf_token(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, form: dict | None = None) -> tuple[int, str]:
        body = None
        if form is not None:
            data = {**form, "csrfmiddlewaretoken": self.csrf_token()}
            body = urllib.parse.urlencode(data, doseq=True).encode()
        return self.send(urllib.request.Request(self.base_url + path, body))

    def upload(self, path: str, file_name: str, content: bytes) -> tuple[int, str]:
        """Posts a form with one file, as the import form does (multipart/form-data)."""
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
                f"{self.csrf_token()}\r\n--{boundary}\r\n"
                f'Content-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(self.base_url + path, body)
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        return self.send(request)

    def send(self, request: urllib.request.Request) -> tuple[int, str]:
        request.add_header("Referer", request.full_url)
        try:
            with self.opener.open(request, timeout=60) as response:
                status, body = response.status, response.read().decode(errors="replace")
                headers = response.headers
        except urllib.error.HTTPError as error:
            status, body, headers = error.code, error.headers.get("Location", ""), error.headers
        except OSError:
            status, body, headers = 0, "", None
        if self.answers is not None:
            self.answers[answer_kind(request, status, headers)] += 1
        return status, body

    def sign_in(self, username: str) -> bool:
        self.request("/users/login")
        status, _ = self.request("/users/login", {"username": username, "password": PASSWORD})
        return status == 302


def answer_kind(request: urllib.request.Request, status: int, headers) -> int | str:
    """The status; for a server error, what the test must explain: a 503 without Retry-After,
    or any other 5xx with the request it answered (ids as N)."""
    if status < 500 or (status == 503 and headers.get("Retry-After")):
        return status
    path = re.sub(r"\d+", "N", urllib.parse.urlsplit(request.full_url).path)
    what = "503 without Retry-After" if status == 503 else str(status)
    return f"{what}: {request.get_method()} {path}"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the acknowledgement; following it would mix in a second request


@dataclass
class Ledger:
    """What was sent and what the archive acknowledged, by kind of write."""

    sent: Counter = field(default_factory=Counter)
    acknowledged: dict[str, list] = field(default_factory=dict)
    kills: Counter = field(default_factory=Counter)
    # Every answer the writers and readers got: its status (0: no answer at all), or for a
    # server error the archive should not give, a string saying which (`answer_kind`).
    answers: Counter = field(default_factory=Counter)
    works_by: dict[str, list[int]] = field(default_factory=dict)  # acknowledged, per writer
    # The writers (once signed in), the killer and the clock start together.
    start_line: threading.Barrier = field(
        default_factory=lambda: threading.Barrier(len(WRITERS) + 2)
    )

    def has_shown_enough(self) -> bool:
        return sum(self.kills.values()) >= MIN_KILLS and bool(self.acknowledged.get("work"))

    def wait_for_the_start(self) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):  # a writer that never signed in
            self.start_line.wait(timeout=180)

    found: Counter = field(default_factory=Counter)  # acknowledged writes found afterwards

    def summary(self) -> str:
        lines = [f"{'kind':<10}{'sent':>7}{'acked':>7}{'found':>7}"]
        for kind in sorted(self.sent):
            acked = len(self.acknowledged.get(kind, []))
            lines.append(f"{kind:<10}{self.sent[kind]:>7}{acked:>7}{self.found[kind]:>7}")
        lines.append(f"kills {dict(self.kills)}; answers by status {dict(self.answers)}")
        return "\n".join(lines)

    def others_work(self, username: str, rng: random.Random) -> int | None:
        """Kudos go to other people's works (a creator's own kudos are refused, with a 302)."""
        theirs = [w for name, works in self.works_by.items() if name != username for w in works]
        return rng.choice(theirs) if theirs else None

    def server_errors(self) -> dict[str, int]:
        return {kind: n for kind, n in self.answers.items() if isinstance(kind, str)}

    def record(self, kind: str, key, status: int, ok: bool) -> None:
        self.sent[kind] += 1
        if ok:
            self.acknowledged.setdefault(kind, []).append(key)
        elif status == 0 or status >= 500:
            time.sleep(1)  # the server or a database is restarting: do not spin


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


def import_file(title: str) -> bytes:
    """A zip holding one Markdown story: imported by a background task."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("story.md", f"# {title}\n\nThe imported body of {title}.\n")
    return archive.getvalue()


def write_as(browser: Browser, username: str, ledger: Ledger, stop: threading.Event) -> None:
    """Posts works and chapters, imports, comments, gives kudos and bookmarks until told to stop."""
    rng = random.Random(username)
    pseud = None
    while pseud is None and not stop.is_set():  # a kill may interrupt either request
        if browser.sign_in(username):
            pseud = re.search(r'name="pseuds" value="(\d+)"', browser.request("/works/new")[1])
        time.sleep(0.3)
    ledger.wait_for_the_start()
    works: list[int] = []
    n = 0
    while not stop.is_set() and pseud:
        n += 1
        title = f"Crash {username} {n}"
        choice = rng.random()
        if choice < 0.3 or not works:
            status, location = browser.request("/works/new", work_form(title, pseud.group(1)))
            found = re.search(r"/works/(\d+)", location)
            ledger.record("work", title, status, status == 302 and found is not None)
            if status == 302 and found:
                works.append(int(found.group(1)))
                ledger.works_by.setdefault(username, []).append(int(found.group(1)))
            continue
        if choice < 0.4:
            title = f"Imported {username} {n}"
            status, location = browser.upload("/works/import", "batch.zip", import_file(title))
            ledger.record("import", title, status, status == 302 and "/batch/" in location)
            continue
        if choice < 0.55:
            form = {"title": title, "body": f"Chapter text {title}.", "post": "Post"}
            status, _ = browser.request(f"/works/{rng.choice(works)}/chapters/new", form)
            ledger.record("chapter", title, status, status == 302)
            continue
        # Feedback goes to other people's works: a creator's own kudos are refused (with a
        # 302), and a comment on one's own work e-mails nobody.
        work = ledger.others_work(username, rng)
        if work is None:
            continue
        if choice < 0.75:
            status, _ = browser.request(f"/works/{work}/comments", {"body": f"Comment {title}"})
            ledger.record("comment", f"Comment {title}", status, status == 302)
        elif choice < 0.9:
            status, _ = browser.request(f"/works/{work}/kudos", {})
            ledger.record("kudos", (username, work), status, status == 302)
        else:
            status, _ = browser.request(f"/works/{work}/bookmarks/new", {"notes": title})
            ledger.record("bookmark", (username, work), status, status == 302)


def read_as_guests(base_url: str, ledger: Ledger, stop: threading.Event) -> None:
    """Each view from a new guest is a new hit on the work it opens."""
    while not stop.is_set():
        status, page = Browser(base_url, ledger.answers).request("/works")
        found = re.findall(r'href="/works/(\d+)"', page)
        if found:
            guest = Browser(base_url, ledger.answers)
            status, work_page = guest.request(f"/works/{random.choice(found)}")
            # Only a shown work is a hit: imported works are Not Rated, so a new guest gets
            # AO3's adult-content question (a 200 without the work) instead.
            ledger.record("view", None, status, status == 200 and 'id="workskin"' in work_page)
        time.sleep(0.05 if status == 200 else 0.3)


Victims = dict[str, Callable[[], None]]


def process_victims(served: Served) -> Victims:
    """SIGKILL to the web worker, the web server or the task worker."""

    def kill(find: Callable[[], int]) -> Callable[[], None]:
        return lambda: os.kill(find(), signal.SIGKILL)

    return {
        "web worker": kill(lambda: served.web_workers()[0]),
        "web server": kill(served.web_main),
        "task worker": kill(served.task_worker),
    }


def kill_at_random(
    served: Served, victims: Victims, ledger: Ledger, stop: threading.Event, rng: random.Random
) -> None:
    """Once every writer is signed in, kills one victim 0.5 to 3 seconds after the archive
    answers again (killing it while it is still starting would only test start-up)."""
    ledger.wait_for_the_start()
    while not stop.wait(rng.uniform(0.5, 3)):
        name = rng.choice(sorted(victims))
        try:
            victims[name]()
            ledger.kills[name] += 1
        except (StopIteration, IndexError, ProcessLookupError):
            pass  # it is being restarted right now
        served.wait_until_serving(timeout=180)


def run(served: Served, seconds: float, seed: int, victims: Victims) -> Ledger:
    ledger = Ledger()
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=write_as,
            args=(Browser(served.url, ledger.answers), name, ledger, stop),
            daemon=True,
        )
        for name in WRITERS
    ]
    threads.append(
        threading.Thread(target=read_as_guests, args=(served.url, ledger, stop), daemon=True)
    )
    rng = random.Random(seed)
    threads.append(
        threading.Thread(
            target=kill_at_random, args=(served, victims, ledger, stop, rng), daemon=True
        )
    )
    for thread in threads:
        thread.start()
    ledger.wait_for_the_start()  # the run's length counts from when the writing starts
    time.sleep(seconds)
    # On a loaded machine restarts are slow: go on until the run has shown something.
    overtime = time.monotonic() + 300
    while not ledger.has_shown_enough() and time.monotonic() < overtime:
        time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return ledger
