"""Admin for tag sets and their nominations."""

from django.contrib import admin

from fanfold.tagsets.models import OwnedTagSet, TagNomination, TagSetRole


class TagSetRoleInline(admin.TabularInline):
    model = TagSetRole
    extra = 0
    raw_id_fields = ["pseud"]


@admin.register(OwnedTagSet)
class OwnedTagSetAdmin(admin.ModelAdmin):
    list_display = ["title", "visible", "usable", "nominated", "updated_at"]
    search_fields = ["title"]
    raw_id_fields = ["tags"]
    inlines = [TagSetRoleInline]


@admin.register(TagNomination)
class TagNominationAdmin(admin.ModelAdmin):
    list_display = ["tagname", "tag_type", "tag_set", "pseud", "status"]
    list_filter = ["status", "tag_type"]
    raw_id_fields = ["tag_set", "pseud"]
