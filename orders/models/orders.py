"""Orders: what a client asked for, its history and the units informed of it."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import TimeStampedModel
from orders.models.clients import ClientContact, ClientOrganisation, OrderTerms, TaskType
from orders.models.history import ORDER_SENTENCES, OrderEvent, client_same_sentence, sentence
from orders.states import OrderStatus, in_declared_order


class ContractType(models.TextChoices):
    COMMISSION = "commission", pgettext_lazy("contract type", "Commission contract")
    EMPLOYMENT = "employment", pgettext_lazy("contract type", "Employment contract")

    @classproperty
    def jobcenter_invoiced(cls) -> frozenset[ContractType]:
        """The contracts whose work the Jobcenter invoices and pays. Employment work is the partner
        model: the employer partner pays the wage and invoices the client (orders.models.partners)."""
        return frozenset({cls.COMMISSION})


class OrderQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OrderStatus.open_states)


class Order(TimeStampedModel):
    """What a client asked for. Holds one or more gigs once the terms are accepted."""

    client = models.ForeignKey(
        ClientOrganisation, on_delete=models.PROTECT, related_name="orders", verbose_name=_("client")
    )
    contact = models.ForeignKey(
        ClientContact, on_delete=models.PROTECT, related_name="orders", verbose_name=_("contact person")
    )
    task_type = models.ForeignKey(
        TaskType, on_delete=models.PROTECT, null=True, blank=True, related_name="orders", verbose_name=_("task type")
    )
    title = models.CharField(_("task in a few words"), max_length=200)
    description = models.TextField(_("task description"))
    orientation = models.TextField(_("how the worker is oriented"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Helsinki")
    preferred_start = models.DateField(_("earliest date"), null=True, blank=True)
    preferred_end = models.DateField(_("latest date"), null=True, blank=True)
    timing_notes = models.TextField(_("timing"), blank=True)
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25"))],
    )
    hours_indicative = models.BooleanField(_("the hours are an estimate"), default=True)
    workers_needed = models.PositiveSmallIntegerField(
        _("workers needed"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    tools_provided = models.BooleanField(_("the client provides the tools"), default=False)
    contract_type = models.CharField(_("contract"), max_length=20, choices=ContractType.choices)
    # Who employs the workers of an employment order (the partner model); chosen by the coordinator.
    employer_partner = models.ForeignKey(
        "orders.EmployerPartner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("employer partner"),
    )
    client_reference = models.CharField(
        _("your order reference"), max_length=70, blank=True, help_text=_("Printed on the invoice.")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")

    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # A key from the public form: a double-click or a re-sent form creates one order.
    submission_key = models.UUIDField(_("submission key"), null=True, blank=True, unique=True, editable=False)
    # "Order again": the earlier order of the same organisation this one was copied from.
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="copies",
        verbose_name=_("copied from order"),
    )
    terms = models.ForeignKey(
        OrderTerms, on_delete=models.PROTECT, null=True, blank=True, related_name="orders", verbose_name=_("terms")
    )
    terms_sent_at = models.DateTimeField(_("terms sent"), null=True, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted"), null=True, blank=True)
    terms_accepted_by = models.ForeignKey(
        ClientContact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("terms accepted by"),
    )
    terms_accepted_name = models.CharField(_("name of the person who accepted"), max_length=200, blank=True)
    closed_reason = models.TextField(_("reason for cancelling or rejecting"), blank=True)
    feedback_requested_at = models.DateTimeField(_("feedback requested"), null=True, blank=True)
    informed_units = models.ManyToManyField(
        "units.Unit", through="OrderUnitNotice", related_name="informed_orders", verbose_name=_("units informed")
    )

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["client", "-created_at"]),
            # The dashboard's default order (newest first, ties by id) with LIMIT/OFFSET paging.
            models.Index(fields=["-created_at", "-id"], name="order_newest_first_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(preferred_end__isnull=True)
                | Q(preferred_start__isnull=True)
                | Q(preferred_end__gte=models.F("preferred_start")),
                name="order_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=in_declared_order(OrderStatus.accepted_states))
                | Q(terms_accepted_at__isnull=False),
                name="order_accepted_has_acceptance_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"#{self.pk}" if self.pk else "#–"

    def get_absolute_url(self) -> str:
        return reverse("admin:orders_order_change", args=[self.pk])


class OrderStatusChange(models.Model):
    """History of an order: who moved it from which state to which, when, and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("order"))
    from_status = models.CharField(_("from"), max_length=20, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # What happened as a code and its facts, written in the reader's language by `describe`;
    # `note` holds only what a person typed (a reason) or an old note from before the codes.
    kind = models.CharField(_("event"), max_length=30, choices=OrderEvent.choices, blank=True)
    params = models.JSONField(_("facts of the event"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("order status change")
        verbose_name_plural = _("order status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status or '–'} → {self.to_status}"

    def describe(self) -> str:
        """What happened, in the active language ("" for a plain change of state or a typed note)."""
        if self.kind == OrderEvent.CLIENT_SAME:
            return client_same_sentence(self.params)
        return sentence(ORDER_SENTENCES, self.kind, self.params)


class OrderUnitNotice(models.Model):
    """A unit informed of an order's need for workers."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="unit_notices", verbose_name=_("order"))
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="order_notices", verbose_name=_("unit")
    )
    informed_at = models.DateTimeField(_("informed"), auto_now_add=True)
    informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("informed by")
    )

    class Meta:
        verbose_name = _("unit informed")
        verbose_name_plural = _("units informed")
        constraints = [models.UniqueConstraint(fields=["order", "unit"], name="unique_order_unit_notice")]

    def __str__(self) -> str:
        return f"{self.order_id} → {self.unit}"
