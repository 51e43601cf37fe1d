"""Forms for the wrangling pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fanfold.tags.models import Tag, TagType

STATUS_CHOICES = [
    ("unwrangled", "Unwrangled"),
    ("canonical", "Canonical"),
    ("synonym", "Synonyms"),
    ("all", "All"),
]
ACTIONS = [
    ("canonical", "Make canonical"),
    ("synonym", "Make synonyms of"),
    ("parent", "Add parent (fandom or media)"),
    ("meta", "Add meta tag"),
]


class WranglingFilterForm(forms.Form):
    type = forms.ChoiceField(choices=[("", "Any type"), *TagType.choices], required=False)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, initial="unwrangled")
    fandom = forms.CharField(required=False, help_text=_("Only tags used on works in this fandom."))
    name = forms.CharField(required=False, label=_("Name starts with"))


def tag_named(name: str, field: str = "target") -> Tag:
    tag = Tag.objects.filter(name__iexact=name.strip()).order_by("-canonical", "id").first()
    if tag is None:
        raise ValidationError({field: f"There is no tag named “{name.strip()}”."})
    return tag


class BulkWranglingForm(forms.Form):
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one tag."},
    )
    action = forms.ChoiceField(choices=ACTIONS)
    target = forms.CharField(
        required=False, label=_("Tag name"), help_text=_("For synonyms, parents and meta tags.")
    )

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("action") in {"synonym", "parent", "meta"}:
            if not data.get("target", "").strip():
                raise ValidationError({"target": "Name the tag to use."})
            data["target_tag"] = tag_named(data["target"])
        return data


class TagEditForm(forms.Form):
    canonical = forms.BooleanField(required=False, label=_("Canonical"))
    synonym_of = forms.CharField(required=False, label=_("Make this a synonym of"))
    add_parent = forms.CharField(required=False, label=_("Add a parent tag"))
    add_meta = forms.CharField(required=False, label=_("Add a meta tag"))

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        for field in ("synonym_of", "add_parent", "add_meta"):
            if data.get(field, "").strip():
                data[f"{field}_tag"] = tag_named(data[field], field)
        return data
