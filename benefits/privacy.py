"""The benefits app's personal data: its inventory, its sections of the data export, its retention.

Registered in the kernel's privacy registry (`jobcenter.privacy`) when the app is ready.

Everything here is social-welfare client data (benefits, debts, consents about them), a special
category: its export sections are withheld without a strong session, and when a worker is
anonymised it is deleted, except the record that commission work on a gig was explained.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from benefits.models import BenefitNotes, Clarification, CommissionWorkExplanation, Consent, ReceivedBenefit
from jobcenter.privacy import PERSONAL, PUBLIC, SPECIAL, register_inventory, register_retention_step, register_section
from workers.models import Worker
from workers.privacy import WORKER, person_name

P, PE, S = PUBLIC, PERSONAL, SPECIAL

register_inventory(
    {
        "benefits.BenefitRule": {
            "id": P,
            "valid_from": P,
            "valid_to": P,
            "source": P,
            "benefit": P,
            "kind": P,
            "period": P,
            "amount": P,
            "reduction_rate": P,
            "counts_income_by": P,
            "source_url": P,
            "confirmed": P,
            "confirmation_note": P,
            "report_to": P,
            "report_within_days": P,
            "note": P,
        },
        "benefits.ReceivedBenefit": {
            "id": P,
            "created_at": S,
            "updated_at": S,
            "worker": S,
            "benefit": S,
            "started_on": S,
            "ended_on": S,
            "payment_period": S,
            "note": S,
            "recorded_by": PE,
        },
        "benefits.BenefitNotes": {"id": P, "created_at": S, "updated_at": S, "worker": S, "text": S, "updated_by": PE},
        "benefits.Clarification": {
            "id": P,
            "created_at": S,
            "updated_at": S,
            "worker": S,
            "kind": S,
            "done_on": S,
            "done_by": PE,
            "with_actor": S,
            "notes": S,
        },
        "benefits.Consent": {
            "id": P,
            "created_at": S,
            "updated_at": S,
            "worker": S,
            "actors": S,
            "data": S,
            "given_on": S,
            "valid_until": S,
            "withdrawn_on": S,
            "withdrawn_note": S,
            "recorded_by": PE,
            "withdrawn_by": PE,
            "signed_scan": S,
            "signed_scan_type": S,
            "signed_scan_uploaded_at": S,
        },
        "benefits.CommissionWorkExplanation": {
            "id": P,
            "created_at": S,
            "updated_at": S,
            "assignment": S,
            "explained_by": PE,
            "explained_on": S,
            "note": S,
        },
    }
)

del P, PE, S


# --- Export sections ------------------------------------------------------------------------------
_BENEFIT_LABELS = {
    "benefit": _("Benefit"),
    "started_on": _("Since"),
    "ended_on": _("Until"),
    "payment_period": _("Paid"),
    "received": _("Benefits you receive"),
    "commission_explanations": _("Commission work explained"),
    "explained_on": _("Explained on"),
    "explained_by": _("Explained by"),
}


@register_section("benefits", _("Your benefits"), special_category=True, order=42, labels=_BENEFIT_LABELS)
def _benefits(worker: Worker) -> dict:
    notes = BenefitNotes.objects.filter(worker=worker).first()
    return {
        "received": [
            {
                "benefit": b.get_benefit_display(),
                "started_on": b.started_on,
                "ended_on": b.ended_on,
                "payment_period": b.get_payment_period_display(),
                "note": b.note,
                "recorded_by": person_name(b.recorded_by),
                "updated_at": b.updated_at,
            }
            for b in ReceivedBenefit.objects.filter(worker=worker).select_related("recorded_by")
        ],
        "notes": notes.text if notes is not None else "",
        "commission_explanations": [
            {
                "date": e.assignment.gig.date,
                "explained_on": e.explained_on,
                "explained_by": person_name(e.explained_by),
                "note": e.note,
            }
            for e in CommissionWorkExplanation.objects.filter(assignment__worker=worker).select_related(
                "assignment__gig", "explained_by"
            )
        ],
    }


_CLARIFICATION_LABELS = {
    "kind": _("Clarification"),
    "done_on": _("Done on"),
    "done_by": _("Done by"),
    "with_actor": _("Done with"),
}


@register_section(
    "clarifications",
    _("Benefit and debt clarifications"),
    special_category=True,
    order=44,
    labels=_CLARIFICATION_LABELS,
)
def _clarifications(worker: Worker) -> list[dict]:
    return [
        {
            "kind": c.get_kind_display(),
            "done_on": c.done_on,
            "done_by": person_name(c.done_by),
            "with_actor": c.get_with_actor_display(),
            "notes": c.notes,
        }
        for c in Clarification.objects.filter(worker=worker).select_related("done_by").order_by("done_on", "pk")
    ]


_CONSENT_LABELS = {
    "given_on": _("Given on"),
    "valid_until": _("Valid until"),
    "actors": _("Who may exchange information"),
    "withdrawn_on": _("Withdrawn on"),
    "withdrawn_note": _("How it was withdrawn"),
    "signed_form": _("Signed form saved"),
    "signed_form_uploaded_at": _("Signed form saved on"),
}


@register_section("consents", _("Your consents"), special_category=True, order=46, labels=_CONSENT_LABELS)
def _consents(worker: Worker) -> list[dict]:
    return [
        {
            "given_on": c.given_on,
            "valid_until": c.valid_until,
            "actors": c.actor_labels,
            "data": c.data_labels,
            "withdrawn_on": c.withdrawn_on,
            "withdrawn_note": c.withdrawn_note,
            "recorded_by": person_name(c.recorded_by),
            # The signed form itself stays in the system; staff hand over a copy on request.
            "signed_form": bool(c.signed_scan),
            "signed_form_uploaded_at": c.signed_scan_uploaded_at,
        }
        for c in Consent.objects.filter(worker=worker).select_related("recorded_by").order_by("given_on", "pk")
    ]


# --- Retention ------------------------------------------------------------------------------------
@register_retention_step(
    WORKER,
    "benefits",
    order=50,
    keeps="Each commission-work explanation as a record on its gig (who explained it and when), without its note.",
)
def _forget_benefits(job) -> None:
    """Benefits, benefit notes, clarifications and consents (with the signed forms) are deleted."""
    worker = job.row
    consents = Consent.objects.filter(worker=worker)
    job.files += [name for name in consents.exclude(signed_scan="").values_list("signed_scan", flat=True) if name]
    consents.delete()
    ReceivedBenefit.objects.filter(worker=worker).delete()
    BenefitNotes.objects.filter(worker=worker).delete()
    Clarification.objects.filter(worker=worker).delete()
    CommissionWorkExplanation.objects.filter(assignment__worker=worker).update(note="")
