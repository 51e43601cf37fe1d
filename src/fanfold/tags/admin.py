"""Admin for tags."""

from django.contrib import admin

from fanfold.tags.models import Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "canonical", "created_at"]
    list_filter = ["type", "canonical"]
    search_fields = ["name"]

    def get_readonly_fields(self, request, obj=None):
        # Synonyms and types have rules (same type, a canonical target) that the wrangling
        # pages check; any save re-derives the works' filter tags (tags.changes).
        return ["merger", "type"] if obj is not None else []
