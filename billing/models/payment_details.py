"""A worker's bank account and personal identity code: what a payment and its tax report need.

Protected data. The worker's unit or the coordinator enters them; they are shown masked to every
role but the paying one, which alone sees them in full, each view access-logged; they never appear
in an email. The values are stored in their compact form (no spaces, upper case), validated with
python-stdnum (IBAN check digits, the identity code's check character and date).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerPaymentDetails(models.Model):
    worker = models.OneToOneField(
        "workers.Worker", on_delete=models.CASCADE, related_name="payment_details", verbose_name=_("worker")
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    # Needed only for an account outside Finland; a Finnish IBAN tells its bank.
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    personal_identity_code = models.CharField(_("personal identity code"), max_length=11, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("worker's payment details")
        verbose_name_plural = _("workers' payment details")

    def __str__(self) -> str:
        return f"{self.worker_id}: {mask_iban(self.iban)}"


def mask_iban(iban: str) -> str:
    """FI21 1234 5600 0007 85 → "FI•• •••• •••• •••• 85": country and last two digits only."""
    if not iban:
        return ""
    return iban[:2] + "•" * (len(iban) - 4) + iban[-2:]


def mask_identity_code(code: str) -> str:
    """010190-900P → "010190-••••": the date of birth stays, the individual part goes."""
    if not code:
        return ""
    return code[:7] + "•" * (len(code) - 7)
