"""The accepted terms' PDF of an order, for those who may see the order."""

from __future__ import annotations

from django.http import Http404

from orders.models import AcceptedTermsCopy
from orders.selectors.orders import order_get_for


def accepted_terms_copy_for(*, user, order_pk: int) -> AcceptedTermsCopy:
    """The PDF kept when the order's terms were accepted; 404 outside the user's scope, and for an
    order accepted before the PDFs were kept (or not accepted yet)."""
    order = order_get_for(user=user, pk=order_pk)
    copy = AcceptedTermsCopy.objects.filter(order=order).select_related("order").first()
    if copy is None:
        raise Http404
    return copy
