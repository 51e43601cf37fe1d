"""A collection, the pseuds taking part in it, and the works and bookmarks it holds."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.models import Pseud
from fanfold.feedback.models import Bookmark
from fanfold.lib.sanitize import sanitize_fields
from fanfold.works.models import Work

# AO3's rule: the name is the collection's URL, so letters, digits and inner underscores only.
COLLECTION_NAME_RULE = RegexValidator(
    r"^[A-Za-z0-9]\w*[A-Za-z0-9]\Z",
    "must begin and end with a letter or number; it may also contain underscores. It may not "
    "contain any other characters, including spaces.",
)
NO_COMMA_RULE = RegexValidator(
    r",", "Sorry, the ',' character cannot be in a collection Display Title.", inverse_match=True
)


class Collection(models.Model):
    name = models.CharField(
        max_length=255,
        validators=[COLLECTION_NAME_RULE],
        help_text=_("The short name used in the collection's URL; it cannot be changed later."),
    )
    title = models.CharField(_("Display title"), max_length=255, validators=[NO_COMMA_RULE])
    description = models.TextField(_("Brief description"), max_length=1250, blank=True)
    email = models.EmailField(_("Collection email"), blank=True)
    icon = models.ImageField(upload_to="collection-icons/", blank=True)
    icon_alt_text = models.CharField(max_length=250, blank=True)
    header_image_url = models.URLField(max_length=500, blank=True)
    # One level only, as on AO3: a subcollection cannot have subcollections of its own.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    # AO3's collection profile: stored sanitised.
    intro = models.TextField(_("Introduction"), blank=True)
    faq = models.TextField(_("FAQ"), blank=True)
    rules = models.TextField(blank=True)
    gift_notification = models.TextField(blank=True)
    assignment_notification = models.TextField(blank=True)
    # AO3's collection preferences.
    closed = models.BooleanField(
        _("This collection is closed"), default=False, help_text=_("No new items can be added.")
    )
    moderated = models.BooleanField(
        _("This collection is moderated"),
        default=False,
        help_text=_("Items from non-members wait for a maintainer's approval."),
    )
    unrevealed = models.BooleanField(
        _("This collection is unrevealed"),
        default=False,
        help_text=_("Works are shown as Mystery Works until the maintainers reveal them."),
    )
    anonymous = models.BooleanField(
        _("This collection is anonymous"),
        default=False,
        help_text=_("Creators are hidden until the maintainers reveal them."),
    )
    email_notify = models.BooleanField(
        _("Send a message to the collection email when a work is added"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [Lower("title"), "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="collection_name_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        sanitize_fields(self, "description", "intro", "faq", "rules")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("collections:show", args=[self.name])

    @property
    def family_ids(self) -> list[int]:
        """This collection and, for a parent, its subcollections: AO3 lists their items
        together."""
        return [self.pk, *self.children.values_list("pk", flat=True)]


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    MODERATOR = "moderator", _("Moderator")
    MEMBER = "member", _("Member")
    # Asked to join (a closed collection's invitation or a request to join): cannot post yet.
    INVITED = "invited", _("Invited")


MAINTAINER_ROLES = (Role.OWNER, Role.MODERATOR)
POSTING_ROLES = (Role.OWNER, Role.MODERATOR, Role.MEMBER)


class CollectionParticipant(models.Model):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="participants"
    )
    pseud = models.ForeignKey(
        Pseud, on_delete=models.CASCADE, related_name="collection_participations"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("collection", "pseud", name="participate_once_per_pseud"),
        ]
        indexes = [models.Index(fields=["collection", "role"], name="participant_role_idx")]

    def __str__(self) -> str:
        return f"{self.pseud} ({self.get_role_display()}) in {self.collection}"


class Approval(models.TextChoices):
    UNREVIEWED = "unreviewed", _("Unreviewed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class CollectionItemQuerySet(models.QuerySet):
    def approved(self) -> "CollectionItemQuerySet":
        return self.filter(
            user_approval_status=Approval.APPROVED, collection_approval_status=Approval.APPROVED
        )


class CollectionItem(models.Model):
    """A work or a bookmark in a collection; it counts only once both sides approve it.

    `unrevealed` and `anonymous` are copied from the collection when the item is added and
    cleared when the maintainers reveal it, as on AO3; the work's own flags derive from them.
    """

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.CASCADE, related_name="collection_items"
    )
    bookmark = models.ForeignKey(
        Bookmark, null=True, blank=True, on_delete=models.CASCADE, related_name="collection_items"
    )
    user_approval_status = models.CharField(
        max_length=10, choices=Approval.choices, default=Approval.UNREVIEWED
    )
    collection_approval_status = models.CharField(
        max_length=10, choices=Approval.choices, default=Approval.UNREVIEWED
    )
    unrevealed = models.BooleanField(default=False)
    anonymous = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CollectionItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(work__isnull=False, bookmark__isnull=True)
                | models.Q(work__isnull=True, bookmark__isnull=False),
                name="collection_item_is_work_or_bookmark",
            ),
            models.UniqueConstraint("collection", "work", name="work_once_per_collection"),
            models.UniqueConstraint("collection", "bookmark", name="bookmark_once_per_collection"),
        ]
        indexes = [
            models.Index(
                fields=["collection", "collection_approval_status", "user_approval_status"],
                name="collection_item_approval_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.work or self.bookmark} in {self.collection}"

    @property
    def approved(self) -> bool:
        return (
            self.user_approval_status == Approval.APPROVED
            and self.collection_approval_status == Approval.APPROVED
        )
