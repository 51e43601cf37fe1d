"""POST /api/v1/imports: AO3's v2 import API for archivists, and the search for works already imported."""

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema

from fanfold.api.archivists import ExternalWork, ImportResult, import_for_creator
from fanfold.api.auth import TOKEN_ONLY, require_scope
from fanfold.api.endpoints import REFUSALS
from fanfold.api.errors import ApiError
from fanfold.works.models import Work

router = Router(tags=["imports"], auth=TOKEN_ONLY)
MAX_WORKS_PER_REQUEST = 20


class ExternalWorkIn(Schema):
    id: str = Field("", description="the work's id on the original archive")
    chapter_urls: list[str] = Field([], description="one public URL per chapter")
    file_name: str = Field("", description="with file_content: work.html, .epub, .docx, .txt…")
    file_content: str = Field("", description="the file, base64-encoded (instead of URLs)")
    external_author_name: str
    external_author_email: str
    title: str = ""
    summary: str = ""
    notes: str = ""
    rating: str = ""
    warnings: list[str] = []
    categories: list[str] = []
    fandoms: list[str] = []
    relationships: list[str] = []
    characters: list[str] = []
    additional_tags: list[str] = []
    language_code: str = ""
    restricted: bool = False


class ImportIn(Schema):
    works: list[ExternalWorkIn]
    send_claim_emails: bool = True


class ImportedWork(Schema):
    status: str  # created, found or unprocessable
    original_id: str
    original_url: str
    archive_url: str
    messages: list[str]


class ImportOut(Schema):
    status: str  # ok when every work was imported or found; partial; failed
    messages: list[str]
    works: list[ImportedWork]


class SearchIn(Schema):
    original_urls: list[str]


class FoundWork(Schema):
    original_url: str
    status: str  # found or not_found
    archive_urls: list[str]


def _external(work: ExternalWorkIn) -> ExternalWork:
    data = work.dict()
    return ExternalWork(
        original_id=work.id,
        chapter_urls=work.chapter_urls,
        file_name=work.file_name,
        file_content=work.file_content,
        external_author_name=work.external_author_name,
        external_author_email=work.external_author_email,
        overrides={
            name: data[name] for name in data if name not in ExternalWork.__dataclass_fields__
        },
        restricted=work.restricted,
    )


@router.post("/imports", response={200: ImportOut, **REFUSALS})
def import_works(request: HttpRequest, payload: ImportIn):
    """Imports works for their original creators; each is invited by email to claim theirs."""
    token = require_scope(request, "import")
    if not payload.works:
        raise ApiError(400, "Please provide a list of works to import.")
    if len(payload.works) > MAX_WORKS_PER_REQUEST:
        raise ApiError(413, f"Please import at most {MAX_WORKS_PER_REQUEST} works per request.")
    results: list[ImportResult] = [
        import_for_creator(token.user, _external(work), payload.send_claim_emails)
        for work in payload.works
    ]
    failed = sum(result.status == "unprocessable" for result in results)
    message = (
        "All works were successfully imported."
        if not failed
        else "At least one work was not imported. Please check individual work responses."
    )
    return {
        "status": "ok" if not failed else "failed" if failed == len(results) else "partial",
        "messages": [message],
        "works": [result.__dict__ for result in results],
    }


@router.post("/imports/search", response={200: list[FoundWork], **REFUSALS})
def search_imports(request: HttpRequest, payload: SearchIn):
    """Works already imported from these original URLs (archivists check before importing)."""
    require_scope(request, "import")
    found = []
    for url in payload.original_urls[: MAX_WORKS_PER_REQUEST * 10]:
        ids = Work.objects.filter(source_url=url).values_list("id", flat=True)
        found.append({
            "original_url": url,
            "status": "found" if ids else "not_found",
            "archive_urls": [reverse("works:show", args=[work_id]) for work_id in ids],
        })  # fmt: skip
    return found
