"""Gigs, the workers assigned to them, the assignments' history and the client's feedback."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import TimeStampedModel
from orders.hours import MAX_HOURS_PER_GIG, MIN_PLANNED_HOURS
from orders.models.history import ASSIGNMENT_SENTENCES, AssignmentEvent, sentence
from orders.models.orders import Order
from orders.states import AssignmentStatus, in_declared_order
from units.models import SupportMode


class GigQuerySet(models.QuerySet):
    def live(self):
        """The gigs that still need workers and work: not cancelled. A cancelled gig stays listed on
        its order's page and in its history, but counts nowhere else."""
        return self.filter(cancelled_at__isnull=True)

    def cancelled(self):
        return self.filter(cancelled_at__isnull=False)


class Gig(TimeStampedModel):
    """One occurrence of the task: a date, a start time, planned hours and how many workers."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="gigs", verbose_name=_("order"))
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start time"))
    planned_hours = models.DecimalField(
        _("planned hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(MIN_PLANNED_HOURS), MaxValueValidator(MAX_HOURS_PER_GIG)],
    )
    workers_needed = models.PositiveSmallIntegerField(
        _("workers needed"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    notes = models.TextField(_("notes for the workers"), blank=True)
    # One date of a repeating gig (orders.models.series); a gig entered by itself has none.
    series = models.ForeignKey(
        "orders.GigSeries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gigs",
        verbose_name=_("repeating gig"),
    )
    # A cancelled gig is kept (its history and the people told refer to it), only marked.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancellation_reason = models.CharField(_("reason for cancelling the gig"), max_length=500, blank=True)
    # A cancellation by the client (`orders.services.client_cancel`). One that came too late under
    # the terms keeps its charge as it was set at that moment (hours × the client's hourly price of
    # the gig's date, net of VAT): the invoice reads these, never the price list again.
    cancelled_by_client = models.BooleanField(_("cancelled by the client"), default=False)
    cancelled_late = models.BooleanField(_("cancelled late"), default=False)
    cancellation_charge_hours = models.DecimalField(
        _("cancellation charge, hours"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    cancellation_charge_unit_price = models.DecimalField(
        _("cancellation charge, price per hour"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cancellation_charge = models.DecimalField(
        _("cancellation charge, VAT 0 %"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    objects = GigQuerySet.as_manager()

    class Meta:
        verbose_name = _("gig")
        verbose_name_plural = _("gigs")
        ordering = ["date", "start_time"]
        # An order's first gig date (dashboard column) and its gigs in date order.
        indexes = [models.Index(fields=["order", "date"], name="gig_order_date_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(planned_hours__gt=0), name="gig_planned_hours_positive"),
            models.CheckConstraint(condition=Q(workers_needed__gte=1), name="gig_needs_a_worker"),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancellation_reason=""),
                name="gig_cancelled_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(cancellation_charge__isnull=True) | Q(cancelled_at__isnull=False, cancelled_late=True),
                name="gig_charge_only_when_cancelled_late",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order.title} {self.date:%d.%m.%Y} {self.start_time:%H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_charged_cancellation(self) -> bool:
        """Cancelled late, with a charge the client is invoiced."""
        return bool(self.cancellation_charge)


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
    # On a partner-model (employment) order: the worker's contract with the order's employer partner
    # that the gig is worked under, set when the worker is proposed.
    employment_contract = models.ForeignKey(
        "orders.EmploymentContract",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("employment contract"),
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
    # The minimum the worker is paid when the client cancels the gig late after she took it: hours ×
    # her hourly pay of the gig's date, set at the cancellation; the payment run pays it as a line
    # of its own and the benefit foresight counts it as earned.
    cancellation_pay_hours = models.DecimalField(
        _("minimum pay of a cancelled gig, hours"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    cancellation_pay_rate = models.DecimalField(
        _("minimum pay of a cancelled gig, pay per hour"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cancellation_pay = models.DecimalField(
        _("minimum pay of a cancelled gig"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["gig__date", "gig__start_time", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gig", "worker"], name="unique_worker_per_gig"),
            models.CheckConstraint(
                condition=~Q(status__in=in_declared_order(AssignmentStatus.work_done_states))
                | Q(reported_hours__isnull=False, reported_hours__gt=0),
                name="assignment_done_has_hours",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=in_declared_order(AssignmentStatus.billable_states))
                | Q(approved_hours__isnull=False, approved_hours__gt=0),
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
    # As on OrderStatusChange: the event's code and facts, and what a person typed in `note`.
    kind = models.CharField(_("event"), max_length=30, choices=AssignmentEvent.choices, blank=True)
    params = models.JSONField(_("facts of the event"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment status change")
        verbose_name_plural = _("assignment status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.from_status or '–'} → {self.to_status}"

    def describe(self) -> str:
        """What happened, in the active language ("" for a plain change of state or a typed note)."""
        return sentence(ASSIGNMENT_SENTENCES, self.kind, self.params)


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
    # The worker's CV is read by future employers, and the City's results report quotes feedback
    # (without names): a client's words go to either only with the client's yes to both.
    may_quote = models.BooleanField(
        _("may be quoted (the worker's CV, the City's reports)"),
        default=False,
        help_text=_(
            "The client allows these words in the worker's gig CV for future employers, and quoted "
            "without names in the City's results reports."
        ),
    )
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
