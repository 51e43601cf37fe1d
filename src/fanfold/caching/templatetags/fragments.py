"""`{% blurb work %}`: a work's blurb, rendered once per version of what it shows (the work,
its tags, creators and series, and the reader's display preferences; caching.versions)."""

from django import template
from django.db.models import Model
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from fanfold.caching.pages import page_cache
from fanfold.caching.versions import digest, row, work_rows
from fanfold.works.models import Work

register = template.Library()
BLURB_TEMPLATE = "works/_blurb.html"
BLURB_SECONDS = 3600


def blurb_version(work: Work, prefs: Model | None) -> str:
    return digest([*work_rows(work), row(prefs)])


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
