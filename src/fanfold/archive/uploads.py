"""Serving users' uploaded files (pseud and collection icons) so a browser can only ever treat
them as images."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest

from fanfold.lib.uploads import safe_image_type

SERVED_FOLDERS = ("pseud-icons/", "collection-icons/")


def uploaded_file(request: HttpRequest, path: str) -> FileResponse:
    content_type = safe_image_type(path)
    if not content_type or not path.startswith(SERVED_FOLDERS) or ".." in path.split("/"):
        raise Http404("No such file.")
    if not default_storage.exists(path):
        raise Http404("No such file.")
    response = FileResponse(default_storage.open(path), content_type=content_type)
    # No sniffing, no scripts even if a file were opened as a document, long caching:
    # uploads get a new name when they change.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
