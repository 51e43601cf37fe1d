"""Deleting an account (orphan or delete each work) and exporting one's data."""

import io
import json
import zipfile

from django.urls import reverse

from fanfold.accounts.models import User
from fanfold.feedback import comments
from fanfold.feedback.models import Bookmark, Comment
from fanfold.works.models import Work
from tests.factories import PASSWORD, WorkFactory


def test_deleting_an_account_orphans_or_deletes_each_work_and_keeps_comments(
    author, author_client, outsider, guest
):
    kept = WorkFactory(author=author, title="Keep Me")
    gone = WorkFactory(author=author, title="Remove Me")
    draft = WorkFactory(author=author, title="Half Done", posted=False)
    theirs = WorkFactory(author=outsider, title="Someone Else's")
    comment = comments.post_comment(theirs, author, "<p>lovely</p>", ip="")
    url = reverse("accounts:delete_account", args=["author"])
    page = author_client.get(url).content.decode()
    assert "Keep Me" in page and "Remove Me" in page and "cannot be undone" in page
    form = {f"work_{kept.pk}": "orphan", f"work_{gone.pk}": "delete", "password": PASSWORD}
    author_client.post(url, {**form, "password": "wrong"})
    assert User.objects.filter(username="author").exists()
    author_client.post(url, form)
    assert not User.objects.filter(username="author").exists()
    assert [str(p) for p in Work.objects.get(pk=kept.pk).creator_pseuds] == ["orphan_account"]
    assert not Work.objects.filter(pk__in=[gone.pk, draft.pk]).exists()
    assert Comment.objects.get(pk=comment.pk).author_name == "[deleted user]"
    thread = guest.get(theirs.get_absolute_url()).content.decode()
    assert "[deleted user]" in thread and "lovely" in thread


def test_export_holds_works_drafts_bookmarks_history_comments_and_preferences(
    author, author_client, outsider
):
    work = WorkFactory(author=author, title="Exported Tale", body="<p>The exported words.</p>")
    WorkFactory(author=author, title="Secret Draft", posted=False)
    theirs = WorkFactory(author=outsider, title="Loved Work")
    Bookmark.objects.create(user=author, work=theirs, notes="<p>so good</p>")
    comments.post_comment(theirs, author, "<p>my comment text</p>", ip="")
    response = author_client.get(reverse("accounts:export", args=["author"]))
    assert response["Content-Disposition"] == 'attachment; filename="fanfold-author.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    html = next(name for name in names if name.endswith(".html"))
    assert f"works/{work.pk}_" in html and any(name.endswith(".epub") for name in names)
    assert "The exported words." in archive.read(html).decode()
    assert json.loads(archive.read("drafts.json"))[0]["title"] == "Secret Draft"
    assert json.loads(archive.read("bookmarks.json"))[0]["work"] == "Loved Work"
    assert "my comment text" in json.loads(archive.read("comments.json"))[0]["body"]
    assert json.loads(archive.read("preferences.json"))["keep_history"] is True
    assert json.loads(archive.read("account.json"))["username"] == "author"
    assert "history.json" in names


def test_outsider_cannot_export_or_delete_another_account(author, outsider_client):
    assert outsider_client.get(reverse("accounts:export", args=["author"])).status_code == 403
    url = reverse("accounts:delete_account", args=["author"])
    assert outsider_client.post(url, {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(username="author").exists()
