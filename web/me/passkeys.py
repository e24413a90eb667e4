"""The worker's passkeys, fingerprint or face login on her phone: `/me/passkeys/` (AUTH-5).

- `/me/passkeys/`: her passkeys (name, added, last used) and, in a strong session only, the button
  that sets one up on this phone (`navigator.credentials.create()` in static/js/passkeys.js).
- `/me/passkeys/add/` (POST): the phone's answer; `jobcenter.passkey_services.passkey_add` checks
  it and stores the passkey. A weak session is refused with a plain message.
- `/me/passkeys/open/`: "Open with fingerprint or face" on the benefits and gig pages. GET with
  `Accept: application/json` gives the challenge; the POST with the phone's answer makes this
  session strong (`passkey_stepup_complete`) and goes back to the page she came from.
- `/me/passkeys/<pk>/remove/`: asks first, then removes one of her passkeys. A weak session may
  remove: a worker who lost her phone logs in with an emailed code and takes its passkey away.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.forms import HdsForm
from jobcenter.gates import worker_required
from jobcenter.passkey_selectors import passkey_get_for, passkeys_of
from jobcenter.passkey_services import (
    FAILED,
    NAME_MAX_LENGTH,
    default_passkey_name,
    passkey_add,
    passkey_registration_begin,
    passkey_remove,
    passkey_stepup_begin,
    passkey_stepup_complete,
)
from jobcenter.stepup import session_is_strong


class PasskeyAddForm(HdsForm):
    name = forms.CharField(
        label=_("Name of the phone"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("So that you know which phone it is. You can keep this name."),
    )
    credential = forms.JSONField(widget=forms.HiddenInput)


class PasskeyAnswerForm(HdsForm):
    credential = forms.JSONField(widget=forms.HiddenInput)
    next = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)


def _error_text(error: Exception) -> str:
    if isinstance(error, DomainError):
        return str(error.message)
    return str(FAILED)


@require_http_methods(["GET", "HEAD"])
@worker_required
def passkeys(request: HttpRequest) -> HttpResponse:
    strong = session_is_strong(request)
    context = {"passkeys": passkeys_of(user=request.user), "strong": strong}
    if strong:
        context["creation_options"] = {"creation_options": passkey_registration_begin(request=request)}
        context["form"] = PasskeyAddForm(initial={"name": default_passkey_name()})
    return render(request, "workers/passkeys.html", context)


@require_POST
@worker_required
def passkey_add_view(request: HttpRequest) -> HttpResponse:
    if not session_is_strong(request):
        return render(request, "workers/passkey_refused.html", status=403)
    form = PasskeyAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("The phone gave no answer. Try again."))
        return redirect("workers:passkeys")
    try:
        passkey_add(request=request, credential=form.cleaned_data["credential"], name=form.cleaned_data["name"])
    except ActionNotPermitted:
        return render(request, "workers/passkey_refused.html", status=403)
    except (DomainError, ValidationError) as error:
        messages.error(request, _error_text(error))
        return redirect("workers:passkeys")
    messages.success(
        request, gettext("Fingerprint or face login is ready. Next time you can open your figures yourself.")
    )
    return redirect("workers:passkeys")


def _safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("my_benefits:overview")


@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def passkey_open(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        if request.headers.get("Accept", "").startswith("application/json"):
            try:
                options = passkey_stepup_begin(request=request)
            except DomainError as error:
                return JsonResponse({"error": _error_text(error)}, status=400)
            return JsonResponse({"request_options": options})
        return redirect(_safe_next(request, request.GET.get("next", "")))
    form = PasskeyAnswerForm(request.POST)
    target = _safe_next(request, request.POST.get("next", ""))
    if not form.is_valid():
        messages.error(request, str(FAILED))
        return redirect(target)
    try:
        passkey_stepup_complete(request=request, credential=form.cleaned_data["credential"])
    except (DomainError, ValidationError) as error:
        messages.error(request, _error_text(error))
    return redirect(target)


@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def passkey_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    passkey = passkey_get_for(user=request.user, pk=pk)
    if request.method == "POST":
        passkey_remove(authenticator_id=passkey.pk, by=request.user, request=request)
        messages.success(request, gettext("The passkey “%(name)s” is removed.") % {"name": passkey.name})
        return redirect("workers:passkeys")
    return render(request, "workers/passkey_remove.html", {"passkey": passkey})
