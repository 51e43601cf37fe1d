"""Kudos, hits, comments and the inbox that brings comments to the people they concern."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fanfold.lib.sanitize import sanitize_fields
from fanfold.works.models import Work


class Kudo(models.Model):
    """One per signed-in user, or per guest (known by a hashed IP and by a cookie), per work."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="kudos")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE
    )
    guest_ip = models.CharField(
        max_length=64, blank=True
    )  # sha256 of the address, never the address
    guest_cookie = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                "work", "user", condition=Q(user__isnull=False), name="one_kudo_per_user"
            ),
            models.UniqueConstraint(
                "work", "guest_ip", condition=Q(user__isnull=True), name="one_kudo_per_guest_ip"
            ),
            models.UniqueConstraint(
                "work",
                "guest_cookie",
                condition=Q(user__isnull=True) & ~Q(guest_cookie=""),
                name="one_kudo_per_guest_cookie",
            ),
        ]

    def __str__(self) -> str:
        return f"kudos on {self.work_id}"


class Visit(models.Model):
    """A visitor's first view of a work on a day: the database way of counting hits."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="visits")
    visitor = models.CharField(max_length=64)  # sha256 of user id, or of IP + cookie for guests
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint("work", "visitor", "day", name="one_hit_per_visitor_per_day")
        ]

    def __str__(self) -> str:
        return f"visit to {self.work_id} on {self.day}"


class Comment(models.Model):
    """A comment on a chapter (or the work), or a reply; deleted ones stay as placeholders."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="comments")
    chapter = models.ForeignKey(
        "works.Chapter", null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    guest_name = models.CharField(max_length=100, blank=True)
    guest_email = models.EmailField(blank=True)  # for replies by email later; never shown
    body = models.TextField(max_length=10_000)
    approved = models.BooleanField(default=True)  # False while waiting in a moderation queue
    hidden_by_creator = models.BooleanField(default=False)
    frozen = models.BooleanField(default=False)  # no more replies in this thread
    deleted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["work", "id"], name="comment_work_idx")]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.work_id}"

    def save(self, *args, **kwargs) -> None:
        sanitize_fields(self, "body")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("feedback:comment", args=[self.pk])

    @property
    def author_name(self) -> str:
        if self.user_id:
            return self.user.username if self.user else "[deleted user]"
        return f"{self.guest_name} (Guest)" if self.guest_name else "[deleted user]"


class InboxItem(models.Model):
    """A comment on one of your works, or a reply to one of your comments."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox"
    )
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="inbox_items")
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint("user", "comment", name="inbox_once_per_comment")]

    def __str__(self) -> str:
        return f"inbox of {self.user_id}: {self.comment_id}"


class Bookmark(models.Model):
    """A reader's bookmark of a work or a series: notes, own tags, private or public, a rec."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.CASCADE, related_name="bookmarks"
    )
    series = models.ForeignKey(
        "series.Series", null=True, blank=True, on_delete=models.CASCADE, related_name="bookmarks"
    )
    notes = models.TextField(blank=True)
    tags = models.ManyToManyField("tags.Tag", blank=True, related_name="bookmarks")
    private = models.BooleanField(default=False)
    rec = models.BooleanField(_("Recommend this work"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint("user", "work", name="one_bookmark_per_work"),
            models.UniqueConstraint("user", "series", name="one_bookmark_per_series"),
            models.CheckConstraint(
                condition=Q(work__isnull=True) ^ Q(series__isnull=True),
                name="bookmark_of_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"bookmark of {self.work_id or self.series_id} by {self.user_id}"

    def save(self, *args, **kwargs) -> None:
        sanitize_fields(self, "notes")
        super().save(*args, **kwargs)


class Shelf(models.TextChoices):
    WANT = "want", "Want to read"  # AO3's Marked for Later
    READING = "reading", _("Reading")
    FINISHED = "finished", _("Finished")
    DID_NOT_FINISH = "dnf", _("Did not finish")


class Reading(models.Model):
    """A reader and a work: which shelf it is on, and (when history is on) their visits."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="readings"
    )
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="readings")
    shelf = models.CharField(max_length=10, choices=Shelf.choices, blank=True)
    last_chapter = models.ForeignKey(
        "works.Chapter", null=True, blank=True, on_delete=models.SET_NULL
    )
    last_visited = models.DateTimeField(null=True, blank=True)
    visits = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_visited", "-id"]
        constraints = [models.UniqueConstraint("user", "work", name="one_reading_per_work")]

    def __str__(self) -> str:
        return f"{self.user_id} reading {self.work_id}"

    @property
    def updated_since_read(self) -> bool:
        revised = self.work.revised_at
        return bool(self.last_visited and revised and revised > self.last_visited)


class Subscription(models.Model):
    """Email me when this work gets a chapter, this series a work, or this creator a work."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    series = models.ForeignKey(
        "series.Series",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscribers",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("user", "work", name="subscribe_to_work_once"),
            models.UniqueConstraint("user", "series", name="subscribe_to_series_once"),
            models.UniqueConstraint("user", "creator", name="subscribe_to_creator_once"),
        ]

    def __str__(self) -> str:
        return f"subscription {self.pk} of {self.user_id}"

    @property
    def target(self):
        return self.work or self.series or self.creator


class Notice(models.Model):
    """An update waiting for a reader's daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.subject


class DailyHits(models.Model):
    """Hits per work per day, for the author's chart of hits over time."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="daily_hits")
    day = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint("work", "day", name="daily_hits_once")]

    def __str__(self) -> str:
        return f"{self.hits} hits on {self.work_id} on {self.day}"
