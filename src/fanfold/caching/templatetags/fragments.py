"""`{% blurb work %}`: a work's blurb, rendered once per version of what it shows.

The version is a digest of every stored field of the rows a blurb is drawn from (the work,
its taggings and tags, its creators' pseuds and user names, its series) and of the reader's
display preferences. Those rows are fetched for the listing anyway, so the digest costs
microseconds where rendering costs milliseconds, and no change can be missed: a changed
field is a new version, and nothing needs invalidating.
"""

import hashlib

from django import template
from django.db.models import Model
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from fanfold.caching.pages import page_cache
from fanfold.works.models import Work

register = template.Library()
BLURB_TEMPLATE = "works/_blurb.html"
BLURB_SECONDS = 3600


def _row(instance: Model | None) -> tuple:
    if instance is None:
        return ()
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def blurb_version(work: Work, prefs: Model | None) -> str:
    rows: list[tuple] = [_row(work), _row(prefs)]
    for tagging in work.taggings.all():
        rows += [_row(tagging), _row(tagging.tag)]
    for creatorship in work.creatorships.all():
        rows += [_row(creatorship), _row(creatorship.pseud), (creatorship.pseud.user.username,)]
    for membership in work.series_memberships.all():
        rows += [_row(membership), _row(membership.series)]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@register.simple_tag(takes_context=True)
def blurb(context: template.Context, work: Work) -> SafeString:
    assert context.template is not None, "a tag always renders inside a template"
    blurb_template = context.template.engine.get_template(BLURB_TEMPLATE)
    with context.push(work=work):
        if getattr(work, "bookmark", None) is not None:  # a reader's own note: not shared
            return blurb_template.render(context)
        # The language too: the blurb's labels are translated, and guests pick it by browser.
        key = f"blurb:{get_language()}:{blurb_version(work, context.get('prefs'))}"
        html = page_cache().get(key)
        if html is None:
            html = blurb_template.render(context)
            page_cache().set(key, html, BLURB_SECONDS)
        return html
