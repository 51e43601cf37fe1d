"""The reader-settings form on the reading page: a plain POST, so it works without JavaScript."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fanfold.accounts import reading
from fanfold.accounts.forms import ReaderSettingsForm


@require_POST
def reader_settings(request: HttpRequest) -> HttpResponse:
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    response = HttpResponseRedirect(f"{back}#workskin")
    form = ReaderSettingsForm(request.POST)
    if form.is_valid():
        reading.remember(request, response, reading.from_values(form.cleaned_data))
    return response
