"""Creates the Moderators and Support groups (admins are superusers; wranglers have theirs)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {"Moderators": ["moderate"], "Support": ["support"]}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; these groups need theirs now.
    app = apps.get_app_config("moderation")
    app.models_module = True
    create_permissions(app, apps=apps, verbosity=0)
    app.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(codename__in=codenames, content_type__app_label="moderation")
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
