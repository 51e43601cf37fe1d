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
    return user.subscriptions.filter(**{_TARGET_FIELD[kind]: target_id}).first()
