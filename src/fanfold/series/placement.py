"""Putting works into series and keeping the parts numbered 1..n."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from fanfold.accounts.models import Pseud, User
from fanfold.series.models import Series, SeriesWork
from fanfold.works.models import Work
from fanfold.works.posting import save_work


@dataclass(frozen=True)
class SeriesPlacement:
    """Where a creator asked for a work to go: an existing series or a new title."""

    series: Series | None = None
    new_title: str = ""
    position: int | None = None  # None appends at the end


def series_of(user: User) -> QuerySet[Series]:
    return Series.objects.filter(creators__user=user).distinct().order_by("title")


def save_work_in_series(
    work: Work,
    *,
    pseuds: list[Pseud],
    series: SeriesPlacement | None,
    leave_series: Iterable[Series] = (),
    **saving: Any,
) -> Work:
    """Saves the work (works.posting.save_work takes `saving`) and its series, all or nothing."""
    with transaction.atomic():
        save_work(work, pseuds=pseuds, **saving)
        for old_series in leave_series:
            remove_work_from_series(work, old_series)
        if series is not None:
            place_work_in_series(work, pseuds, series)
    return work


def place_work_in_series(work: Work, pseuds: list[Pseud], placement: SeriesPlacement) -> Series:
    with transaction.atomic():
        series = placement.series
        if series is None:
            series = Series.objects.create(title=placement.new_title)
        series.creators.add(*pseuds)
        parts = [m for m in series.memberships.order_by("position", "id") if m.work_id != work.pk]
        membership, _ = SeriesWork.objects.get_or_create(series=series, work=work)
        index = len(parts) if placement.position is None else max(placement.position - 1, 0)
        parts.insert(min(index, len(parts)), membership)
        _renumber(parts)
        return series


def remove_work_from_series(work: Work, series: Series) -> None:
    with transaction.atomic():
        SeriesWork.objects.filter(series=series, work=work).delete()
        _renumber(list(series.memberships.order_by("position", "id")))


def _renumber(parts: list[SeriesWork]) -> None:
    for position, part in enumerate(parts, start=1):
        if part.position != position:
            part.position = position
            part.save(update_fields=["position"])
