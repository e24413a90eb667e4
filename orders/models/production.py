"""Production orders (tuotantotilaus): a client orders something that a unit makes, e.g. role
costumes sewn in the Uusix workshop for two schools.

A production order goes through its steps in a fixed order (`PRODUCTION_STEPS`): the order is
defined (what, how many), prototypes are designed, sewn or test-made and shown to the client, the
client accepts, the work is timed and priced, then it is produced as gigs of an ordinary `Order`
(so staffing, hours, invoicing and payment runs work as for any order), and finally delivered. Each
step done is a `ProductionStep` row with its date and owner. The order may stop at any step for a
reason (a `ProductionStop` row, kept after a reopening as history). See docs/production-orders.md.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import TimeStampedModel
from orders.models.clients import ClientContact, ClientOrganisation
from orders.models.orders import ContractType, Order


class ProductionStepKind(models.TextChoices):
    DEFINED = "defined", pgettext_lazy("production step", "Order defined")
    PROTOTYPES_DESIGNED = "prototypes_designed", pgettext_lazy("production step", "Prototypes designed")
    PROTOTYPES_MADE = "prototypes_made", pgettext_lazy("production step", "Prototypes sewn and test-made")
    PROTOTYPES_SHOWN = "prototypes_shown", pgettext_lazy("production step", "Prototypes shown to the client")
    CLIENT_ACCEPTED = "client_accepted", pgettext_lazy("production step", "Client accepted")
    PRICED = "priced", pgettext_lazy("production step", "Work timed and priced")
    PRODUCED = "produced", pgettext_lazy("production step", "Produced as gigs")
    DELIVERED = "delivered", pgettext_lazy("production step", "Delivered")


# The steps in the order they are done; a step is recorded only after the one before it.
PRODUCTION_STEPS: tuple[ProductionStepKind, ...] = tuple(ProductionStepKind)

# The steps the producing unit's staff record themselves (the prototype work happens in the unit);
# the coordinator records every step.
UNIT_RECORDED_STEPS: frozenset[ProductionStepKind] = frozenset(
    {
        ProductionStepKind.PROTOTYPES_DESIGNED,
        ProductionStepKind.PROTOTYPES_MADE,
        ProductionStepKind.PROTOTYPES_SHOWN,
    }
)

# Steps with a service of their own (they create or check other records), not the plain "record".
STEPS_WITH_OWN_SERVICE: frozenset[ProductionStepKind] = frozenset(
    {ProductionStepKind.DEFINED, ProductionStepKind.PRICED, ProductionStepKind.PRODUCED}
)


def next_step_after(step: str) -> ProductionStepKind | None:
    index = PRODUCTION_STEPS.index(ProductionStepKind(step))
    return PRODUCTION_STEPS[index + 1] if index + 1 < len(PRODUCTION_STEPS) else None


class StopReason(models.TextChoices):
    CONTRACT_MODEL = (
        "contract_model",
        pgettext_lazy("production stop reason", "The contract model does not suit the workers"),
    )
    CLIENT_DECLINED = "client_declined", pgettext_lazy("production stop reason", "The client did not accept")
    PRICE = "price", pgettext_lazy("production stop reason", "The price was not agreed")
    NOT_FEASIBLE = "not_feasible", pgettext_lazy("production stop reason", "The unit cannot make it")
    NO_WORKERS = "no_workers", pgettext_lazy("production stop reason", "Not enough workers")
    OTHER = "other", pgettext_lazy("production stop reason", "Other reason")


class ProductionOrder(TimeStampedModel):
    """What a client orders from a unit, and where it stands."""

    client = models.ForeignKey(
        ClientOrganisation, on_delete=models.PROTECT, related_name="production_orders", verbose_name=_("client")
    )
    contact = models.ForeignKey(
        ClientContact, on_delete=models.PROTECT, related_name="production_orders", verbose_name=_("contact person")
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="production_orders", verbose_name=_("producing unit")
    )
    title = models.CharField(_("what is made"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    current_step = models.CharField(
        _("current step"),
        max_length=30,
        choices=ProductionStepKind.choices,
        default=ProductionStepKind.DEFINED,
        db_index=True,
    )
    stopped = models.BooleanField(_("stopped"), default=False, db_index=True)
    # Set at pricing: the contract the work is done under and the hourly price agreed with the
    # client (excl. VAT). The price is read from billing's dated price list by the page that records
    # the step and stored here as agreed; the gigs' invoices are priced by billing as any order's.
    contract_type = models.CharField(_("contract"), max_length=20, choices=ContractType.choices, blank=True)
    agreed_hourly_price = models.DecimalField(
        _("agreed hourly price, excl. VAT"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    order = models.OneToOneField(
        Order,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="production_order",
        verbose_name=_("order of the gigs"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("production order")
        verbose_name_plural = _("production orders")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"], name="production_unit_newest_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"T{self.pk}" if self.pk else "T–"

    @property
    def next_step(self) -> ProductionStepKind | None:
        return next_step_after(self.current_step)


class ProductionItem(models.Model):
    """One row of what is made: e.g. "puku, 30 kpl" or "tassut, 60 paria"."""

    production_order = models.ForeignKey(
        ProductionOrder, on_delete=models.CASCADE, related_name="items", verbose_name=_("production order")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("item"), max_length=120)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1), MaxValueValidator(100000)])
    unit_label = models.CharField(_("unit of quantity"), max_length=20, default="kpl")
    # Set at pricing (timing): the minutes of work one item takes.
    minutes_per_item = models.DecimalField(
        _("minutes per item"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
    )

    class Meta:
        verbose_name = _("production item")
        verbose_name_plural = _("production items")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} {self.quantity} {self.unit_label}"

    @property
    def total_minutes(self) -> Decimal | None:
        if self.minutes_per_item is None:
            return None
        return self.minutes_per_item * self.quantity


class ProductionStep(models.Model):
    """A step done: when, whose responsibility it was (a staff member, or for the acceptance the
    client's contact), and a note."""

    production_order = models.ForeignKey(
        ProductionOrder, on_delete=models.CASCADE, related_name="steps", verbose_name=_("production order")
    )
    step = models.CharField(_("step"), max_length=30, choices=ProductionStepKind.choices)
    done_on = models.DateField(_("date"))
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    owner_contact = models.ForeignKey(
        ClientContact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("client's contact person"),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("production step")
        verbose_name_plural = _("production steps")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["production_order", "step"], name="production_step_once"),
            # The client's acceptance belongs to the client's contact; every other step to a staff member.
            models.CheckConstraint(
                condition=(
                    Q(step=ProductionStepKind.CLIENT_ACCEPTED, owner_contact__isnull=False, owner_user__isnull=True)
                    | (
                        ~Q(step=ProductionStepKind.CLIENT_ACCEPTED)
                        & Q(owner_user__isnull=False, owner_contact__isnull=True)
                    )
                ),
                name="production_step_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.production_order_id}: {self.step}"

    @property
    def owner_name(self) -> str:
        if self.owner_contact_id:
            return self.owner_contact.name
        user = self.owner_user
        return (user.get_full_name() or user.email) if user else ""


class ProductionStop(models.Model):
    """The order stopped at a step, why, by whom and when; and, once reopened, by whom and why."""

    production_order = models.ForeignKey(
        ProductionOrder, on_delete=models.CASCADE, related_name="stops", verbose_name=_("production order")
    )
    at_step = models.CharField(_("stopped at step"), max_length=30, choices=ProductionStepKind.choices)
    reason = models.CharField(_("reason"), max_length=30, choices=StopReason.choices)
    note = models.TextField(_("explanation"))
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("stopped by")
    )
    stopped_at = models.DateTimeField(_("stopped"), auto_now_add=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopen_note = models.TextField(_("note on reopening"), blank=True)

    class Meta:
        verbose_name = _("production stop")
        verbose_name_plural = _("production stops")
        ordering = ["stopped_at", "pk"]
        constraints = [
            # At most one open stop per order.
            models.UniqueConstraint(
                fields=["production_order"], condition=Q(reopened_at__isnull=True), name="production_one_open_stop"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.production_order_id}: {self.reason}"
