"""Creates the Tag Wranglers group (AO3's wrangler role) holding the wrangling permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Tag Wranglers"


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; this group needs its one now.
    tags_app = apps.get_app_config("tags")
    tags_app.models_module = True
    create_permissions(tags_app, apps=apps, verbosity=0)
    tags_app.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(codename="wrangle_tag", content_type__app_label="tags")
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tags", "0004_wrangling_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_group, remove_group)]
