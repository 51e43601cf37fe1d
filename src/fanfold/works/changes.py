"""Announcing which works changed, from the model layer, so no caller can forget to.

Every save or delete of a work, chapter, tagging or creatorship, every queryset `update()` of
works (the kudos, hits, comment and bookmark counters) and every pseud rename is announced
through `works_changed`; the filter index listens (`search.signals`). Inside `one_notice()`
the row-by-row announcements of a multi-row edit are gathered and sent once at the end.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.dispatch import Signal

# Sent with work_ids (a set of ints) and tags_changed (the works' taggings changed).
works_changed = Signal()

# The layers above works hear of these through signals, since works may not import them
# (docs/architecture.md). Sent with work and chapter (None when the whole work is new to
# readers: posted, or revealed); subscribers are told (feedback.signals).
work_published = Signal()
# Sent with work, pseud (the credit orphaned) and orphan_pseud (who holds it now); the
# work's series move their credit too (series.signals).
credit_orphaned = Signal()


class _Gathering(threading.local):
    def __init__(self) -> None:
        self.depth = 0
        self.work_ids: set[int] = set()
        self.tagged_ids: set[int] = set()


_gathering = _Gathering()


def announce(work_ids: Iterable[int], tags_changed: bool = False) -> None:
    """Tells the listeners these works changed (now, or at the end of `one_notice()`)."""
    ids = {int(work_id) for work_id in work_ids if work_id is not None}
    if not ids:
        return
    if _gathering.depth:
        (_gathering.tagged_ids if tags_changed else _gathering.work_ids).update(ids)
        return
    works_changed.send(sender=None, work_ids=ids, tags_changed=tags_changed)


@contextmanager
def one_notice() -> Iterator[None]:
    """Gathers the announcements made inside and sends them once when the block succeeds.

    Use it inside the transaction of a multi-row edit (posting a work with ten tags): it only
    saves work, since every row change is announced anyway. A failed block is rolled back by
    its transaction, so its announcements are dropped with it.
    """
    _gathering.depth += 1
    succeeded = False
    try:
        yield
        succeeded = True
    finally:
        _gathering.depth -= 1
        if not _gathering.depth:
            tagged, others = _gathering.tagged_ids, _gathering.work_ids - _gathering.tagged_ids
            _gathering.work_ids, _gathering.tagged_ids = set(), set()
            if succeeded:
                announce(tagged, tags_changed=True)
                announce(others)
