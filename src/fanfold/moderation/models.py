"""Site settings, abuse reports, sanctions on accounts, and the audit log of staff actions."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SITE_SETTINGS_CACHE_KEY = "site-settings"


class RegistrationMode(models.TextChoices):
    OPEN = "open", _("Open: anyone can sign up")
    INVITATION = "invitation", _("Invitation only, with a queue for requests")
    CLOSED = "closed", _("Closed: no new accounts")


class SiteSettings(models.Model):
    """The one row of settings an admin changes at run time (no deploy needed)."""

    registration_mode = models.CharField(
        max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.OPEN
    )
    invitations_per_day = models.PositiveIntegerField(
        default=20, help_text="How many people from the invitation queue are invited each day."
    )
    downloads_enabled = models.BooleanField(default=True)
    banner = models.TextField(
        blank=True, max_length=1000, help_text="Shown at the top of every page (plain text)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "site settings"

    def __str__(self) -> str:
        return "Site settings"

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SITE_SETTINGS_CACHE_KEY)

    @classmethod
    def current(cls) -> "SiteSettings":
        # Read on every page (banner); cached for a minute and dropped on save.
        found = cache.get(SITE_SETTINGS_CACHE_KEY)
        if found is None:
            found, _ = cls.objects.get_or_create(pk=1)
            cache.set(SITE_SETTINGS_CACHE_KEY, found, 60)
        return found


# The first word of each recorded action in the past tense, and each target's moderation page.
_PAST = {
    "warn": "warned", "suspend": "suspended", "ban": "banned", "lift": "lifted",
    "give": "gave", "send": "sent", "hide": "hid", "unhide": "unhid", "mark": "marked",
    "delete": "deleted", "report": "closed the report as",
}  # fmt: skip
_TARGET_PAGES = {
    "work": "moderation:work",
    "comment": "moderation:comment",
    "user": "moderation:user",
    "abusereport": "moderation:report",
}


class AuditEntry(models.Model):
    """One moderator or admin action; kept even when the actor or target is deleted."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=40)
    action = models.CharField(max_length=60)
    target_type = models.CharField(max_length=40)
    target_id = models.CharField(max_length=40)
    target_label = models.CharField(max_length=300)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "audit log"
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.actor_name}: {self.action} {self.target_label}"

    @property
    def sentence(self) -> str:
        """ "mod hid work"; "mod closed the report as resolved": the log reads as sentences."""
        verb, _, rest = self.action.partition(" ")
        return " ".join(part for part in (self.actor_name, _PAST.get(verb, verb), rest) if part)

    @property
    def target_page(self) -> str:
        """The target's moderation page, or "" for targets without one."""
        name = _TARGET_PAGES.get(self.target_type)
        if name is None:
            return ""
        key = self.target_label if self.target_type == "user" else self.target_id
        return reverse(name, args=[key])


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    SUSPENSION = "suspension", _("Suspension")
    BAN = "ban", _("Ban")


class Sanction(models.Model):
    """A warning, suspension (until a date) or ban on an account, with the moderator's note."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=20, choices=SanctionKind.choices)
    note = models.TextField()
    until = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.user}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or commercial content")
    HARASSMENT = "harassment", _("Harassment or threats")
    PERSONAL = "personal", _("Someone's personal information")
    RATING = "rating", _("Wrong rating or missing archive warnings")
    NOT_FANWORK = "not_fanwork", _("Not a fanwork")
    COPYRIGHT = "copyright", _("Copyright or plagiarism")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved: action taken")
    DISMISSED = "dismissed", _("Dismissed: no action needed")


class AbuseReport(models.Model):
    """A report of a work, comment, user or bookmark page, waiting in the moderators' queue."""

    url = models.CharField(max_length=500)
    target_kind = models.CharField(max_length=20)  # work, comment, user, bookmark
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    details = models.TextField(max_length=5000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reporter_email = models.EmailField(blank=True)  # guests may leave one for a reply
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default="open")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["url", "status"], name="report_url_status_idx")]
        permissions = [
            ("moderate", "Can handle abuse reports, sanction users and hide content"),
            ("support", "Can manage the invitation queue and help users"),
        ]

    def __str__(self) -> str:
        return f"report {self.pk} on {self.url}"
