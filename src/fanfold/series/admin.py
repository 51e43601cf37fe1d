"""Admin for series."""

from django.contrib import admin

from fanfold.series.models import Series, SeriesWork


class SeriesWorkInline(admin.TabularInline):
    model = SeriesWork
    extra = 0
    raw_id_fields = ["work"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "complete", "created_at"]
    search_fields = ["title"]
    filter_horizontal = ["creators"]
    inlines = [SeriesWorkInline]
