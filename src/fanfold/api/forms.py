"""The form that names a new access token and picks its scopes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.models import User
from fanfold.api.models import Scope
from fanfold.api.tokens import scopes_allowed_to


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What will use it, e.g. “my e-reader”.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("What it may do"), widget=forms.CheckboxSelectMultiple, initial=[Scope.READ.value]
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = scopes_allowed_to(user)
        scopes = self.fields["scopes"]
        assert isinstance(scopes, forms.MultipleChoiceField)
        scopes.choices = [(scope.value, scope.label) for scope in Scope if scope in allowed]
