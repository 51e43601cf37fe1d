"""Creates the fixed canonical tags: ratings, archive warnings, categories and AO3's media."""

from django.db import migrations

FIXED = {
    "Rating": ["General Audiences", "Teen And Up Audiences", "Mature", "Explicit", "Not Rated"],
    "ArchiveWarning": [
        "Choose Not To Use Archive Warnings",
        "Graphic Depictions Of Violence",
        "Major Character Death",
        "No Archive Warnings Apply",
        "Rape/Non-Con",
        "Underage Sex",
    ],
    "Category": ["F/F", "F/M", "Gen", "M/M", "Multi", "Other"],
    "Media": [
        "Anime & Manga",
        "Books & Literature",
        "Cartoons & Comics & Graphic Novels",
        "Celebrities & Real People",
        "Movies",
        "Music & Bands",
        "Other Media",
        "Theater",
        "TV Shows",
        "Video Games",
        "Uncategorized Fandoms",
    ],
}


def create_fixed_tags(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    for tag_type, names in FIXED.items():
        for name in names:
            Tag.objects.update_or_create(name=name, type=tag_type, defaults={"canonical": True})


class Migration(migrations.Migration):
    dependencies = [("tags", "0001_initial")]
    operations = [migrations.RunPython(create_fixed_tags, migrations.RunPython.noop)]
