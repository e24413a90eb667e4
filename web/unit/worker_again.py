"""Unit staff: a client's wish for one of the unit's workers again, marked handled from the needs page.

Proposing the worker is the usual proposal (`units:propose`); she must still accept. Marking the wish
handled only records what the unit did; the client is not told more than that the unit handled it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders.selectors.worker_again import unit_wish_get_for
from orders.services.worker_again import worker_again_handle


@unit_staff_required
@require_POST
def wish_handled(request: HttpRequest, pk: int) -> HttpResponse:
    wish = unit_wish_get_for(user=request.user, pk=pk)  # another unit's wish: a 404
    try:
        worker_again_handle(request_id=wish.pk, by=request.user, outcome=request.POST.get("outcome", ""))
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("The wish is marked handled."))
    return redirect(f"{reverse('units:needs')}#wishes")
