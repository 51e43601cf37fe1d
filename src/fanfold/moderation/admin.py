"""Admin for site settings, reports, sanctions and the read-only audit log.

Every change saved here reaches the audit log through moderation.signals."""

from django.contrib import admin

from fanfold.moderation import feedback_admin, work_admin  # noqa: F401 - registers them: their actions are audited here
from fanfold.moderation.models import AbuseReport, AuditEntry, Sanction, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "registration_mode", "downloads_enabled", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_name", "target_label", "note"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "until", "lifted_at", "given_by", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "given_by"]
    readonly_fields = ["user", "kind", "note", "until", "given_by", "created_at"]


@admin.register(AbuseReport)
class AbuseReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "url", "target_kind", "reason", "status"]
    list_filter = ["status", "reason", "target_kind"]
    raw_id_fields = ["reporter", "handled_by"]
