"""Admin for challenges: settings, sign-ups with their prompts, assignments and claims."""

from django.contrib import admin

from fanfold.challenges.models import Assignment, Challenge, Claim, Prompt, Signup


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["collection", "kind", "signup_open", "signups_close_at", "assignments_due_at"]
    list_filter = ["kind", "signup_open"]
    search_fields = ["collection__name", "collection__title"]
    raw_id_fields = ["collection"]
    filter_horizontal = ["tag_sets"]


class PromptInline(admin.StackedInline):
    model = Prompt
    extra = 0
    raw_id_fields = ["tags"]
    exclude = ["challenge"]


@admin.register(Signup)
class SignupAdmin(admin.ModelAdmin):
    list_display = ["pseud", "challenge", "created_at"]
    search_fields = ["pseud__name", "challenge__collection__name"]
    raw_id_fields = ["challenge", "pseud"]
    inlines = [PromptInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "challenge", "sent_at", "defaulted_at", "covered_at"]
    list_filter = ["sent_at", "defaulted_at"]
    raw_id_fields = ["challenge", "request_signup", "offer_signup", "pinch_hitter", "work"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["prompt", "pseud", "work", "created_at"]
    raw_id_fields = ["challenge", "prompt", "pseud", "work"]
