"""Admin for users and pseuds."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from fanfold.accounts.models import (
    Invitation,
    InviteRequest,
    Preference,
    Pseud,
    User,
    UsernameChange,
)


class PseudInline(admin.TabularInline):
    model = Pseud
    extra = 0
    fields = ["name", "is_default", "icon", "icon_alt_text"]


@admin.register(User)
class FanfoldUserAdmin(UserAdmin):
    inlines = [PseudInline]
    list_display = ["username", "email", "is_active", "email_confirmed_at", "date_joined"]
    search_fields = ["username", "email"]


@admin.register(Pseud)
class PseudAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "is_default", "created_at"]
    search_fields = ["name", "user__username"]
    raw_id_fields = ["user"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "show_adult_content", "view_full_works"]
    raw_id_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["token", "owner", "sent_to", "sent_at", "used_by", "used_at"]
    search_fields = ["sent_to", "owner__username", "used_by__username"]
    raw_id_fields = ["owner", "used_by"]


@admin.register(InviteRequest)
class InviteRequestAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at"]
    search_fields = ["email"]


@admin.register(UsernameChange)
class UsernameChangeAdmin(admin.ModelAdmin):
    list_display = ["old_username", "new_username", "user", "changed_at"]
    search_fields = ["old_username", "new_username"]
    raw_id_fields = ["user"]
