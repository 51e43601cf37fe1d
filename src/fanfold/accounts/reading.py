"""Reader settings for the reading page (font size, line width, spacing, typeface).

Signed-in readers keep them in their preferences; guests in a cookie. They become CSS classes
on the work's text: the CSP forbids style attributes, and classes need no JavaScript.
"""

from dataclasses import dataclass, fields

from django.http import HttpRequest, HttpResponse

from fanfold.accounts.models import FontSize, LineSpacing, LineWidth, Preference, Typeface

COOKIE = "reader_settings"
COOKIE_SECONDS = 365 * 24 * 3600
CHOICES = {
    "font_size": FontSize,
    "line_width": LineWidth,
    "line_spacing": LineSpacing,
    "typeface": Typeface,
}


@dataclass(frozen=True)
class ReaderSettings:
    font_size: str = FontSize.MEDIUM
    line_width: str = LineWidth.MEDIUM
    line_spacing: str = LineSpacing.NORMAL
    typeface: str = Typeface.SERIF

    @property
    def css_classes(self) -> str:
        return " ".join(
            f"reader-{field.name.replace('_', '-')}-{getattr(self, field.name)}"
            for field in fields(self)
        )

    def as_cookie(self) -> str:
        return ".".join(getattr(self, name) for name in CHOICES)


def from_values(values) -> ReaderSettings:
    """Settings from a cookie or a form; unknown or missing values fall back to the default."""
    chosen = {
        name: values.get(name)
        for name, choices in CHOICES.items()
        if values.get(name) in choices.values
    }
    return ReaderSettings(**chosen)


def from_cookie(value: str) -> ReaderSettings:
    return from_values(dict(zip(CHOICES, value.split("."), strict=False)))


def from_preference(preference: Preference) -> ReaderSettings:
    return ReaderSettings(
        **{name: getattr(preference, f"reading_{name}") for name in CHOICES},
    )


def for_request(request: HttpRequest) -> ReaderSettings:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return from_preference(user.preference)
    return from_cookie(request.COOKIES.get(COOKIE, ""))


def remember(request: HttpRequest, response: HttpResponse, chosen: ReaderSettings) -> None:
    if request.user.is_authenticated:
        preference = request.user.preference
        for name in CHOICES:
            setattr(preference, f"reading_{name}", getattr(chosen, name))
        preference.save(update_fields=[f"reading_{name}" for name in CHOICES])
        return
    response.set_cookie(
        COOKIE, chosen.as_cookie(), max_age=COOKIE_SECONDS, samesite="Lax", httponly=True
    )
