"""Sign-up, sign-in, account changes, pseuds and preferences."""

import zoneinfo

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.models import (
    FontSize,
    LineSpacing,
    LineWidth,
    Preference,
    Pseud,
    Typeface,
    User,
)
from fanfold.lib.ao3forms import with_ao3_names
from fanfold.lib.sanitize import ALLOWED_HTML_HELP
from fanfold.lib.uploads import ICON_HELP, checked_icon
from fanfold.tags.models import Tag
from fanfold.tags.naming import split_tag_list


def optional_pseud_named(name: str) -> Pseud | None:
    """A form field's pseud, found by name whatever the case; None when the field is empty."""
    name = name.strip()
    if not name:
        return None
    pseud = Pseud.objects.filter(name__iexact=name).select_related("user").first()
    if pseud is None:
        raise ValidationError(_("There is no pseud named “%(name)s”.") % {"name": name})
    return pseud


def _email_taken(email: str, exclude: User | None = None) -> bool:
    users = User.objects.filter(email__iexact=email)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


def _username_taken(username: str, exclude: User | None = None) -> bool:
    users = User.objects.filter(username__iexact=username)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("Email"), help_text=_("We send a link to confirm it."))
    age_over_13 = forms.BooleanField(label=_("I am at least 13 years old."))
    accepts_terms = forms.BooleanField(label=_("I have read and agree to the Terms of Service."))

    class Meta:
        model = User
        fields = ["username", "email"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accepts_terms"].label = format_html(
            'I have read and agree to the <a href="{}">Terms of Service</a>.',
            reverse("archive:tos"),
        )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if _username_taken(username):
            raise ValidationError(_("That user name is already taken."))
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if _email_taken(email):
            raise ValidationError(_("An account with that email address already exists."))
        return email


# AO3's sign-in form posts user[login] and user[password]; readers' tools (FanFicFare) send those.
AO3_SIGN_IN_FIELDS = {"user[login]": "username", "user[password]": "password"}


def with_ao3_sign_in_names(data: QueryDict) -> QueryDict:
    return with_ao3_names(data, AO3_SIGN_IN_FIELDS)


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": "Please confirm your email address first: follow the link we sent you.",
        "banned": "This account has been banned by the archive's moderators.",
    }

    def confirm_login_allowed(self, user) -> None:
        # Shown only after a correct password, so it reveals nothing to a stranger.
        if user.is_banned:
            raise ValidationError(self.error_messages["banned"], code="banned")
        super().confirm_login_allowed(user)


class CurrentPasswordForm(forms.Form):
    """Asks for the account's password before a change that matters."""

    password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput)

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Your password is not correct."))
        return password


class ChangeUsernameForm(CurrentPasswordForm):
    username = forms.CharField(label=_("New user name"), max_length=40)
    field_order = ["username", "password"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        User._meta.get_field("username").run_validators(username)
        if _username_taken(username, exclude=self.user):
            raise ValidationError(_("That user name is already taken."))
        return username


class ChangeEmailForm(CurrentPasswordForm):
    email = forms.EmailField(label=_("New email"))
    field_order = ["email", "password"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if _email_taken(email, exclude=self.user):
            raise ValidationError(_("An account with that email address already exists."))
        return email


class PseudForm(forms.ModelForm):
    class Meta:
        model = Pseud
        fields = ["name", "description", "icon", "icon_alt_text"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"icon": ICON_HELP, "description": ALLOWED_HTML_HELP}

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = self.user.pseuds.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("You already have a pseud with that name."))
        return name

    def clean_icon(self):
        return checked_icon(self.cleaned_data.get("icon"))


MAX_MUTED_TAGS = 2_000  # AO3's cap for blocked and muted lists


TIME_ZONES = sorted(zoneinfo.available_timezones())


class PreferenceForm(forms.ModelForm):
    muted = forms.CharField(
        label=_("Muted tags"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Comma-separated. Works with these tags, their synonyms or sub tags are hidden "
            "from every listing, with a note and a way to show them anyway."
        ),
    )

    class Meta:
        model = Preference
        fields = [
            "show_adult_content",
            "view_full_works",
            "hide_warnings",
            "hide_freeforms",
            "keep_history",
            "skin",
            # The reading page's settings (accounts.reading), kept in the same columns.
            "reading_font_size",
            "reading_line_width",
            "reading_line_spacing",
            "reading_typeface",
            "language",
            "time_zone",
            "email_on_kudos",
            "email_on_comments",
            "daily_digest",
        ]
        widgets = {
            "skin": forms.RadioSelect,
            "time_zone": forms.Select(choices=[(zone, zone) for zone in TIME_ZONES]),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["muted"] = ", ".join(
                self.instance.muted_tags.values_list("name", flat=True)
            )

    def clean_muted(self) -> list[Tag]:
        names = split_tag_list(self.cleaned_data["muted"])
        if len(names) > MAX_MUTED_TAGS:
            raise ValidationError(
                _("You can mute at most %(count)s tags.") % {"count": f"{MAX_MUTED_TAGS:,}"}
            )
        tags: list[Tag] = []
        unknown: list[str] = []
        for name in names:
            tag = Tag.objects.filter(name__iexact=name).order_by("-canonical", "id").first()
            if tag is None:
                unknown.append(name)
            else:
                tags.append(tag)
        if unknown:
            raise ValidationError(
                _("There is no tag named %(names)s.") % {"names": ", ".join(map(repr, unknown))}
            )
        return tags

    def save(self, commit: bool = True):
        preference = super().save(commit)
        preference.muted_tags.set(self.cleaned_data["muted"])
        return preference


class ReaderSettingsForm(forms.Form):
    prefix = "reader"  # the work page has other forms; ids stay unique
    font_size = forms.ChoiceField(label=_("Font size"), choices=FontSize.choices)
    line_width = forms.ChoiceField(label=_("Line width"), choices=LineWidth.choices)
    line_spacing = forms.ChoiceField(label=_("Line spacing"), choices=LineSpacing.choices)
    typeface = forms.ChoiceField(label=_("Typeface"), choices=Typeface.choices)
