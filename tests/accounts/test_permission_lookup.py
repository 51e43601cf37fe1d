"""The sign-in backend skips the permission query for readers who hold none: whoever holds
one, directly or through a group, still gets it, and whoever holds none is still refused."""

from django.contrib.auth.models import Group, Permission

from tests.conftest import signed_in
from tests.factories import UserFactory

MODERATION_PAGE = "/moderation"


def test_a_permission_granted_directly_or_by_group_opens_the_moderation_pages(db):
    direct = UserFactory(username="direct")
    direct.user_permissions.add(Permission.objects.get(codename="moderate"))
    grouped = UserFactory(username="grouped")
    group = Group.objects.create(name="Night Watch")
    group.permissions.add(Permission.objects.get(codename="moderate"))
    grouped.groups.add(group)
    for holder in (direct, grouped):
        assert signed_in(holder).get(MODERATION_PAGE).status_code == 200


def test_a_reader_without_permissions_is_refused_them(db):
    assert signed_in(UserFactory(username="plain")).get(MODERATION_PAGE).status_code == 403
