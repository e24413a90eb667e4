"""Product sales (tuotemyynti): products a worker designs and makes in a unit, sold to a buyer for
an agreed one-time compensation per product, which is paid to the worker in the payment runs.

- `Product`: what was made, by whom, in which unit; the material cost comes from the unit's budget.
- `CompensationAgreement`: the compensation per product agreed with a buyer (a client organisation)
  by four parties: the job coach, the coordinator, the unit manager and the buyer's representative.
  It is complete, and deliveries may be recorded, only when all four have agreed.
- `ProductDelivery`: products handed to the buyer on a date; the compensation due is frozen on it
  (quantity × the agreed compensation), and a payment run pays it once (`PayoutLine.delivery`).
- `SalesReview`: after the trial period the sales are reviewed and a reorder decided.

Amounts are Decimal euros rounded to cents, as on a fee statement.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _

from billing.models.rules import MONEY


def product_photo_upload_to(instance: Product, filename: str) -> str:
    # A random name outside any public URL: the photo is served only through a permission-checked view.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/products/{instance.unit_id}/{secrets.token_urlsafe(16)}.{suffix}"


class Product(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="products", verbose_name=_("unit"))
    maker = models.ForeignKey(
        "workers.Worker", on_delete=models.PROTECT, related_name="products", verbose_name=_("maker")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    photo = models.FileField(_("photo"), upload_to=product_photo_upload_to, blank=True)
    photo_type = models.CharField(_("photo type"), max_length=30, blank=True)
    quantity_made = models.PositiveIntegerField(_("quantity made"))
    material_cost = models.DecimalField(
        _("material cost"), default=0, help_text=_("Paid from the unit's budget."), **MONEY
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["unit", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(material_cost__gte=0), name="product_material_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class AgreementQuerySet(models.QuerySet):
    def complete(self):
        return self.filter(
            job_coach__isnull=False,
            coordinator__isnull=False,
            unit_manager__isnull=False,
            buyer_agreed_on__isnull=False,
        )

    def incomplete(self):
        return self.exclude(pk__in=self.complete().values("pk"))


def _agreed_pair(person: str, day: str) -> Q:
    """A party has agreed with both a person and a date, or not at all."""
    return Q(**{f"{person}__isnull": True, f"{day}__isnull": True}) | Q(
        **{f"{person}__isnull": False, f"{day}__isnull": False}
    )


class CompensationAgreement(models.Model):
    """The one-time compensation per product agreed with a buyer, from `valid_from` on."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("product"))
    buyer = models.ForeignKey(
        "orders.ClientOrganisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("buyer")
    )
    compensation = models.DecimalField(_("compensation per product"), **MONEY)
    valid_from = models.DateField(_("valid from"))
    # The four parties. Staff are users; the buyer's representative is a name.
    job_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job coach"),
    )
    job_coach_agreed_on = models.DateField(_("job coach agreed on"), null=True, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    coordinator_agreed_on = models.DateField(_("coordinator agreed on"), null=True, blank=True)
    unit_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit manager"),
    )
    unit_manager_agreed_on = models.DateField(_("unit manager agreed on"), null=True, blank=True)
    buyer_representative = models.CharField(_("buyer's representative"), max_length=200, blank=True)
    buyer_agreed_on = models.DateField(_("buyer's representative agreed on"), null=True, blank=True)
    # The end of the trial sales period: set from the first delivery (JOBCENTER_PRODUCT_TRIAL_MONTHS later).
    trial_ends_on = models.DateField(_("trial period ends"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("compensation agreement")
        verbose_name_plural = _("compensation agreements")
        ordering = ["product", "-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(compensation__gt=0), name="product_agreement_compensation_positive"),
            models.CheckConstraint(
                condition=_agreed_pair("job_coach", "job_coach_agreed_on"), name="product_agreement_job_coach_dated"
            ),
            models.CheckConstraint(
                condition=_agreed_pair("coordinator", "coordinator_agreed_on"),
                name="product_agreement_coordinator_dated",
            ),
            models.CheckConstraint(
                condition=_agreed_pair("unit_manager", "unit_manager_agreed_on"),
                name="product_agreement_unit_manager_dated",
            ),
            models.CheckConstraint(
                condition=(Q(buyer_representative="") & Q(buyer_agreed_on__isnull=True))
                | (~Q(buyer_representative="") & Q(buyer_agreed_on__isnull=False)),
                name="product_agreement_buyer_dated",
            ),
            models.UniqueConstraint(fields=["product", "buyer", "valid_from"], name="product_agreement_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.product} – {self.compensation} €"

    @property
    def is_complete(self) -> bool:
        return None not in (self.job_coach_id, self.coordinator_id, self.unit_manager_id, self.buyer_agreed_on)

    @property
    def missing_parties(self) -> list[str]:
        """The parties that have not agreed yet, by their role's name."""
        missing = []
        if self.job_coach_id is None:
            missing.append(str(_("job coach")))
        if self.coordinator_id is None:
            missing.append(str(_("coordinator")))
        if self.unit_manager_id is None:
            missing.append(str(_("unit manager")))
        if self.buyer_agreed_on is None:
            missing.append(str(_("buyer's representative")))
        return missing


class ProductDelivery(models.Model):
    """Products handed to the buyer. The compensation is frozen here; a payment run pays it once."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("product"))
    agreement = models.ForeignKey(
        CompensationAgreement, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("agreement")
    )
    date = models.DateField(_("delivery date"), db_index=True)
    quantity = models.PositiveIntegerField(_("quantity delivered"))
    compensation = models.DecimalField(_("compensation per product"), **MONEY)
    amount = models.DecimalField(_("compensation due"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("product delivery")
        verbose_name_plural = _("product deliveries")
        ordering = ["product", "date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="product_delivery_quantity_positive"),
            models.CheckConstraint(condition=Q(compensation__gt=0), name="product_delivery_compensation_positive"),
            models.CheckConstraint(
                condition=Q(amount=Round(F("quantity") * F("compensation"), 2)),
                name="product_delivery_amount_is_quantity_times",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.product} × {self.quantity}"


class SalesReview(models.Model):
    """The review of an agreement's trial sales period, and the reorder decision."""

    agreement = models.OneToOneField(
        CompensationAgreement, on_delete=models.PROTECT, related_name="review", verbose_name=_("agreement")
    )
    reviewed_on = models.DateField(_("review date"))
    sold = models.PositiveIntegerField(_("sold"))
    notes = models.TextField(_("notes"), blank=True)
    reorder = models.BooleanField(_("reorder"))
    reorder_quantity = models.PositiveIntegerField(_("reorder quantity"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("sales review")
        verbose_name_plural = _("sales reviews")
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(reorder=True) & Q(reorder_quantity__gt=0)) | (Q(reorder=False) & Q(reorder_quantity=0)),
                name="sales_review_reorder_has_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.reviewed_on:%d.%m.%Y}"
