"""People search (AO3's /people/search): pseuds by name, with the works each viewer may see."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from fanfold.accounts.models import Pseud
from fanfold.search.audience import audience_for
from fanfold.search.models import FilterTagging
from fanfold.search.registry import current_index
from fanfold.search.words import every_word_in
from fanfold.tags.models import Tag
from fanfold.works.models import Creatorship
from fanfold.works.visibility import Viewer, is_admin


@dataclass
class PeopleQuery:
    name: str = ""  # words of the pseud's or the user's name
    query: str = ""  # words of the name or the pseud's description
    fandom: str = ""  # comma-separated fandom names the person has written in


def find_pseuds(asked: PeopleQuery) -> QuerySet[Pseud]:
    """Pseuds of active accounts matching every word; a fandom limits to credited works in it."""
    pseuds = Pseud.objects.filter(user__is_active=True).select_related("user")
    pseuds = pseuds.filter(every_word_in(Pseud, ("name", "user__username"), asked.name))
    pseuds = pseuds.filter(
        every_word_in(Pseud, ("name", "user__username", "description"), asked.query)
    )
    fandom_names = [name.strip() for name in asked.fandom.split(",") if name.strip()]
    if fandom_names:
        fandoms = Tag.objects.filter(name__in=fandom_names).select_related("merger")
        filter_ids = [tag.filter_tag.pk for tag in fandoms]
        in_fandom = FilterTagging.objects.filter(tag_id__in=filter_ids).values("work_id")
        credited = Creatorship.objects.filter(work_id__in=in_fandom, work__anonymous=False)
        pseuds = pseuds.filter(id__in=credited.values("pseud_id"))
    return pseuds.order_by("name", "id")


def visible_work_counts(pseuds: list[Pseud], viewer: Viewer) -> dict[int, int]:
    """Works credited to each pseud that the viewer may see (anonymous ones only for the
    creator and admins, as on the pseud's own page)."""
    works_of: dict[int, list[int]] = defaultdict(list)
    creatorships = Creatorship.objects.filter(pseud__in=pseuds, work__posted=True)
    for pseud_id, work_id, anonymous, user_id in creatorships.values_list(
        "pseud_id", "work_id", "work__anonymous", "pseud__user_id"
    ):
        if not anonymous or is_admin(viewer) or viewer.pk == user_id:
            works_of[pseud_id].append(work_id)
    counts = current_index().visible_counts(works_of, audience_for(viewer))
    return {pseud.pk: counts.get(pseud.pk, 0) for pseud in pseuds}
