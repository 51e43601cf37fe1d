"""The signed-in reader's display preferences, for every template (skin, spoiler hiding)."""

from django.http import HttpRequest

from fanfold.accounts.models import Preference


def reader_preferences(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"prefs": None, "skin": "light"}
    prefs: Preference = user.preference
    return {"prefs": prefs, "skin": prefs.skin}
