"""Which uploaded files are images a browser may be given (pseud and collection icons)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Uploads are images; anything else in storage (or a renamed HTML file) is never served.
SAFE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".gif": "image/gif", ".webp": "image/webp"}  # fmt: skip
ICON_MAX_BYTES = 500 * 1024
ICON_HELP = "JPEG, PNG or GIF, at most 500 KB."


def safe_image_type(name: str) -> str | None:
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return SAFE_TYPES.get(extension)


def checked_icon(icon):
    """A form's cleaned icon upload, refused when too large or not an image type we serve."""
    if icon and icon.size > ICON_MAX_BYTES:
        raise ValidationError(_("The icon is larger than 500 KB."))
    if icon and not safe_image_type(icon.name):
        raise ValidationError(_("Icons must be PNG, JPEG, GIF or WebP files."))
    return icon
