"""Users, pseuds (the pen names works are credited to) and reading preferences."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fanfold.lib.sanitize import sanitize_fields

USERNAME_RULE = RegexValidator(
    r"^[A-Za-z0-9](?:[A-Za-z0-9_]*[A-Za-z0-9])?$",
    "Use letters, numbers and underscores, starting and ending with a letter or number.",
)
# Paths under /users/ that are pages, not people, and the shared orphan account.
RESERVED_USERNAMES = {"login", "logout", "password", "confirm", "new", "admin", "orphan_account"}


def not_reserved(username: str) -> None:
    if username.lower() in RESERVED_USERNAMES:
        raise ValidationError(
            _("“%(username)s” is reserved; please choose another user name.")
            % {"username": username}
        )


PSEUD_NAME_RULE = RegexValidator(
    r"^[\w](?:[\w ._-]*[\w])?$",
    "Use letters, numbers, spaces, dots, dashes and underscores, starting and ending with "
    "a letter or number.",
)


class User(AbstractUser):
    username = models.CharField(
        _("user name"),
        max_length=40,
        unique=True,
        validators=[MinLengthValidator(3), MaxLengthValidator(40), USERNAME_RULE, not_reserved],
        help_text=_("3 to 40 characters: letters, numbers and underscores."),
        error_messages={"unique": "That user name is already taken."},
    )
    email = models.EmailField(_("email address"), unique=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", args=[self.username])

    @property
    def is_banned(self) -> bool:
        # Unconfirmed accounts are inactive too; a confirmed, inactive one was banned.
        return not self.is_active and self.email_confirmed_at is not None

    @property
    def default_pseud(self) -> "Pseud":
        return self.pseuds.get(is_default=True)


class Pseud(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="pseuds")
    name = models.CharField(max_length=40, validators=[PSEUD_NAME_RULE])
    description = models.TextField(blank=True, help_text=_("Stored sanitised."))
    icon = models.ImageField(upload_to="pseud-icons/", blank=True)
    icon_alt_text = models.CharField(max_length=250, blank=True)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", Lower("name")]
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="pseud_name_unique_per_user"),
            models.UniqueConstraint(
                "user", condition=models.Q(is_default=True), name="one_default_pseud_per_user"
            ),
        ]

    def __str__(self) -> str:
        if self.name.lower() == self.user.username.lower():
            return self.name
        return f"{self.name} ({self.user.username})"

    def save(self, *args, **kwargs) -> None:
        sanitize_fields(self, "description")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("accounts:pseud", args=[self.user.username, self.name])


class Skin(models.TextChoices):
    LIGHT = "light", _("Light")
    DARK = "dark", _("Dark")
    HIGH_CONTRAST = "contrast", _("High contrast")


class FontSize(models.TextChoices):
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")
    LARGER = "larger", _("Larger")


class LineWidth(models.TextChoices):
    NARROW = "narrow", _("Narrow")
    MEDIUM = "medium", _("Medium")
    WIDE = "wide", _("Wide")


class LineSpacing(models.TextChoices):
    TIGHT = "tight", _("Tight")
    NORMAL = "normal", _("Normal")
    LOOSE = "loose", _("Loose")


class Typeface(models.TextChoices):
    SERIF = "serif", _("Serif")
    SANS = "sans", _("Sans-serif")


def known_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(name)s” is not a time zone we know, e.g. Europe/Berlin.") % {"name": name}
        )


class Preference(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="preference")
    show_adult_content = models.BooleanField(
        _("Show me adult content without checking"),
        default=False,
    )
    view_full_works = models.BooleanField(_("Show the whole work by default"), default=False)
    keep_history = models.BooleanField(_("Keep my reading history"), default=True)
    email_on_kudos = models.BooleanField(
        _("Email me when someone leaves kudos on my works"), default=True
    )
    email_on_comments = models.BooleanField(
        _("Email me about comments on my works and replies"), default=True
    )
    muted_tags = models.ManyToManyField(
        "tags.Tag",
        blank=True,
        related_name="muted_by",
        help_text=_(
            "Works with these tags (or their synonyms and sub tags) disappear from listings."
        ),
    )
    daily_digest = models.BooleanField(
        _("Send subscription updates as one email a day"), default=False
    )
    hide_warnings = models.BooleanField(
        _("Hide archive warnings until I click (spoiler protection)"), default=False
    )
    hide_freeforms = models.BooleanField(
        _("Hide additional tags until I click (spoiler protection)"), default=False
    )
    time_zone = models.CharField(
        _("Time zone"), max_length=64, default="UTC", validators=[known_time_zone]
    )
    skin = models.CharField(_("Site skin"), max_length=20, choices=Skin.choices, default="light")
    # Empty: the language the browser asks for (Accept-Language).
    language = models.CharField(
        _("Interface language"),
        max_length=10,
        blank=True,
        choices=[("", _("As my browser asks")), *settings.LANGUAGES],
    )
    reading_font_size = models.CharField(
        _("Reading: font size"), max_length=10, choices=FontSize.choices, default=FontSize.MEDIUM
    )
    reading_line_width = models.CharField(
        _("Reading: line width"), max_length=10, choices=LineWidth.choices, default=LineWidth.MEDIUM
    )
    reading_line_spacing = models.CharField(
        _("Reading: line spacing"),
        max_length=10,
        choices=LineSpacing.choices,
        default=LineSpacing.NORMAL,
    )
    reading_typeface = models.CharField(
        _("Reading: typeface"), max_length=10, choices=Typeface.choices, default=Typeface.SERIF
    )

    def __str__(self) -> str:
        return f"Preferences of {self.user}"


class Block(models.Model):
    """`blocker` blocks `blocked`: no comments on their works, replies or kudos from them."""

    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocked_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint("blocker", "blocked", name="block_once")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Mute(models.Model):
    """`muter` mutes `muted`: their works and comments disappear for the muter everywhere."""

    muter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mutes")
    muted = models.ForeignKey(User, on_delete=models.CASCADE, related_name="muted_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint("muter", "muted", name="mute_once")]

    def __str__(self) -> str:
        return f"{self.muter_id} mutes {self.muted_id}"


class UsernameChange(models.Model):
    """The log of a user's earlier names, for moderators (AO3 keeps one too)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="username_changes")
    old_username = models.CharField(max_length=40)
    new_username = models.CharField(max_length=40)
    changed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_username} → {self.new_username}"


class InviteRequest(models.Model):
    """Someone in the queue for an invitation; invited oldest first."""

    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"invite request {self.pk}"


class Invitation(models.Model):
    """A one-use sign-up link, from the archive's queue or given to a user to share."""

    token = models.CharField(max_length=40, unique=True)
    owner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    sent_to = models.EmailField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    used_by = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invited_with"
    )
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("accounts:signup_invited", args=[self.token])

    def use_for(self, user: User) -> None:
        self.used_by, self.used_at = user, timezone.now()
        self.save(update_fields=["used_by", "used_at"])


class TwoFactor(models.Model):
    """A user's TOTP secret; sign-in asks for a code once `confirmed_at` is set."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)  # a code works once (replay protection)

    def __str__(self) -> str:
        return f"two-factor for {self.user_id}"
