"""Admin for works and chapters; hiding goes through the audited moderation actions."""

from django.contrib import admin
from django.db import models

from fanfold.moderation.actions import set_work_hidden
from fanfold.works.models import Chapter, Creatorship, Tagging, Work


class ChapterInline(admin.StackedInline):
    model = Chapter
    extra = 0
    fields = ["position", "title", "posted", "published_on", "word_count"]
    readonly_fields = ["word_count"]


class CreatorshipInline(admin.TabularInline):
    model = Creatorship
    extra = 0
    raw_id_fields = ["pseud"]


class TaggingInline(admin.TabularInline):
    model = Tagging
    extra = 0
    raw_id_fields = ["tag"]


@admin.action(description="Hide the selected works (audited)")
def hide_works(modeladmin, request, queryset) -> None:
    for work in queryset:
        set_work_hidden(request.user, work, True, "hidden from the admin")


@admin.action(description="Unhide the selected works (audited)")
def unhide_works(modeladmin, request, queryset) -> None:
    for work in queryset:
        set_work_hidden(request.user, work, False, "unhidden from the admin")


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ["title", "posted", "restricted", "hidden_by_admin", "word_count", "updated_on"]
    list_filter = ["posted", "restricted", "hidden_by_admin", "unrevealed", "anonymous", "language"]
    search_fields = ["title"]
    # unrevealed and anonymous derive from the work's collections (collections.items).
    readonly_fields = [
        "hidden_by_admin", "unrevealed", "anonymous", "word_count", "chapter_count",
        "published_on", "updated_on", "complete",
    ]  # fmt: skip
    actions = [hide_works, unhide_works]
    # Django 6's default; the model form otherwise warns on every change page.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [CreatorshipInline, TaggingInline, ChapterInline]
