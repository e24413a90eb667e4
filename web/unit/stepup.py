"""Confirm a worker in person: `/unit/identify/`. A session started with an emailed code alone only
proves that someone read the mailbox, so it never shows special-category figures (benefits, debts,
support needs); a staff member who sees the worker and confirms them here is one way to make the
session strong enough.

The worker shows a 6-digit code on their phone (`/me/identify/`). A staff member of the worker's
home unit, or the coordinator, writes it here, sees whose code it is, and confirms that they have
seen that person. `jobcenter.stepup_services` records who confirmed and when; the worker's phone
then counts as identified for a while.

Only a strong session may confirm (staff always have one: `jobcenter.middleware` requires their
second factor). Attempts are limited per staff member, so codes cannot be guessed from here; a
wrong code, an expired one and another unit's worker's code get the same answer.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from jobcenter import ratelimit
from jobcenter.clock import clock_digits
from jobcenter.errors import DomainError
from jobcenter.forms import HdsForm
from jobcenter.gates import STAFF, refusal
from jobcenter.stepup import session_is_strong
from jobcenter.stepup_services import stepup_confirm, stepup_request_find

# Code look-ups per staff member per window: enough for a busy morning, far too few to guess.
FIND_LIMIT = 20
FIND_WINDOW_SECONDS = 10 * 60


class CodeForm(HdsForm):
    code = forms.CharField(
        label=_("The code on the person's phone"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("6 digits. Ask the person to open “Show my figures” on their phone and get a code."),
    )


class ConfirmForm(HdsForm):
    stepup = forms.IntegerField(widget=forms.HiddenInput)
    code = forms.CharField(max_length=12, widget=forms.HiddenInput)
    seen = forms.BooleanField(
        label=_("I have seen this person here and I know it is them."),
        error_messages={"required": _("Tick the box to confirm that you have seen the person.")},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def identify(request):
    refused = refusal(request, STAFF)
    if refused is not None:
        return refused
    user = request.user
    if not session_is_strong(request):  # pragma: no cover - the middleware requires staff MFA first
        return render(request, "units/forbidden.html", status=403)

    context = {"unit_section": "identify"}
    if request.method == "POST" and not ratelimit.hit(
        f"stepup:user:{user.pk}", limit=FIND_LIMIT, window_seconds=FIND_WINDOW_SECONDS
    ):
        form = CodeForm({"code": request.POST.get("code", "")[:12]})
        form.is_valid()
        form.add_error(None, gettext("Too many codes tried. Wait ten minutes and try again."))
        return render(request, "units/stepup_identify.html", {**context, "form": form}, status=429)
    if request.method == "POST" and request.POST.get("step") == "confirm":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                stepup = stepup_confirm(stepup_id=form.cleaned_data["stepup"], code=form.cleaned_data["code"], by=user)
            except DomainError as error:
                messages.error(request, error.message)
                return redirect("units:identify")
            messages.success(
                request,
                gettext("%(name)s is now identified on their phone until %(time)s.")
                % {
                    "name": stepup.user.get_full_name() or stepup.user.email,
                    "time": clock_digits(timezone.localtime(stepup.strong_until).time()),
                },
            )
            return redirect("units:identify")
        try:
            stepup = stepup_request_find(code=request.POST.get("code", ""), by=user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("units:identify")
        return render(request, "units/stepup_confirm.html", {**context, "form": form, "stepup": stepup})

    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            stepup = stepup_request_find(code=form.cleaned_data["code"], by=user)
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            confirm = ConfirmForm(initial={"stepup": stepup.pk, "code": form.cleaned_data["code"]})
            return render(request, "units/stepup_confirm.html", {**context, "form": confirm, "stepup": stepup})
    return render(request, "units/stepup_identify.html", {**context, "form": form})
