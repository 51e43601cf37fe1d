"""Writes a process holds in memory and applies in one batch a few seconds after the first."""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from django.conf import settings
from django.db import connection

Item = TypeVar("Item")


class ProcessBuffer(Generic[Item]):
    """This process's unapplied items, applied by a timer HITS_FLUSH_SECONDS after the first
    one arrives, or by flush(). A batch that fails stays buffered for the next try."""

    def __init__(self, apply: Callable[[list[Item]], int]) -> None:
        self.apply = apply
        self.lock = threading.Lock()
        self.items: list[Item] = []
        self.timer: threading.Timer | None = None

    def add(self, item: Item) -> None:
        with self.lock:
            self.items.append(item)
            if self.timer is None and settings.HITS_FLUSH_SECONDS > 0:
                self.timer = threading.Timer(settings.HITS_FLUSH_SECONDS, self.flush_in_thread)
                self.timer.daemon = True
                self.timer.start()

    def take(self) -> list[Item]:
        with self.lock:
            items, self.items, self.timer = self.items, [], None
            return items

    def put_back(self, items: list[Item]) -> None:
        with self.lock:
            self.items[:0] = items

    def flush(self) -> int:
        items = self.take()
        try:
            return self.apply(items)
        except Exception:
            self.put_back(items)
            raise

    def flush_in_thread(self) -> None:
        try:
            self.flush()
        finally:
            connection.close()  # the timer thread's own connection
