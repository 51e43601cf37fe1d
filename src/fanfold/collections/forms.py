"""Forms for collections: creating and editing one, adding items, managing participants."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.models import Pseud
from fanfold.collections.models import Collection, Role
from fanfold.lib.sanitize import ALLOWED_HTML_HELP
from fanfold.lib.uploads import ICON_HELP, checked_icon
from fanfold.works.cocreators import InvitationRefused, find_pseud


def _https_by_default(field: models.Field, **kwargs) -> forms.Field | None:
    # Django 6's default for URLs typed without a scheme; Django 5 warns otherwise.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class CollectionForm(forms.ModelForm):
    """AO3's "New Collection" form: name, title, profile and preferences."""

    parent_name = forms.CharField(
        label=_("Parent collection (optional)"),
        required=False,
        help_text=_("The name of a collection you maintain; this one becomes its subcollection."),
    )

    class Meta:
        model = Collection
        fields = [
            "name",
            "title",
            "description",
            "email",
            "icon",
            "icon_alt_text",
            "header_image_url",
            "intro",
            "faq",
            "rules",
            "gift_notification",
            "closed",
            "moderated",
            "unrevealed",
            "anonymous",
            "email_notify",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in ("description", "intro", "faq", "rules", "gift_notification")
        }
        formfield_callback = _https_by_default
        help_texts = {
            "icon": ICON_HELP,
            **{name: ALLOWED_HTML_HELP for name in ("description", "intro", "faq", "rules")},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The name is the collection's URL: AO3 never changes it.
            self.fields["name"].disabled = True
            self.initial["parent_name"] = self.instance.parent.name if self.instance.parent else ""

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        taken = Collection.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Sorry, that name is already taken. Try again, please!"))
        return name

    def clean_icon(self):
        return checked_icon(self.cleaned_data.get("icon"))

    def clean_parent_name(self) -> Collection | None:
        name = self.cleaned_data["parent_name"].strip()
        if not name:
            return None
        parent = Collection.objects.filter(name__iexact=name).first()
        if parent is None:
            raise ValidationError(
                _("We couldn't find a collection with name %(name)s.") % {"name": name}
            )
        if parent.pk == self.instance.pk:
            raise ValidationError(_("You can't make a collection its own parent."))
        return parent


class AddToCollectionForm(forms.Form):
    """AO3's "Add to collections" on a work or a bookmark: collection names."""

    collection_names = forms.CharField(
        label=_("Collection name(s)"),
        help_text=_("Collection names (from their URLs), comma-separated."),
    )

    def clean_collection_names(self) -> list[Collection]:
        chosen = []
        for name in dict.fromkeys(
            n.strip() for n in self.cleaned_data["collection_names"].split(",")
        ):
            if not name:
                continue
            collection = Collection.objects.filter(name__iexact=name).first()
            if collection is None:
                raise ValidationError(
                    _("We couldn't find the collection %(name)s.") % {"name": name}
                )
            chosen.append(collection)
        return chosen


class ParticipantForm(forms.Form):
    """An owner adds someone (by user name or “pseud (user name)”) in a role."""

    pseud = forms.CharField(label=_("User name or pseud"))
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER)

    def clean_pseud(self) -> Pseud:
        try:
            return find_pseud(self.cleaned_data["pseud"])
        except InvitationRefused as refused:
            raise ValidationError(str(refused)) from None
