"""Personal access tokens (stored as hashes) and archivists' invitations to claim imported works."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "read", _("Read what you can see, your shelves, history and subscriptions")
    POST = "post", _("Post works and add chapters")
    BOOKMARK = "bookmark", _("Bookmark")
    KUDOS = "kudos", _("Leave kudos")
    COMMENT = "comment", _("Comment")
    IMPORT = "import", _("Import works for their creators (archivists only)")


class AccessToken(models.Model):
    """A token a user made for one program; only its SHA-256 is kept, the secret is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(max_length=100)
    # The first characters of the secret, so the owner can tell tokens apart on the page.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("import_for_others", "Can import works for their original creators")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.user_id}"

    def allows(self, scope: str) -> bool:
        return scope in self.scopes


class ClaimInvitation(models.Model):
    """An imported work waiting for its original creator, who is mailed a one-use link."""

    work = models.OneToOneField("works.Work", on_delete=models.CASCADE, related_name="claim")
    archivist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    creator_name = models.CharField(max_length=255)
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["email"], name="claim_email_idx")]

    def __str__(self) -> str:
        return f"claim of {self.work_id} for {self.creator_name}"
