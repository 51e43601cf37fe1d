"""Admin for collections, their participants and items; changes reach the audit log through
moderation.signals, and item edits recompute their work's derived flags."""

from django.contrib import admin
from django.db import models

from fanfold.collections.items import refresh_work_flags
from fanfold.collections.models import Collection, CollectionItem, CollectionParticipant


class ParticipantInline(admin.TabularInline):
    model = CollectionParticipant
    raw_id_fields = ["pseud"]
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "closed", "moderated", "unrevealed", "anonymous", "created_at"]
    list_filter = ["closed", "moderated", "unrevealed", "anonymous"]
    search_fields = ["name", "title"]
    raw_id_fields = ["parent"]
    inlines = [ParticipantInline]
    # Django 6's default; the model form otherwise warns on every change page.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(CollectionItem)
class CollectionItemAdmin(admin.ModelAdmin):
    list_display = [
        "__str__", "user_approval_status", "collection_approval_status", "unrevealed", "anonymous",
    ]  # fmt: skip
    list_filter = ["user_approval_status", "collection_approval_status", "unrevealed", "anonymous"]
    search_fields = ["collection__name", "work__title"]
    raw_id_fields = ["collection", "work", "bookmark"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        refresh_work_flags(obj.work)

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        refresh_work_flags(obj.work)

    def delete_queryset(self, request, queryset) -> None:
        works = [item.work for item in queryset.select_related("work")]
        super().delete_queryset(request, queryset)
        for work in works:
            refresh_work_flags(work)
