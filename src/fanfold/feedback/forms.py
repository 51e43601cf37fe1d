"""The comment form: guests also give a name and an email address (never shown)."""

from django import forms

from fanfold.feedback.comments import MAX_LENGTH


class CommentForm(forms.Form):
    guest_name = forms.CharField(label="Guest name", max_length=100, required=False)
    guest_email = forms.EmailField(label="Guest email (never shown)", required=False)
    body = forms.CharField(
        label="Comment", max_length=MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Plain text or HTML; up to {MAX_LENGTH:,} characters.",
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
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    tags = forms.CharField(
        label="Your tags", required=False, help_text="Separate tags with commas."
    )
    private = forms.BooleanField(label="Private bookmark", required=False)
    rec = forms.BooleanField(
        label="Rec", required=False, help_text="Recommend this work to others."
    )

    def clean_tags(self) -> list[str]:
        from fanfold.tags.naming import MAX_USER_DEFINED_TAGS, split_tag_list

        names = split_tag_list(self.cleaned_data["tags"])
        if len(names) > MAX_USER_DEFINED_TAGS:  # thousands would not fit in one query
            raise forms.ValidationError(
                f"A bookmark can have at most {MAX_USER_DEFINED_TAGS} tags; this one has {len(names)}."
            )
        return names
