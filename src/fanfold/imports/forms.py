"""The upload form; the review form is the posting form (pages.works.forms.WorkForm)."""

from django import forms

MAX_BATCH_FILES = 50


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File to import",
        help_text="An AO3 download (HTML, EPUB, PDF, AZW3, MOBI or text), a FanFicFare or FicHub "
        "EPUB, an EPUB, HTML, Markdown, DOCX or text file, "
        f"or a zip of up to {MAX_BATCH_FILES} of them.",
    )
    as_draft = forms.BooleanField(label="Import as drafts", required=False)
