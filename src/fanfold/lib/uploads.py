"""Which uploaded file names are images a browser may be given (pseud icons)."""

# Uploads are images; anything else in storage (or a renamed HTML file) is never served.
SAFE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".gif": "image/gif", ".webp": "image/webp"}  # fmt: skip


def safe_image_type(name: str) -> str | None:
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return SAFE_TYPES.get(extension)
