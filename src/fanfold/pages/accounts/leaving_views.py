"""Taking your data with you, and deleting your account."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.forms import CurrentPasswordForm
from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.lib.ratelimits import rate_limited
from fanfold.pages.accounts.export import export_account
from fanfold.pages.accounts.leaving import DELETE, ORPHAN, delete_account, works_to_decide

REFUSAL = "Only the account's owner can do that."


class DeleteAccountForm(CurrentPasswordForm):
    keep_pseud = forms.BooleanField(
        label=_("Keep my pseud names on the works I orphan"), required=False
    )
    field_order = ["keep_pseud", "password"]

    def __init__(self, *args, works, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for work in works:
            self.fields[f"work_{work.pk}"] = forms.ChoiceField(
                label=work.title,
                choices=[(ORPHAN, "Orphan it (readers keep it)"), (DELETE, "Delete it")],
                initial=ORPHAN,
                widget=forms.RadioSelect,
            )

    def decisions(self) -> dict[int, str]:
        return {
            int(name.removeprefix("work_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("work_")
        }


@login_required
def delete(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = own_account(request, login_name, REFUSAL)
    works = works_to_decide(user)
    form = DeleteAccountForm(request.POST or None, user=user, works=works)
    if request.method == "POST" and form.is_valid():
        delete_account(user, form.decisions(), form.cleaned_data["keep_pseud"])
        logout(request)
        messages.success(request, _("Your account has been deleted. Thank you for being here."))
        return redirect("archive:home")
    return render(request, "accounts/delete_account.html", {"form": form, "works": works})


@login_required
@rate_limited("download", methods=("GET",))
def export(request: AuthenticatedRequest, login_name: str) -> FileResponse:
    user = own_account(request, login_name, REFUSAL)
    return FileResponse(
        export_account(user), as_attachment=True, filename=f"fanfold-{user.username}.zip"
    )
