"""Reference data and clients: task types, client organisations and their contacts, the order terms."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import TimeStampedModel
from jobcenter.validators import validate_business_id


class TaskType(models.Model):
    """A kind of task (cleaning, window washing, ...).

    `name` is translated by modeltranslation (orders/translation.py): `name_fi`, `name_sv` and
    `name_en` hold the three, and `name` reads the active language's, or the Finnish one."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("task type")
        verbose_name_plural = _("task types")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name


# --- Clients --------------------------------------------------------------------------------------
class ClientType(models.TextChoices):
    COMPANY = "company", pgettext_lazy("client type", "Company")
    ASSOCIATION = "association", pgettext_lazy("client type", "Association")
    CITY_UNIT = "city_unit", pgettext_lazy("client type", "City unit")
    OTHER = "other", pgettext_lazy("client type", "Other")


class InvoicingMode(models.TextChoices):
    PER_ORDER = "per_order", pgettext_lazy("invoicing", "One invoice per order")
    MONTHLY = "monthly", pgettext_lazy("invoicing", "One collective invoice per month")


class MatchReason(models.TextChoices):
    BUSINESS_ID = "business_id", pgettext_lazy("client match", "The business ID is that of an existing client")
    EMAIL_DOMAIN = (
        "email_domain",
        pgettext_lazy("client match", "The email domain is that of an existing client's contact"),
    )


class ClientOrganisation(TimeStampedModel):
    """An ordering organisation (tilaaja): company, association, city unit or other.

    An organisation with a `match_candidate` is provisional: a public order whose business ID (or
    email domain) is an existing client's, but whose other details were not plainly the same. It
    holds exactly what the client typed until the coordinator decides whether it is that client.
    """

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
    # The client's contract with Jobcenter: its number goes on every invoice (Finvoice's
    # AgreementIdentifier), and a City contract may agree a payment term other than the default.
    contract_number = models.CharField(
        _("contract number"), max_length=70, blank=True, help_text=_("The client's contract number, on every invoice.")
    )
    payment_term_days = models.PositiveSmallIntegerField(
        _("payment term, days"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Leave empty for the usual payment term."),
    )
    # Set while the coordinator has not decided whether this is the matched client (see above).
    match_candidate = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="provisional_matches",
        verbose_name=_("possibly the same client as"),
    )
    match_reason = models.CharField(
        _("why it may be the same client"), max_length=20, choices=MatchReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("client organisation")
        verbose_name_plural = _("client organisations")
        ordering = ["name"]
        constraints = [
            # City units all use the City's business ID; they are told apart by name. A provisional
            # organisation (awaiting the coordinator's check) may repeat the ID it was matched by.
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id="") & ~Q(client_type="city_unit") & Q(match_candidate__isnull=True),
                name="unique_client_business_id",
            ),
            models.UniqueConstraint(
                "business_id",
                Lower("name"),
                condition=Q(client_type="city_unit") & Q(match_candidate__isnull=True),
                name="unique_city_unit_name",
            ),
            models.CheckConstraint(
                condition=Q(match_candidate__isnull=True, match_reason="")
                | (Q(match_candidate__isnull=False) & ~Q(match_reason="")),
                name="client_match_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def awaits_client_check(self) -> bool:
        """The coordinator has not yet decided whether this is its `match_candidate`."""
        return self.match_candidate_id is not None

    @property
    def requires_einvoice(self) -> bool:
        # City buyers must receive e-invoices (Act 241/2019); any other client that gave an
        # e-invoice address asked for them. Such a client is not invoiced until both the address
        # and the operator are filled in (billing.services.issuing).
        return self.client_type == ClientType.CITY_UNIT or bool(self.einvoice_address)

    @property
    def invoice_term_days(self) -> int:
        """The payment term of this client's invoices: its contract's, or the usual one."""
        if self.payment_term_days:
            return self.payment_term_days
        return settings.JOBCENTER_PAYMENT_TERM_DAYS


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
    """A version of the order terms (tilausehdot). Acceptances point at the version accepted.

    `text` is translated by modeltranslation (orders/translation.py): `text_fi`, `text_sv`, `text_en`."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    valid_from = models.DateField(_("valid from"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("order terms")
        verbose_name_plural = _("order terms")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.version

    def text_in(self, language: str) -> str:
        """The text in the recipient's language (not the reader's): the Finnish one when it has none."""
        return getattr(self, f"text_{language[:2]}", "") or self.text_fi
