"""Signing in, with the reader's preferences and permissions in one query each per request.

Every signed-in page reads the preferences (skin, adult check, history) and asks a permission
(the header's Moderate and Wrangle links); Django's backend spends a query on the first and two
on the second. Here the user's query also says whether they hold any permission at all, so
the readers who hold none (nearly all of them) spend no query on permissions.
"""

from django.contrib.auth.backends import AllowAllUsersModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q

from fanfold.accounts.models import User


class ArchiveBackend(AllowAllUsersModelBackend):
    """Django's backend (inactive accounts may sign in: the form tells them why they cannot
    yet), fetching the preferences with the user and every permission in one query."""

    def get_user(self, user_id) -> User | None:
        holder = OuterRef("pk")
        granted = Permission.objects.filter(Q(user=holder) | Q(group__user=holder))
        user = (
            User.objects.select_related("preference")
            .annotate(holds_permissions=Exists(granted))
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        # Users loaded elsewhere than get_user have no holds_permissions: they are asked.
        if not user_obj.is_superuser and not getattr(user_obj, "holds_permissions", True):
            return set()
        # Cached on the user for the request, where Django's backend caches them too.
        if not hasattr(user_obj, "_perm_cache"):
            granted = Permission.objects.all()
            if not user_obj.is_superuser:
                granted = granted.filter(Q(user=user_obj) | Q(group__user=user_obj))
            names = granted.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in names.distinct()}
        return user_obj._perm_cache
