"""Forms for reporting abuse and for moderators' actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fanfold.moderation.models import ReportReason, ReportStatus


class ReportForm(forms.Form):
    url = forms.CharField(label=_("Link to the page"), max_length=500)
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=[("", "Choose a reason"), *ReportReason.choices],
        error_messages={"required": "Choose a reason."},
    )
    details = forms.CharField(
        label=_("Details"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should a moderator look at? Quote the part that breaks the rules."),
    )  # fmt: skip
    email = forms.EmailField(
        label=_("Your email (optional)"), required=False,
        help_text=_("Only moderators see it, and only to answer you."),
    )  # fmt: skip

    def __init__(self, *args, signed_in: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["email"]


class NoteField(forms.CharField):
    def __init__(self) -> None:
        super().__init__(
            label=_("Note for the audit log"),
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=5000,
        )


class UserActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("warn", "Warn"),
            ("suspend", "Suspend"),
            ("ban", "Ban"),
            ("lift", "Lift suspension or ban"),
            ("invite", "Give invitations"),
        ],
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label=_("Days (suspension) or invitations to give"), min_value=1, max_value=3650,
        required=False,
    )  # fmt: skip
    note = NoteField()

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("action") in ("suspend", "invite") and not data.get("days"):
            self.add_error("days", _("Say how many days, or how many invitations."))
        return data


class WorkActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("hide", "Hide"), ("unhide", "Unhide"), ("spam", "Mark as spam (hides it)"),
                 ("delete", "Delete for good")],
        widget=forms.RadioSelect,
    )  # fmt: skip
    note = NoteField()


class CommentActionForm(forms.Form):
    note = NoteField()


class CloseReportForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(ReportStatus.RESOLVED, ReportStatus.RESOLVED.label),
                 (ReportStatus.DISMISSED, ReportStatus.DISMISSED.label)],
        widget=forms.RadioSelect,
    )  # fmt: skip
    note = NoteField()


class ReleaseInvitationsForm(forms.Form):
    count = forms.IntegerField(
        label=_("Invite this many from the queue"), min_value=1, max_value=10_000
    )
