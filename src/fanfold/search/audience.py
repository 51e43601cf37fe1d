"""Who is looking, in the terms the filter index understands (the rule is works.visibility's)."""

from fanfold.search.criteria import Audience
from fanfold.works.visibility import Viewer, is_admin, own_works_out_of_sight


def audience_for(viewer: Viewer) -> Audience:
    """The same rule as visible_works_for, for the index."""
    if not viewer.is_authenticated:
        return Audience()
    if is_admin(viewer):
        return Audience(signed_in=True, admin=True)
    return Audience(signed_in=True, own_work_ids=own_works_out_of_sight(viewer))
