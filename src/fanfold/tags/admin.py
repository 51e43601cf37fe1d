"""Admin for tags."""

from django.contrib import admin

from fanfold.tags.models import Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "canonical", "created_at"]
    list_filter = ["type", "canonical"]
    search_fields = ["name"]

    def get_readonly_fields(self, request, obj=None):
        # Synonyms and types decide works' filter tags: change them on the wrangling pages,
        # which re-derive the affected works (docs/decisions.md, "Change notification").
        return ["merger", "type"] if obj is not None else []
