"""Admin for comments and bookmarks; deleting a comment goes through the audited action."""

from django.contrib import admin

from fanfold.feedback.models import Bookmark, Comment
from fanfold.moderation.actions import delete_comment


@admin.action(description="Delete the selected comments (audited; replies stay)")
def delete_comments(modeladmin, request, queryset) -> None:
    for comment in queryset:
        delete_comment(request.user, comment, "deleted from the admin")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "guest_name", "approved", "deleted", "created_at"]
    list_filter = ["approved", "deleted", "hidden_by_creator"]
    search_fields = ["body", "user__username", "guest_name"]
    raw_id_fields = ["work", "chapter", "parent", "user"]
    readonly_fields = ["body", "deleted"]
    actions = [delete_comments]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a hard delete would drop the replies; use the action


@admin.register(Bookmark)
class BookmarkAdmin(admin.ModelAdmin):
    list_display = ["user", "work", "series", "private", "created_at"]
    list_filter = ["private", "rec"]
    raw_id_fields = ["user", "work", "series", "tags"]
