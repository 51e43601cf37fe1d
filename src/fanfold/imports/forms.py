"""The upload form; the review form is the posting form (pages.works.forms.WorkForm)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

MAX_BATCH_FILES = 50


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File to import"),
        help_text=format_lazy(
            _(
                "An AO3 download (HTML, EPUB, PDF, AZW3, MOBI or text), a FanFicFare or FicHub "
                "EPUB, an EPUB, HTML, Markdown, DOCX or text file, or a zip of up to {count} of them."
            ),
            count=MAX_BATCH_FILES,
        ),
    )
    as_draft = forms.BooleanField(label=_("Import as drafts"), required=False)
