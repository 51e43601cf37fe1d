"""Admin for gifts; changes reach the audit log through moderation.signals."""

from django.contrib import admin

from fanfold.gifts.models import Gift


@admin.register(Gift)
class GiftAdmin(admin.ModelAdmin):
    list_display = ["work", "recipient", "rejected", "created_at"]
    list_filter = ["rejected"]
    search_fields = ["work__title", "recipient_name", "pseud__name"]
    raw_id_fields = ["work", "pseud"]
