"""Who insures a worker on a gig, as dated data.

Work activity itself (in the unit, and the unit's own tasks) is insured by the City under the
accident cover of the social welfare work activity (the Act on Rehabilitative Work Activity
189/2001 and the City's cover of disability work activity). That cover does not follow a person into
a gig paid as commission work (toimeksiantotyö): commission work needs an accident and liability
policy of its own, and the Jobcenter's service cost per hour includes it. An employment gig (the
partner model) is covered by the employer partner's statutory accident insurance (the Employees'
Accident Insurance Act 459/2015, TyTAL).

So every contract type a gig can have needs a row in force on the gig's date, or the gig is not
offered (`orders.selectors.insurance`). A row is either a named policy (the Jobcenter's commission
policy, or one employer partner's policy when it is known) or the rule "each employer partner's own
statutory insurance", which covers every partner's employment gigs.

The fields follow the dated rules of the billing and benefits apps (`valid_from`, `valid_to`,
`source`, and the `valid_on` queryset); the abstract base of those lives in billing, above orders,
so the same few fields are declared here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orders.models.orders import ContractType


class InsuranceCover(models.TextChoices):
    POLICY = "policy", pgettext_lazy("insurance cover", "A named policy")
    EMPLOYER_STATUTORY = (
        "employer_statutory",
        pgettext_lazy("insurance cover", "Each employer partner's own statutory insurance"),
    )


class InsurancePolicyQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class InsurancePolicy(models.Model):
    """The insurance that covers gigs of one contract type (and, optionally, one employer partner)
    from `valid_from` to `valid_to` (inclusive; open-ended when empty)."""

    contract_type = models.CharField(_("contract"), max_length=20, choices=ContractType.choices)
    cover = models.CharField(
        _("cover"),
        max_length=20,
        choices=InsuranceCover.choices,
        default=InsuranceCover.POLICY,
        help_text=_(
            "A named policy, or the rule that each employer partner's own statutory insurance covers "
            "its employment gigs."
        ),
    )
    partner = models.ForeignKey(
        "orders.EmployerPartner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="insurance_policies",
        verbose_name=_("employer partner"),
        help_text=_("Only for a policy of one employer partner. Empty: every gig of the contract type."),
    )
    # Shown to the worker: "You are insured on this gig: <name>." Translated (orders/translation.py).
    name = models.CharField(
        _("name of the insurance"),
        max_length=200,
        help_text=_("As the worker reads it, e.g. the City of Helsinki's accident insurance for commission work."),
    )
    insurer = models.CharField(_("insurer"), max_length=200, blank=True)
    policy_holder = models.CharField(_("policy holder"), max_length=200, blank=True)
    policy_number = models.CharField(_("policy number"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)

    objects = InsurancePolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("insurance policy")
        verbose_name_plural = _("insurance policies")
        ordering = ["contract_type", "partner", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="insurance_policy_dates_in_order",
            ),
            # The statutory rule row is about every partner of employment gigs, never one of them.
            models.CheckConstraint(
                condition=~Q(cover="employer_statutory") | Q(contract_type="employment", partner__isnull=True),
                name="insurance_statutory_rule_is_for_every_partner",
            ),
            models.CheckConstraint(
                condition=Q(partner__isnull=True) | Q(contract_type="employment"),
                name="insurance_partner_only_for_employment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_contract_type_display()}: {self.name} ({self.valid_from}–{self.valid_to or ''})"

    @property
    def is_employer_statutory(self) -> bool:
        return self.cover == InsuranceCover.EMPLOYER_STATUTORY

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end date must not be before the start date.")
        if self.cover == InsuranceCover.EMPLOYER_STATUTORY:
            if self.contract_type and self.contract_type != ContractType.EMPLOYMENT:
                errors["cover"] = _("Only employment gigs are covered by the employer partner's statutory insurance.")
            if self.partner_id is not None:
                errors["partner"] = _("The statutory insurance rule covers every employer partner: leave this empty.")
        else:
            if not self.insurer.strip():
                errors["insurer"] = _("Write the insurer, or “to be filled in” until it is known.")
            if not self.policy_holder.strip():
                errors["policy_holder"] = _("Write who holds the policy.")
        if self.partner_id is not None and self.contract_type and self.contract_type != ContractType.EMPLOYMENT:
            errors["partner"] = _("Only an employment gig has an employer partner.")
        if errors:
            raise ValidationError(errors)
        self._check_no_overlap()

    def _check_no_overlap(self) -> None:
        """Two rows for the same contract type and partner may not hold on the same day: the gig's
        page and its guard must name one insurance."""
        if self.valid_from is None or not self.contract_type:
            return  # the field's own "required" error is shown
        far_future = self.valid_to or self.valid_from.replace(year=9999)
        overlapping = (
            InsurancePolicy.objects.filter(contract_type=self.contract_type, partner_id=self.partner_id)
            .exclude(pk=self.pk)
            .filter(valid_from__lte=far_future)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        )
        if overlapping.exists():
            raise ValidationError(_("Another insurance row is already valid for part of this period."))
