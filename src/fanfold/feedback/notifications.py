"""Emails: subscription updates (now or as a daily digest), kudos and comment notices.

Everything is sent from background tasks, through Django's email backend (SMTP in production,
configured by EMAIL_URL), with a one-click unsubscribe link in every subscription email.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from fanfold.accounts.language import speaking_to
from fanfold.accounts.models import User
from fanfold.feedback.models import Comment, Notice, Subscription
from fanfold.lib.plaintext import html_to_text
from fanfold.lib.tasks import enqueue_with_the_write
from fanfold.works.models import Chapter, Work
from fanfold.works.visibility import OUT_OF_SIGHT

UNSUBSCRIBE_SALT = "fanfold.unsubscribe"


def unsubscribe_url(subscription: Subscription) -> str:
    token = signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("feedback:unsubscribe", args=[token])


def subscription_for(token: str) -> Subscription | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(pk=pk).first()


def _send(to: User, subject: str, body: str, unsubscribe: str = "", html: str = "") -> None:
    """A plain-text e-mail; with `html`, that HTML rides along as the alternative part."""
    headers = {}
    if unsubscribe:
        # RFC 8058: mail clients offer a one-click unsubscribe button.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        body += "\n\n" + _("Unsubscribe from these emails: %(link)s") % {"link": unsubscribe} + "\n"
    message = EmailMultiAlternatives(
        f"[{settings.ARCHIVE_NAME}] {subject}", body, to=[to.email], headers=headers
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def queue_announcement(work: Work, chapter: Chapter | None = None) -> None:
    """Called in the transaction that posts a work or a chapter; the emails go out from a task."""
    chapter_id = chapter.pk if chapter else None
    enqueue_with_the_write(notify_subscribers, work.pk, chapter_id)


@task()
def notify_subscribers(work_id: int, chapter_id: int | None) -> int:
    # Subscribers hear of unrevealed works when they are revealed, not before.
    work = Work.objects.filter(pk=work_id, posted=True).exclude(OUT_OF_SIGHT).first()
    if work is None:
        return 0
    creators = {c.pseud.user_id for c in work.creatorships.select_related("pseud")}
    if chapter_id:
        chapter = Chapter.objects.get(pk=chapter_id)
        subscriptions = Subscription.objects.filter(work=work)
    else:
        chapter = None
        series_ids = work.series_memberships.values_list("series_id", flat=True)
        subscriptions = Subscription.objects.filter(
            series_id__in=series_ids
        ) | Subscription.objects.filter(creator_id__in=creators)
        if work.anonymous:
            subscriptions = Subscription.objects.filter(
                series_id__in=series_ids
            )  # never reveal who wrote it
    sent = 0
    for subscription in subscriptions.select_related("user__preference").exclude(
        user_id__in=creators
    ):
        reader = subscription.user
        if work.restricted and not reader.is_active:
            continue
        with speaking_to(reader):
            subject = _announcement(work, chapter)
        body = f"{subject}\n{settings.SITE_URL}{work.get_absolute_url()}"
        if reader.preference.daily_digest:
            Notice.objects.create(user=reader, subject=subject, body=body)
        else:
            with speaking_to(reader):
                _send(reader, subject, body, unsubscribe_url(subscription))
        sent += 1
    return sent


def _announcement(work: Work, chapter: Chapter | None) -> str:
    if chapter:
        return _("New chapter of %(title)s: %(heading)s") % {
            "title": work.title,
            "heading": chapter.heading,
        }
    return _("New work: %(title)s") % {"title": work.title}


@task()
def send_digests() -> int:
    """One email per reader with everything since their last digest; run daily."""
    sent = 0
    for user in User.objects.filter(notices__isnull=False).distinct():
        notices = list(user.notices.order_by("id"))
        manage = settings.SITE_URL + reverse("feedback:subscriptions", args=[user.username])
        with speaking_to(user):
            body = "\n\n".join(notice.body for notice in notices)
            body += "\n\n" + _("Manage your subscriptions: %(link)s") % {"link": manage}
            count = len(notices)
            subject = ngettext(
                "Your daily digest: %(count)s update", "Your daily digest: %(count)s updates", count
            )
            _send(user, subject % {"count": count}, body)
        user.notices.filter(id__lte=notices[-1].pk).delete()
        sent += 1
    return sent


def queue_comment_email(comment: Comment) -> None:
    enqueue_with_the_write(email_comment, comment.pk)


@task()
def email_comment(comment_id: int) -> int:
    comment = (
        Comment.objects.select_related("work")
        .filter(pk=comment_id, approved=True, deleted=False)
        .first()
    )
    if comment is None:
        return 0
    sent = 0
    for item in comment.inbox_items.select_related("user__preference"):
        if item.user.preference.email_on_comments:
            link = f"{settings.SITE_URL}{comment.get_absolute_url()}"
            with speaking_to(item.user):
                said = _("%(name)s commented on %(title)s:") % {
                    "name": comment.author_name,
                    "title": comment.work.title,
                }
                subject = _("Comment on %(title)s") % {"title": comment.work.title}
            body = f"{said}\n\n{html_to_text(comment.body)}\n\n{link}"
            html = format_html(
                '<p>{}</p><blockquote>{}</blockquote><p><a href="{}">{}</a></p>',
                said,
                mark_safe(comment.body),  # noqa: S308 - stored comment HTML is sanitised
                link,
                link,
            )
            _send(item.user, subject, body, html=html)
            sent += 1
    return sent


def queue_kudos_email(work: Work) -> None:
    enqueue_with_the_write(email_kudos, work.pk)


@task()
def email_kudos(work_id: int) -> int:
    work = Work.objects.get(pk=work_id)
    sent = 0
    for creatorship in work.creatorships.select_related("pseud__user__preference"):
        creator = creatorship.pseud.user
        if creator.preference.email_on_kudos:
            with speaking_to(creator):
                _send(
                    creator,
                    _("Kudos on %(title)s") % {"title": work.title},
                    _("Someone left kudos on %(title)s!") % {"title": work.title}
                    + f"\n{settings.SITE_URL}{work.get_absolute_url()}",
                )
            sent += 1
    return sent
