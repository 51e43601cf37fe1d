"""Filing abuse reports: what may be reported, and AO3's cap on reports about one page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from fanfold.accounts.models import User
from fanfold.moderation.models import AbuseReport, ReportStatus

# Pages that can be reported, by URL name, and what kind of thing each one shows.
REPORTABLE = {
    "works:show": "work",
    "works:chapter": "work",
    "feedback:comment": "comment",
    "accounts:profile": "user",
    "accounts:pseud": "user",
    "accounts:pseud_works": "user",
    "accounts:user_works": "user",
    "feedback:user_bookmarks": "bookmark",
    "feedback:work_bookmarks": "bookmark",
}


class ReportRefused(Exception):
    """A report the archive will not file, with the sentence to show."""


def reported_kind(url: str) -> tuple[str, str]:
    """The page's path and the kind of thing it shows; refuses other sites and other pages."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        raise ReportRefused(_("Give the address of a page on this archive, starting with /."))
    try:
        match = resolve(parts.path)
    except Resolver404:
        raise ReportRefused(_("There is no page at that address.")) from None
    kind = REPORTABLE.get(match.view_name)
    if kind is None:
        raise ReportRefused(_("Only works, comments, users and bookmarks can be reported."))
    return parts.path, kind


# Where each reported page's subject is moderated, by the URL argument naming it.
_MODERATION_PAGES = {
    "work_id": "moderation:work",
    "comment_id": "moderation:comment",
    "login_name": "moderation:user",
}


def moderation_page(report: AbuseReport) -> str:
    """The moderation page of what the report is about, or "" when there is none."""
    try:
        arguments = resolve(report.url).kwargs
    except Resolver404:
        return ""
    for argument, name in _MODERATION_PAGES.items():
        if argument in arguments:
            return reverse(name, args=[arguments[argument]])
    return ""


def file_report(
    url: str, reason: str, details: str, reporter: User | None, email: str = ""
) -> AbuseReport:
    path, kind = reported_kind(url)
    open_reports = AbuseReport.objects.filter(url=path, status=ReportStatus.OPEN)
    if open_reports.count() >= settings.ABUSE_REPORTS_PER_URL:
        raise ReportRefused(
            _(
                "This page has already been reported several times and is waiting for a "
                "moderator; thank you, there is no need to report it again."
            )
        )
    return AbuseReport.objects.create(
        url=path,
        target_kind=kind,
        reason=reason,
        details=details,
        reporter=reporter,
        reporter_email=email if reporter is None else "",
    )
