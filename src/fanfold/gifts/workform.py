"""AO3's "Gift this work to" field on the posting and edit work form."""

from django import forms
from django.utils.translation import gettext as _

from fanfold.accounts.models import Pseud, User
from fanfold.gifts.giving import GiftRefused, recipient_for, set_recipients
from fanfold.works.models import Work

FIELD = "recipients"


def byline(pseud: Pseud) -> str:
    """How AO3 writes a pseud that may share its name: “pseud (login)”, or just the login."""
    if pseud.name.lower() == pseud.user.username.lower():
        return pseud.user.username
    return f"{pseud.name} ({pseud.user.username})"


class GiftsPart:
    section = "Associations"

    def add_fields(self, form: forms.ModelForm, user: User) -> None:
        form.fields[FIELD] = forms.CharField(
            label=_("Gift this work to"),
            required=False,
            max_length=1000,
            help_text=_("User names, “pseud (user name)”, or any name, comma-separated."),
        )
        if form.instance.pk:
            gifts = form.instance.gifts.select_related("pseud__user")
            names = [byline(g.pseud) if g.pseud else g.recipient_name for g in gifts]
            form.initial[FIELD] = ", ".join(names)

    def clean(self, form: forms.ModelForm, user: User) -> None:
        names = dict.fromkeys(n.strip() for n in (form.cleaned_data.get(FIELD) or "").split(","))
        recipients: list[Pseud | str] = []
        for name in filter(None, names):
            try:
                recipients.append(recipient_for(name, user))
            except GiftRefused as refused:
                form.add_error(FIELD, str(refused))
        form.cleaned_data[FIELD] = recipients

    def save(self, form: forms.ModelForm, work: Work, user: User) -> None:
        # Runs after the collections part (INSTALLED_APPS order): a gift in an unrevealed
        # collection is already unrevealed here, so its recipient hears of it at the reveal.
        set_recipients(work, form.cleaned_data[FIELD])
