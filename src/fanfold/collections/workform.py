"""AO3's "Post to Collections / Challenges" field on the posting and edit work form."""

from django import forms
from django.utils.translation import gettext as _

from fanfold.accounts.models import User
from fanfold.collections import items
from fanfold.collections.models import Collection
from fanfold.works.models import Work

FIELD = "collection_names"


def _names(value: str) -> list[str]:
    return list(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))


class CollectionsPart:
    section = "Associations"

    def add_fields(self, form: forms.ModelForm, user: User) -> None:
        form.fields[FIELD] = forms.CharField(
            label=_("Post to Collections / Challenges"),
            required=False,
            help_text=_("Collection names (from their URLs), comma-separated."),
        )
        if form.instance.pk:
            in_collections = form.instance.collection_items.values_list(
                "collection__name", flat=True
            )
            form.initial[FIELD] = ", ".join(in_collections)

    def clean(self, form: forms.ModelForm, user: User) -> None:
        current = set()
        if form.instance.pk:
            current = set(form.instance.collection_items.values_list("collection_id", flat=True))
        chosen = []
        for name in _names(form.cleaned_data.get(FIELD) or ""):
            collection = Collection.objects.filter(name__iexact=name).first()
            if collection is None:
                form.add_error(
                    FIELD, _("We couldn't find the collection %(name)s.") % {"name": name}
                )
            elif collection.closed and collection.pk not in current:
                form.add_error(
                    FIELD,
                    _("Collection %(title)s is currently closed.") % {"title": collection.title},
                )
            else:
                chosen.append(collection)
        form.cleaned_data[FIELD] = chosen

    def save(self, form: forms.ModelForm, work: Work, user: User) -> None:
        chosen = form.cleaned_data[FIELD]
        for item in work.collection_items.exclude(collection__in=chosen):
            items.remove_item(item, user)
        current = set(work.collection_items.values_list("collection_id", flat=True))
        for collection in chosen:
            if collection.pk not in current:
                items.add_work(collection, work, user)
