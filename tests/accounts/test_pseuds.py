"""Pseuds: adding pen names, their pages, and posting under them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from fanfold.accounts.models import Pseud
from tests.factories import READING_SETTINGS, WorkFactory


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_user_adds_a_pseud_with_a_description_and_icon(author, author_client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    icon = SimpleUploadedFile("icon.png", png_bytes(), content_type="image/png")
    response = author_client.post(
        reverse("accounts:new_pseud", args=["author"]),
        {
            "name": "Ivy Quill",
            "description": "<p>Writes <em>letters</em>.</p><script>x()</script>",
            "icon": icon,
            "icon_alt_text": "A red square",
        },
    )
    pseud = Pseud.objects.get(name="Ivy Quill")
    assert response.status_code == 302 and response.url == pseud.get_absolute_url()
    assert pseud.description == "<p>Writes <em>letters</em>.</p>"
    page = author_client.get(pseud.get_absolute_url()).content.decode()
    assert 'alt="A red square"' in page
    served = Client().get(pseud.icon.url)
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    assert b"".join(served.streaming_content) == png_bytes()


@pytest.mark.parametrize(
    "path", ["pseud-icons/page.html", "pseud-icons/x.svg", "downloads/works/1/a.png", "../x.png"]
)
def test_only_uploaded_images_are_ever_served(db, settings, tmp_path, client, path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "pseud-icons").mkdir()
    (tmp_path / "pseud-icons" / "page.html").write_text("<script>alert(1)</script>")
    assert client.get("/media-files/" + path).status_code == 404


def test_icons_must_be_common_image_types(author_client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="BMP")
    icon = SimpleUploadedFile("icon.bmp", buffer.getvalue(), content_type="image/bmp")
    response = author_client.post(
        reverse("accounts:new_pseud", args=["author"]), {"name": "Bmp", "icon": icon}
    )
    assert "Icons must be PNG, JPEG, GIF or WebP files." in response.content.decode()


def test_pseud_names_are_unique_per_user_ignoring_case(author, author_client):
    response = author_client.post(
        reverse("accounts:new_pseud", args=["author"]), {"name": "AUTHOR"}
    )
    assert "You already have a pseud with that name." in response.content.decode()


def test_a_file_that_is_not_an_image_is_refused(author_client):
    fake = SimpleUploadedFile("icon.png", b"not an image", content_type="image/png")
    response = author_client.post(
        reverse("accounts:new_pseud", args=["author"]), {"name": "Other", "icon": fake}
    )
    assert "Upload a valid image" in response.content.decode()


def test_pseud_page_lists_only_that_pseuds_works(author, guest):
    other = Pseud.objects.create(user=author, name="Second Name")
    WorkFactory(author=author, title="Under Default")
    work = WorkFactory(author=author, title="Under Second")
    work.creatorships.update(pseud=other)
    page = guest.get(other.get_absolute_url()).content.decode()
    assert "Under Second" in page and "Under Default" not in page
    profile = guest.get(reverse("accounts:profile", args=["author"])).content.decode()
    assert "Under Second" in profile and "Under Default" in profile
    assert 'href="/users/author/pseuds/author"' in profile


def test_unknown_user_and_pseud_are_404(db, guest):
    assert guest.get(reverse("accounts:profile", args=["nobody"])).status_code == 404
    assert guest.get(reverse("accounts:pseud", args=["nobody", "x"])).status_code == 404


def test_preferences_are_saved(author, author_client):
    author_client.post(
        reverse("accounts:preferences", args=["author"]),
        {
            "show_adult_content": "on",
            "view_full_works": "on",
            "skin": "light",
            "time_zone": "UTC",
            **READING_SETTINGS,
        },
    )
    author.preference.refresh_from_db()
    assert author.preference.show_adult_content and author.preference.view_full_works
