"""Whether the viewer already subscribes to a work, series or creator: Subscribe or Unsubscribe."""

from django import template

from fanfold.feedback.models import Subscription

register = template.Library()

_TARGET_FIELD = {"work": "work_id", "series": "series_id", "user": "creator_id"}


@register.simple_tag(takes_context=True)
def viewer_subscription(context, kind: str, target_id: int) -> Subscription | None:
    user = context["request"].user
    if not user.is_authenticated or kind not in _TARGET_FIELD:
        return None
    known = context.get("relations")  # the work page read it already (feedback.relations)
    if kind == "work" and known is not None and known.work_id == target_id:
        return Subscription(pk=known.subscription_id) if known.subscription_id else None
    return user.subscriptions.filter(**{_TARGET_FIELD[kind]: target_id}).first()
