"""E-mails about collections: a revealed work's recipients and creators hear of it."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from fanfold.collections.models import Collection
from fanfold.gifts.giving import notify_recipients
from fanfold.works.models import Work


def notify_of_reveal(work: Work, collection: Collection) -> None:
    """AO3 tells recipients of a revealed gift (never before) and the work's creators."""
    if not work.unrevealed:
        notify_recipients(list(work.gifts.filter(rejected=False).select_related("pseud__user")))
    link = settings.SITE_URL + reverse("works:show", args=[work.pk])
    for creatorship in work.creatorships.select_related("pseud__user"):
        send_mail(
            subject=f"[{settings.ARCHIVE_NAME}] Your work was revealed in {collection.title}",
            message=f"The maintainers of {collection.title} revealed “{work.title}”.\n\n{link}",
            from_email=None,
            recipient_list=[creatorship.pseud.user.email],
        )


def notify_collection_of_item(collection: Collection, work_title: str) -> None:
    """The collection's own address, when its owners asked for these e-mails."""
    if not (collection.email_notify and collection.email):
        return
    send_mail(
        subject=f"[{settings.ARCHIVE_NAME}] New item in {collection.title}",
        message=f"“{work_title}” was added to {collection.title}.\n\n"
        + settings.SITE_URL
        + reverse("collections:items", args=[collection.name]),
        from_email=None,
        recipient_list=[collection.email],
    )
