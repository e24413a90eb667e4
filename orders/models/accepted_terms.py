"""The accepted version of an order's terms, kept as the PDF the client was sent.

The terms text, the order summary, the price and estimate and who accepted when, rendered once at
the acceptance (`orders.services.order_accept_terms`) and never again: prices and terms change, the
agreement does not. The coordinator's order page links to it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from orders.models.orders import Order


class AcceptedTermsCopy(models.Model):
    order = models.OneToOneField(
        Order, on_delete=models.CASCADE, related_name="accepted_terms_copy", verbose_name=_("order")
    )
    pdf = models.FileField(_("PDF"), upload_to="accepted-terms/%Y/")
    language = models.CharField(_("language"), max_length=5)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("accepted terms")
        verbose_name_plural = _("accepted terms")

    def __str__(self) -> str:
        return f"{self.order.number}: {self.pdf.name}"

    @property
    def filename(self) -> str:
        return f"terms-{self.order_id}.pdf"
