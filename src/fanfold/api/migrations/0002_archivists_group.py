"""Creates the Archivists group (AO3's Open Doors role) holding the import-for-others permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Archivists"


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; this group needs its one now.
    api_app = apps.get_app_config("api")
    api_app.models_module = True
    create_permissions(api_app, apps=apps, verbosity=0)
    api_app.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(codename="import_for_others", content_type__app_label="api")
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_group, remove_group)]
