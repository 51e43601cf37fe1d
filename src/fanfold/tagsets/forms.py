"""Forms for tag sets and nominations; tag names are typed comma-separated, as on AO3."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.forms import optional_pseud_named
from fanfold.accounts.models import Pseud
from fanfold.tags.models import TagType
from fanfold.tags.naming import split_tag_list
from fanfold.tags.phrases import tags_of_type
from fanfold.tagsets.models import MAX_NOMINATION_LIMIT, NOMINATED_TYPES, OwnedTagSet

TAG_SET_TYPES = (*NOMINATED_TYPES, TagType.RATING, TagType.CATEGORY, TagType.WARNING)


def _field_name(tag_type: str) -> str:
    return f"{tag_type.lower()}_tagnames"


class TagSetForm(forms.ModelForm):
    """The set's settings, tags to add by type, and a moderator to add by pseud name."""

    moderator = forms.CharField(
        required=False, help_text=_("A pseud name to add as a moderator (they review nominations).")
    )

    class Meta:
        model = OwnedTagSet
        fields = [
            "title",
            "description",
            "visible",
            "usable",
            "nominated",
            "fandom_nomination_limit",
            "character_nomination_limit",
            "relationship_nomination_limit",
            "freeform_nomination_limit",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for tag_type in TAG_SET_TYPES:
            self.fields[_field_name(tag_type)] = forms.CharField(
                label=capfirst(_("Add %(tags)s") % {"tags": tags_of_type(tag_type)}),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Comma-separated tag names."),
            )
        for name in self.Meta.fields:
            if name.endswith("_limit"):
                self.fields[name].validators.append(_at_most_limit)

    def clean_moderator(self) -> Pseud | None:
        return optional_pseud_named(self.cleaned_data["moderator"])

    def tags_to_add(self) -> dict[str, list[str]]:
        return {
            tag_type: split_tag_list(self.cleaned_data.get(_field_name(tag_type), ""))
            for tag_type in TAG_SET_TYPES
        }

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for tag_type in TAG_SET_TYPES:
            try:
                split_tag_list(cleaned.get(_field_name(tag_type), ""))
            except ValidationError as error:
                self.add_error(_field_name(tag_type), error)
        return cleaned


def _at_most_limit(value: int) -> None:
    if value > MAX_NOMINATION_LIMIT:
        raise ValidationError(
            _("must be an integer between 0 and %(MAX_NOMINATION_LIMIT)s.")
            % {"MAX_NOMINATION_LIMIT": MAX_NOMINATION_LIMIT}
        )


class NominationForm(forms.Form):
    """One comma-separated field per type the set takes nominations for."""

    def __init__(self, tag_set: OwnedTagSet, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for tag_type in NOMINATED_TYPES:
            limit = tag_set.nomination_limit(tag_type)
            if limit:
                self.fields[_field_name(tag_type)] = forms.CharField(
                    label=_("%(type)s (up to %(limit)s)")
                    % {"type": TagType(tag_type).label, "limit": limit},
                    required=False,
                    help_text=_("Comma-separated tag names."),
                )

    def names_by_type(self) -> dict[str, list[str]]:
        return {
            tag_type: self.cleaned_data.get(_field_name(tag_type), [])
            for tag_type in NOMINATED_TYPES
            if _field_name(tag_type) in self.cleaned_data
        }

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for name in list(cleaned):
            try:
                cleaned[name] = split_tag_list(cleaned[name] or "")
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned
