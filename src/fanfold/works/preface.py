"""Links that apps above works add to a work's preface: its collections, its recipients.

Works cannot import those apps, so each registers a function from its AppConfig.ready(); the
work page, downloads and feeds ask `preface_links(work)` and show what they get.
"""

from collections.abc import Callable
from dataclasses import dataclass

from fanfold.works.models import Work


@dataclass(frozen=True)
class Link:
    text: str
    url: str = ""  # empty for a name that leads nowhere (a gift to someone without an account)


# Each source answers with a kind ("collections", "recipients") and the work's links of it.
_SOURCES: dict[str, Callable[[Work], list[Link]]] = {}


def register_preface_links(kind: str, source: Callable[[Work], list[Link]]) -> None:
    _SOURCES[kind] = source


def preface_links(work: Work) -> dict[str, list[Link]]:
    return {kind: source(work) for kind, source in _SOURCES.items()}
