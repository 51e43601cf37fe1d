"""Load shedding in front of Django: a few requests run at once, a bounded queue waits a bounded
time, and the rest are told at once to come back (503 with Retry-After) instead of waiting.

granian's own --backpressure only queues (measured: no 503, waits grow with the queue), so the
budget is kept here, before Django does any work for a request that would be answered too late."""

import threading
from collections.abc import Callable, Iterable

RETRY_AFTER_SECONDS = 5
BUSY_PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Busy</title></head>"
    b"<body><h1>The archive is busy</h1><p>Too many readers at once. Please try again in a "
    b"few seconds.</p></body></html>"
)


class Admission:
    """WSGI wrapper: `concurrent` requests inside the app, at most `queue` more waiting, none
    waiting longer than `budget_seconds`."""

    def __init__(self, app: Callable, *, concurrent: int, queue: int, budget_seconds: float):
        self.app = app
        self.slots = threading.BoundedSemaphore(concurrent)
        self.queue = queue
        self.budget_seconds = budget_seconds
        self.waiting = 0
        self.lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not self._wait_for_a_slot():
            return self._busy(start_response)
        try:
            return self.app(environ, start_response)
        finally:
            self.slots.release()

    def _wait_for_a_slot(self) -> bool:
        with self.lock:
            if self.waiting >= self.queue:
                return False
            self.waiting += 1
        try:
            return self.slots.acquire(timeout=self.budget_seconds)
        finally:
            with self.lock:
                self.waiting -= 1

    def _busy(self, start_response: Callable) -> list[bytes]:
        start_response(
            "503 Service Unavailable",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(BUSY_PAGE))),
                ("Retry-After", str(RETRY_AFTER_SECONDS)),
                ("Cache-Control", "no-store"),
            ],
        )
        return [BUSY_PAGE]
