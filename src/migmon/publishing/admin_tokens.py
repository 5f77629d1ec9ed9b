"""The admin page of a data manager's API tokens: create one (shown once, on this answer only), revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from migmon.publishing.permissions import data_manager_required, signed_in
from migmon.publishing.tokens import token_create, token_revoke, tokens_of


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("What the token is for"), max_length=100)


@data_manager_required
def tokens_index(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        _token, created = token_create(user=user, name=form.cleaned_data["name"])
        form = TokenForm()
    context = {
        "form": form,
        "created": created,
        "tokens": tokens_of(user),
        "page_title": _("API tokens"),
        "page_icon": "key",
    }
    response = render(request, "publishing/tokens.html", context)
    response["Cache-Control"] = "no-store"  # the new token is on this answer only
    return response


@require_POST
@data_manager_required
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    if token_revoke(user=signed_in(request), pk=pk):
        messages.success(request, _("The token was revoked."))
    return redirect("publishing:tokens")
