"""Admin for works and chapters; hiding a work is a field here until moderation tools exist."""

from django.contrib import admin

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


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ["title", "posted", "restricted", "hidden_by_admin", "word_count", "updated_on"]
    list_filter = ["posted", "restricted", "hidden_by_admin", "language"]
    search_fields = ["title"]
    readonly_fields = ["word_count", "chapter_count", "published_on", "updated_on", "complete"]
    inlines = [CreatorshipInline, TaggingInline, ChapterInline]
