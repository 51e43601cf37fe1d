"""Feedback forms: comments (guests also give a name and an email address, never shown), the
inbox, bookmarks."""

from django import forms
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fanfold.feedback.comments import MAX_LENGTH
from fanfold.lib.ao3forms import with_ao3_names


class CommentForm(forms.Form):
    guest_name = forms.CharField(label=_("Guest name"), max_length=100, required=False)
    guest_email = forms.EmailField(label=_("Guest email (never shown)"), required=False)
    body = forms.CharField(
        label=_("Comment"), max_length=MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=format_lazy(
            _("Plain text or HTML; up to {count} characters."), count=f"{MAX_LENGTH:,}"
        ),
    )  # fmt: skip

    def __init__(self, *args, signed_in: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["guest_name"], self.fields["guest_email"]
        else:
            self.fields["guest_name"].required = self.fields["guest_email"].required = True


class InboxForm(forms.Form):
    ACTIONS = [("read", "Mark read"), ("unread", "Mark unread"), ("delete", "Delete from inbox")]
    items = forms.MultipleChoiceField(choices=[], widget=forms.CheckboxSelectMultiple)
    action = forms.ChoiceField(choices=ACTIONS)

    def __init__(self, *args, item_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        items = self.fields["items"]
        assert isinstance(items, forms.MultipleChoiceField)
        items.choices = [(str(i), str(i)) for i in item_ids]


class BookmarkForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    tags = forms.CharField(
        label=_("Your tags"), required=False, help_text=_("Separate tags with commas.")
    )
    private = forms.BooleanField(label=_("Private bookmark"), required=False)
    rec = forms.BooleanField(
        label=_("Rec"), required=False, help_text=_("Recommend this work to others.")
    )

    def clean_tags(self) -> list[str]:
        from fanfold.tags.naming import MAX_USER_DEFINED_TAGS, split_tag_list

        names = split_tag_list(self.cleaned_data["tags"])
        if len(names) > MAX_USER_DEFINED_TAGS:  # thousands would not fit in one query
            raise forms.ValidationError(
                f"A bookmark can have at most {MAX_USER_DEFINED_TAGS} tags; this one has {len(names)}."
            )
        return names


# AO3's bookmark form (bookmarks/_bookmark_form.html.erb) posts these names: the work page's inline
# form does too, and readers' tools post them with 1 or 0 for the check boxes.
AO3_BOOKMARK_FIELDS = {
    "bookmark[bookmarker_notes]": "notes",
    "bookmark[tag_string]": "tags",
    "bookmark[private]": "private",
    "bookmark[rec]": "rec",
}


def with_ao3_bookmark_names(data: QueryDict) -> QueryDict:
    data = with_ao3_names(data, AO3_BOOKMARK_FIELDS)
    for box in ("private", "rec"):
        if data.get(box) == "0":  # Django's check box reads any value but "false" as ticked
            del data[box]
    return data
