"""E-mails about collections: a revealed work's recipients and creators hear of it."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from fanfold.accounts.language import speaking_to
from fanfold.collections.models import Collection
from fanfold.gifts.giving import notify_recipients
from fanfold.works.models import Work


def notify_of_reveal(work: Work, collection: Collection) -> None:
    """AO3 tells recipients of a revealed gift (never before) and the work's creators."""
    if not work.unrevealed:
        notify_recipients(list(work.gifts.filter(rejected=False).select_related("pseud__user")))
    link = settings.SITE_URL + reverse("works:show", args=[work.pk])
    for creatorship in work.creatorships.select_related("pseud__user"):
        with speaking_to(creatorship.pseud.user):
            send_mail(
                subject=_("[%(archive)s] Your work was revealed in %(title)s")
                % {"archive": settings.ARCHIVE_NAME, "title": collection.title},
                message=_("The maintainers of %(collection)s revealed “%(title)s”.")
                % {"collection": collection.title, "title": work.title}
                + f"\n\n{link}",
                from_email=None,
                recipient_list=[creatorship.pseud.user.email],
            )


def notify_collection_of_item(collection: Collection, work_title: str) -> None:
    """The collection's own address, when its owners asked for these e-mails."""
    if not (collection.email_notify and collection.email):
        return
    send_mail(
        subject=_("[%(archive)s] New item in %(title)s")
        % {"archive": settings.ARCHIVE_NAME, "title": collection.title},
        message=_("“%(title)s” was added to %(collection)s.")
        % {"title": work_title, "collection": collection.title}
        + "\n\n"
        + settings.SITE_URL
        + reverse("collections:items", args=[collection.name]),
        from_email=None,
        recipient_list=[collection.email],
    )
