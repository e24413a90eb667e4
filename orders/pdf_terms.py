"""The accepted terms as an A4 PDF: the terms text, the order summary with its price and estimate,
and who accepted them when. Rendered once, at the acceptance, in the order's language."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from jobcenter.pdf import render_pdf
from orders.estimate import OrderEstimate
from orders.models import Order


def render_accepted_terms_pdf(order: Order, estimate: OrderEstimate) -> bytes:
    """`order` after `order_accept_terms` recorded the acceptance (its terms, time and name)."""
    with translation.override(order.language):
        return render_pdf(
            "orders/terms_accepted_pdf.html",
            {
                "order": order,
                "estimate": estimate,
                "terms_text": order.terms.text_in(order.language),
                "seller": {
                    "name": settings.JOBCENTER_SELLER_NAME,
                    "business_id": settings.JOBCENTER_SELLER_BUSINESS_ID,
                    "street": settings.JOBCENTER_SELLER_STREET,
                    "postal_code": settings.JOBCENTER_SELLER_POSTAL_CODE,
                    "city": settings.JOBCENTER_SELLER_CITY,
                },
            },
        )
