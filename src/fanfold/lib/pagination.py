"""One way to paginate every listing, with the "1 – 20 of 345" range AO3 shows."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, items: QuerySet, per_page: int | None = None) -> Page:
    paginator = Paginator(items, per_page or settings.WORKS_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))
