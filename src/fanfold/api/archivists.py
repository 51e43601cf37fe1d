"""Archivist imports (AO3's v2 import API for Open Doors): works fetched or uploaded for their
original creators, kept under the archivist until the creator claims them from an emailed link."""

import base64
import binascii
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from fanfold.accounts.models import User
from fanfold.api.models import ClaimInvitation
from fanfold.imports.parsed import ImportError_, ParsedChapter, ParsedWork
from fanfold.imports.reading import Source, parse_source
from fanfold.imports.writer import import_work
from fanfold.lib.fetching import FetchFailed, FetchRefused, fetch_public, public_host
from fanfold.lib.tasks import enqueue_with_the_write
from fanfold.works.models import Creatorship, Work

MAX_CHAPTER_URLS = 200  # AO3's IMPORT_MAX_CHAPTERS
FETCH_TIMEOUT_SECONDS = 10
CLAIM_SALT = "fanfold.api.claim"


class ClaimRefused(Exception):
    """A claim link that cannot be used, with the sentence to show."""


@dataclass
class ExternalWork:
    """One work of an import request, in AO3's v2 field names."""

    original_id: str
    chapter_urls: list[str]
    file_name: str
    file_content: str  # base64
    external_author_name: str
    external_author_email: str
    overrides: dict = field(default_factory=dict)  # title, rating, fandoms… as AO3 names them
    restricted: bool = False


@dataclass
class ImportResult:
    status: str  # created, found or unprocessable, as AO3 answers
    original_id: str
    original_url: str
    archive_url: str = ""
    messages: list[str] = field(default_factory=list)


def _trusted_or_public(host: str) -> bool:
    return host in settings.IMPORT_FETCH_TRUSTED_HOSTS or public_host(host)


def fetch(url: str) -> bytes:
    """A chapter page from a public host (or one the operator trusts), within the file limit;
    every redirect hop is checked by the same rule."""
    try:
        data, _media_type = fetch_public(
            url,
            max_bytes=settings.IMPORT_MAX_FILE_BYTES,
            timeout=FETCH_TIMEOUT_SECONDS,
            user_agent="Fanfold archivist import",
            host_allowed=_trusted_or_public,
        )
    except (FetchRefused, FetchFailed) as error:
        raise ImportError_(str(error)) from None
    return data


def _parsed(source: Source) -> ParsedWork:
    outcome = parse_source(source)
    if outcome.work is None:
        raise ImportError_(f"{source.name}: {outcome.error}")
    return outcome.work


def _name_for(url: str) -> str:
    path = urlsplit(url).path.rstrip("/")
    name = path.rsplit("/", 1)[-1] or "chapter"
    return name if "." in name else f"{name}.html"  # chapter pages are HTML unless they say


def read_external(external: ExternalWork) -> ParsedWork:
    """The work from its file, or from its chapter URLs (one chapter each, or a whole work)."""
    if external.file_content:
        try:
            data = base64.b64decode(external.file_content, validate=True)
        except (binascii.Error, ValueError):
            raise ImportError_("file_content is not base64") from None
        return _parsed(Source(external.file_name or "work.html", data))
    if not external.chapter_urls:
        raise ImportError_(
            "This work doesn't contain any chapter URLs or file. Works can only be imported "
            "from publicly-accessible chapter URLs."
        )
    if len(external.chapter_urls) > MAX_CHAPTER_URLS:
        raise ImportError_(f"A maximum of {MAX_CHAPTER_URLS} chapters can be imported per work.")
    parts = [_parsed(Source(_name_for(url), fetch(url))) for url in external.chapter_urls]
    work = parts[0]
    if len(parts) > 1:
        work.chapters = [_chapter_of(part) for part in parts]
    work.source_url = work.source_url or external.chapter_urls[0]
    return work


def _chapter_of(part: ParsedWork) -> ParsedChapter:
    chapter = part.chapters[0] if len(part.chapters) == 1 else None
    body = "".join(c.body for c in part.chapters)
    return ParsedChapter(title=chapter.title if chapter else part.title, body=body)


OVERRIDE_FIELDS = {
    "title": "title",
    "summary": "summary",
    "notes": "notes",
    "rating": "rating",
    "warnings": "warnings",
    "categories": "categories",
    "fandoms": "fandoms",
    "relationships": "relationships",
    "characters": "characters",
    "additional_tags": "freeforms",
    "language_code": "language",
}


def import_for_creator(archivist: User, external: ExternalWork, send_email: bool) -> ImportResult:
    result = ImportResult("unprocessable", external.original_id, "")
    try:
        parsed = read_external(external)
    except ImportError_ as error:
        result.messages.append(str(error))
        return result
    result.original_url = parsed.source_url
    for given, attribute in OVERRIDE_FIELDS.items():
        if external.overrides.get(given):
            setattr(parsed, attribute, external.overrides[given])
    parsed.creators = [external.external_author_name]
    with transaction.atomic():
        outcome, work = import_work(
            parsed, archivist, skip_existing=True, work_fields={"restricted": external.restricted}
        )
        result.archive_url = settings.SITE_URL + work.get_absolute_url()
        if outcome == "skipped":
            result.status = "found"
            result.messages.append(f"A work was already imported from {parsed.source_url}.")
            return result
        claim = ClaimInvitation.objects.create(
            work=work,
            archivist=archivist,
            creator_name=external.external_author_name,
            email=external.external_author_email,
        )
        if send_email:
            enqueue_with_the_write(email_claim_invitation, claim.pk)
    result.status = "created"
    result.messages.append(f"Imported “{work.title}” for {external.external_author_name}.")
    return result


def claim_link(claim: ClaimInvitation) -> str:
    token = signing.dumps(claim.pk, salt=CLAIM_SALT)
    return settings.SITE_URL + reverse("api_pages:claim", args=[token])


@task()
def email_claim_invitation(claim_id: int) -> None:
    claim = ClaimInvitation.objects.select_related("work", "archivist").get(pk=claim_id)
    context = {"claim": claim, "link": claim_link(claim), "site_url": settings.SITE_URL}
    send_mail(
        subject=_("Your work “%(title)s” was imported to the archive")
        % {"title": claim.work.title},
        message=render_to_string("api/email/claim_invitation.txt", context),
        from_email=None,
        recipient_list=[claim.email],
    )


def open_claim(token: str) -> ClaimInvitation:
    try:
        claim_id = signing.loads(token, salt=CLAIM_SALT)
    except signing.BadSignature:
        raise ClaimRefused(_("This claim link is not valid.")) from None
    claim = ClaimInvitation.objects.select_related("work").filter(pk=claim_id).first()
    if claim is None:
        raise ClaimRefused(_("This work is no longer waiting to be claimed."))
    if claim.claimed_at is not None:
        raise ClaimRefused(_("This work has already been claimed."))
    return claim


def claim_work(claim: ClaimInvitation, user: User) -> Work:
    """Moves the work from the archivist to the claimant's default pseud, once."""
    with transaction.atomic():
        taken = ClaimInvitation.objects.filter(pk=claim.pk, claimed_at=None).update(
            claimed_at=timezone.now(), claimed_by=user
        )
        if not taken:
            raise ClaimRefused(_("This work has already been claimed."))
        work = claim.work
        work.creatorships.all().delete()
        Creatorship.objects.create(work=work, pseud=user.default_pseud)
        Work.objects.filter(pk=work.pk).update(imported_creators="")
    return work
