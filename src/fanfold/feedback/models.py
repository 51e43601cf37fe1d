"""Kudos from users and guests, and the daily visits that make hits."""

from django.conf import settings
from django.db import models
from django.db.models import Q

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
