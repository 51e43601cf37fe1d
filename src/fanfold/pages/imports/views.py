"""Importing from the web: upload, review every field of one work, or follow a batch."""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from fanfold.accounts.http import AuthenticatedRequest
from fanfold.imports.forms import MAX_BATCH_FILES, UploadForm
from fanfold.imports.models import PendingImport
from fanfold.imports.notices import translated
from fanfold.imports.parsed import ParsedWork
from fanfold.imports.reading import SUPPORTED, Outcome, Source, parse_source, zip_members
from fanfold.imports.tasks import import_batch
from fanfold.imports.writer import import_work, language_code, validated_tags
from fanfold.pages.works.forms import WorkForm


@login_required
def upload(request: AuthenticatedRequest):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        if upload_file.size > settings.IMPORT_MAX_FILE_BYTES:
            form.add_error(
                "file", f"The file is larger than {settings.IMPORT_MAX_FILE_BYTES // 2**20} MB."
            )
        else:
            return _accept(request, form, upload_file.name, upload_file.read())
    return render(request, "imports/upload.html", {"form": form})


def _accept(request: AuthenticatedRequest, form: UploadForm, name: str, data: bytes):
    """A zip goes to the background; one file is read now, and a file we cannot read is
    named on the form again (no dead end), with what we do read."""
    as_draft = form.cleaned_data["as_draft"]
    if not name.lower().endswith(".zip"):
        outcome = _single_file(name, data)
        if outcome.error:
            form.add_error("file", f"{name}: {outcome.error}.")
            return render(request, "imports/upload.html", {"form": form})
        return redirect("imports:review", _pending(request, uuid.uuid4(), outcome, as_draft).pk)
    items = list(zip_members(name, data))
    if len(items) > MAX_BATCH_FILES:
        messages.error(
            request,
            f"The archive holds {len(items)} files; upload at most {MAX_BATCH_FILES} at once.",
        )
        return redirect("imports:upload")
    batch = uuid.uuid4()
    # The batch and its task commit together (the database queue), so no batch waits forever.
    with transaction.atomic():
        for item in items:
            _pending(request, batch, item, as_draft)
        import_batch.enqueue(str(batch))
    return redirect("imports:batch", batch)


def _single_file(name: str, data: bytes) -> Outcome:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        return Outcome(name, error=f"“{suffix or 'no extension'}” files cannot be imported")
    return parse_source(Source(name, data))


def _pending(
    request: AuthenticatedRequest, batch, item: Source | Outcome, as_draft: bool
) -> PendingImport:
    outcome = item if isinstance(item, Outcome) else parse_source(item)
    return PendingImport.objects.create(
        user=request.user,
        batch=batch,
        source_name=outcome.source[:500],
        parsed=outcome.work.to_json() if outcome.work else None,
        status=PendingImport.Status.WAITING if outcome.work else PendingImport.Status.FAILED,
        error=outcome.error,
        as_draft=as_draft,
    )


def _review_initial(parsed: ParsedWork) -> dict:
    tags = validated_tags(parsed)
    return {
        "title": parsed.title,
        "summary": parsed.summary,
        "notes": parsed.notes,
        "end_notes": parsed.end_notes,
        "language": language_code(parsed),
        "expected_chapters": parsed.expected_chapters,
        "rating": tags.rating,
        "warnings": tags.warnings,
        "categories": tags.categories,
        # Only what the file says: a made-up fandom would be posted unnoticed.
        "fandoms": ", ".join(parsed.fandoms),
        "relationships": ", ".join(tags.relationships),
        "characters": ", ".join(tags.characters),
        "freeforms": ", ".join(tags.freeforms),
        "backdate": parsed.published,
    }


@login_required
def review(request: AuthenticatedRequest, pending_id: int):
    pending = get_object_or_404(
        PendingImport, pk=pending_id, user=request.user, status=PendingImport.Status.WAITING
    )
    parsed = ParsedWork.from_json(pending.parsed or {})
    form = WorkForm(request.POST or None, user=request.user, initial=_review_initial(parsed))
    if request.method == "POST" and form.is_valid():
        _apply_review(parsed, form)
        fields = {
            name: form.cleaned_data[name]
            for name in ("restricted", "comment_permission", "moderated_comments")
        }
        _, work = import_work(
            parsed, request.user, draft="draft" in request.POST, work_fields=fields
        )
        pending.status, pending.work = PendingImport.Status.IMPORTED, work
        pending.save(update_fields=["status", "work"])
        messages.success(request, gettext("Work was successfully imported."))
        return redirect(work)
    context = {
        "form": form,
        "parsed": parsed,
        "pending": pending,
        "noticed": [translated(sentence) for sentence in parsed.warnings_found],
        "word_count": parsed.word_count,
        "first_chapter": parsed.chapters[0].sanitised().body if parsed.chapters else "",
    }
    return render(request, "imports/review.html", context)


def _apply_review(parsed: ParsedWork, form: WorkForm) -> None:
    """What the creator corrected on the review form wins over what the file said."""
    data, tags = form.cleaned_data, form.tag_choices()
    parsed.title, parsed.summary, parsed.notes, parsed.end_notes = (
        data["title"],
        data["summary"],
        data["notes"],
        data["end_notes"],
    )
    parsed.language, parsed.expected_chapters = data["language"], data["expected_chapters"]
    parsed.rating, parsed.warnings, parsed.categories = tags.rating, tags.warnings, tags.categories
    parsed.fandoms, parsed.relationships, parsed.characters, parsed.freeforms = (
        tags.fandoms,
        tags.relationships,
        tags.characters,
        tags.freeforms,
    )
    parsed.published = data["backdate"] or parsed.published


@login_required
def batch(request: AuthenticatedRequest, batch_id):
    pendings = list(
        PendingImport.objects.filter(batch=batch_id, user=request.user).select_related("work")
    )
    if not pendings:
        raise Http404("No such import.")
    waiting = any(
        p.status not in (PendingImport.Status.IMPORTED, PendingImport.Status.FAILED)
        for p in pendings
    )
    return render(request, "imports/batch.html", {"pendings": pendings, "waiting": waiting})
