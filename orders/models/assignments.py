"""Clients, orders, gigs and assignments, with the two state machines of the order flow."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import TimeStampedModel
from jobcenter.validators import validate_business_id
from units.models import SupportMode


class TaskType(models.Model):
    """A kind of task (cleaning, window washing, ...). Names in the three UI languages."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=120)
    name_sv = models.CharField(_("name in Swedish"), max_length=120, blank=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("task type")
        verbose_name_plural = _("task types")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (translation.get_language() or "fi")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fi


# --- Clients --------------------------------------------------------------------------------------
class ClientType(models.TextChoices):
    COMPANY = "company", pgettext_lazy("client type", "Company")
    ASSOCIATION = "association", pgettext_lazy("client type", "Association")
    CITY_UNIT = "city_unit", pgettext_lazy("client type", "City unit")
    OTHER = "other", pgettext_lazy("client type", "Other")


class InvoicingMode(models.TextChoices):
    PER_ORDER = "per_order", pgettext_lazy("invoicing", "One invoice per order")
    MONTHLY = "monthly", pgettext_lazy("invoicing", "One collective invoice per month")


class ClientOrganisation(TimeStampedModel):
    """An ordering organisation (tilaaja): company, association, city unit or other."""

    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id], db_index=True
    )
    client_type = models.CharField(_("type"), max_length=20, choices=ClientType.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")
    # Billing details (given or confirmed when the client accepts the terms).
    billing_name = models.CharField(_("billing name"), max_length=200, blank=True)
    billing_street = models.CharField(_("billing street address"), max_length=200, blank=True)
    billing_postal_code = models.CharField(_("billing postal code"), max_length=10, blank=True)
    billing_city = models.CharField(_("billing city"), max_length=100, blank=True)
    billing_email = models.EmailField(_("billing email"), blank=True)
    einvoice_address = models.CharField(
        _("e-invoice address"), max_length=35, blank=True, help_text=_("OVT code or IBAN for e-invoices.")
    )
    einvoice_operator = models.CharField(
        _("e-invoice operator"), max_length=35, blank=True, help_text=_("The operator's (intermediator's) code.")
    )
    invoicing_mode = models.CharField(
        _("invoicing"), max_length=20, choices=InvoicingMode.choices, default=InvoicingMode.PER_ORDER
    )

    class Meta:
        verbose_name = _("client organisation")
        verbose_name_plural = _("client organisations")
        ordering = ["name"]
        constraints = [
            # City units all use the City's business ID; they are told apart by name.
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id="") & ~Q(client_type="city_unit"),
                name="unique_client_business_id",
            ),
            models.UniqueConstraint(
                "business_id",
                Lower("name"),
                condition=Q(client_type="city_unit"),
                name="unique_city_unit_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def requires_einvoice(self) -> bool:
        # City buyers must receive e-invoices (Act 241/2019).
        return self.client_type == ClientType.CITY_UNIT or bool(self.einvoice_address)


class ClientContact(TimeStampedModel):
    """A contact person of a client organisation. Gets a user account when they first log in."""

    organisation = models.ForeignKey(
        ClientOrganisation, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="client_contacts",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("client contact")
        verbose_name_plural = _("client contacts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], name="unique_contact_email_per_client")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


# --- Terms ----------------------------------------------------------------------------------------
class OrderTerms(models.Model):
    """A version of the order terms (tilausehdot). Acceptances point at the version accepted."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    valid_from = models.DateField(_("valid from"))
    text_fi = models.TextField(_("text in Finnish"))
    text_sv = models.TextField(_("text in Swedish"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)

    class Meta:
        verbose_name = _("order terms")
        verbose_name_plural = _("order terms")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.version

    def text_in(self, language: str) -> str:
        return getattr(self, f"text_{language[:2]}", "") or self.text_fi


# --- Orders ---------------------------------------------------------------------------------------
class ContractType(models.TextChoices):
    COMMISSION = "commission", pgettext_lazy("contract type", "Commission contract")
    EMPLOYMENT = "employment", pgettext_lazy("contract type", "Employment contract")


class OrderStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("order status", "Submitted")
    TERMS_SENT = "terms_sent", pgettext_lazy("order status", "Terms sent")
    TERMS_ACCEPTED = "terms_accepted", pgettext_lazy("order status", "Terms accepted")
    STAFFING = "staffing", pgettext_lazy("order status", "Staffing")
    SCHEDULED = "scheduled", pgettext_lazy("order status", "Scheduled")
    DONE = "done", pgettext_lazy("order status", "Done")
    APPROVED = "approved", pgettext_lazy("order status", "Approved")
    INVOICED = "invoiced", pgettext_lazy("order status", "Invoiced")
    CLOSED = "closed", pgettext_lazy("order status", "Closed")
    CANCELLED = "cancelled", pgettext_lazy("order status", "Cancelled")
    REJECTED = "rejected", pgettext_lazy("order status", "Rejected")


# The one place that says which order state may follow which (see orders/services.py).
ORDER_NEXT_STATES: dict[str, frozenset[str]] = {
    OrderStatus.SUBMITTED: frozenset({OrderStatus.TERMS_SENT, OrderStatus.REJECTED, OrderStatus.CANCELLED}),
    OrderStatus.TERMS_SENT: frozenset({OrderStatus.TERMS_ACCEPTED, OrderStatus.REJECTED, OrderStatus.CANCELLED}),
    OrderStatus.TERMS_ACCEPTED: frozenset({OrderStatus.STAFFING, OrderStatus.CANCELLED}),
    OrderStatus.STAFFING: frozenset({OrderStatus.SCHEDULED, OrderStatus.CANCELLED}),
    # A worker dropping out sends a scheduled order back to staffing (stand-ins come later).
    OrderStatus.SCHEDULED: frozenset({OrderStatus.DONE, OrderStatus.STAFFING, OrderStatus.CANCELLED}),
    OrderStatus.DONE: frozenset({OrderStatus.APPROVED}),
    OrderStatus.APPROVED: frozenset({OrderStatus.INVOICED}),
    OrderStatus.INVOICED: frozenset({OrderStatus.CLOSED}),
    OrderStatus.CLOSED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REJECTED: frozenset(),
}
ORDER_OPEN_STATES = frozenset(
    {
        OrderStatus.SUBMITTED,
        OrderStatus.TERMS_SENT,
        OrderStatus.TERMS_ACCEPTED,
        OrderStatus.STAFFING,
        OrderStatus.SCHEDULED,
        OrderStatus.DONE,
        OrderStatus.APPROVED,
        OrderStatus.INVOICED,
    }
)
# Gigs may be entered only once the client has accepted the terms, and until the work is done.
ORDER_GIG_EDITABLE_STATES = frozenset({OrderStatus.TERMS_ACCEPTED, OrderStatus.STAFFING, OrderStatus.SCHEDULED})


class OrderQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=ORDER_OPEN_STATES)


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
                condition=~Q(status__in=["terms_accepted", "staffing", "scheduled", "done", "approved", "invoiced"])
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
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("order status change")
        verbose_name_plural = _("order status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status or '–'} → {self.to_status}"


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


# --- Gigs and assignments -------------------------------------------------------------------------
class Gig(TimeStampedModel):
    """One occurrence of the task: a date, a start time, planned hours and how many workers."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="gigs", verbose_name=_("order"))
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start time"))
    planned_hours = models.DecimalField(
        _("planned hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("12"))],
    )
    workers_needed = models.PositiveSmallIntegerField(
        _("workers needed"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    notes = models.TextField(_("notes for the workers"), blank=True)

    class Meta:
        verbose_name = _("gig")
        verbose_name_plural = _("gigs")
        ordering = ["date", "start_time"]
        # An order's first gig date (dashboard column) and its gigs in date order.
        indexes = [models.Index(fields=["order", "date"], name="gig_order_date_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(planned_hours__gt=0), name="gig_planned_hours_positive"),
            models.CheckConstraint(condition=Q(workers_needed__gte=1), name="gig_needs_a_worker"),
        ]

    def __str__(self) -> str:
        return f"{self.order.title} {self.date:%d.%m.%Y} {self.start_time:%H:%M}"


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("assignment status", "Proposed")
    OFFERED = "offered", pgettext_lazy("assignment status", "Offered")
    ACCEPTED = "accepted", pgettext_lazy("assignment status", "Accepted")
    DECLINED = "declined", pgettext_lazy("assignment status", "Declined")
    DONE = "done", pgettext_lazy("assignment status", "Done")
    APPROVED = "approved", pgettext_lazy("assignment status", "Approved")
    WITHDRAWN = "withdrawn", pgettext_lazy("assignment status", "Withdrawn")


# The one place that says which assignment state may follow which.
ASSIGNMENT_NEXT_STATES: dict[str, frozenset[str]] = {
    AssignmentStatus.PROPOSED: frozenset({AssignmentStatus.OFFERED, AssignmentStatus.WITHDRAWN}),
    AssignmentStatus.OFFERED: frozenset(
        {AssignmentStatus.ACCEPTED, AssignmentStatus.DECLINED, AssignmentStatus.WITHDRAWN}
    ),
    AssignmentStatus.ACCEPTED: frozenset({AssignmentStatus.DONE, AssignmentStatus.WITHDRAWN}),
    AssignmentStatus.DONE: frozenset({AssignmentStatus.APPROVED}),
    AssignmentStatus.DECLINED: frozenset(),
    AssignmentStatus.APPROVED: frozenset(),
    AssignmentStatus.WITHDRAWN: frozenset(),
}
# States in which an assignment holds (or asks for) a place on the gig.
ASSIGNMENT_ACTIVE_STATES = frozenset(
    {
        AssignmentStatus.PROPOSED,
        AssignmentStatus.OFFERED,
        AssignmentStatus.ACCEPTED,
        AssignmentStatus.DONE,
        AssignmentStatus.APPROVED,
    }
)
# States that fill a place on the gig.
ASSIGNMENT_FILLING_STATES = frozenset({AssignmentStatus.ACCEPTED, AssignmentStatus.DONE, AssignmentStatus.APPROVED})


class Assignment(TimeStampedModel):
    """A worker on a gig, with the support the unit arranged."""

    gig = models.ForeignKey(Gig, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("gig"))
    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("worker")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("proposing unit")
    )
    support = models.CharField(_("support"), max_length=20, choices=SupportMode.choices)
    support_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supporting staff member"),
    )
    skills_checked = models.BooleanField(_("skills checked"), default=False)
    interest_note = models.TextField(_("the worker's interest"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.PROPOSED, db_index=True
    )
    reported_hours = models.DecimalField(_("reported hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    approved_hours = models.DecimalField(_("approved hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    hours_correction_reason = models.TextField(_("reason for correcting the hours"), blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["gig__date", "gig__start_time", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gig", "worker"], name="unique_worker_per_gig"),
            models.CheckConstraint(
                condition=~Q(status__in=["done", "approved"]) | Q(reported_hours__gt=0),
                name="assignment_done_has_hours",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_hours__gt=0),
                name="assignment_approved_has_hours",
            ),
        ]
        indexes = [models.Index(fields=["worker", "status"])]

    def __str__(self) -> str:
        return f"{self.worker} – {self.gig}"


class AssignmentStatusChange(models.Model):
    """History of an assignment. `on_behalf` marks a staff member acting for the worker."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("assignment")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=AssignmentStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=AssignmentStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    on_behalf = models.BooleanField(_("done by staff for the worker"), default=False)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment status change")
        verbose_name_plural = _("assignment status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.from_status or '–'} → {self.to_status}"


class FeedbackSource(models.TextChoices):
    CLIENT_LINK = "client_link", pgettext_lazy("feedback source", "Client, through the emailed link")
    COORDINATOR = "coordinator", pgettext_lazy("feedback source", "Recorded by the coordinator")


class Feedback(TimeStampedModel):
    """The client's feedback on one worker's work on one gig. Shown on the worker's profile and view."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("assignment")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1 (poor) to 5 (excellent)")
    )
    text = models.TextField(_("feedback"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=FeedbackSource.choices)
    given_by_name = models.CharField(_("given by"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_to_5")
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.rating}/5"
