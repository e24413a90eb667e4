"""The city-scale generator put together, and the emptying of the domain tables for `--force`."""

from __future__ import annotations

import time

from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.management.color import no_style
from django.db import connection, models

from billing.models import (
    Invoice,
    InvoiceSeries,
    WorkerPaymentDetails,
    WorkerTaxInfo,
)
from demo.cityscale.documents import DocumentsMixin
from demo.cityscale.invoices import InvoicesMixin
from demo.cityscale.orders import OrdersMixin
from demo.cityscale.people import PeopleMixin
from jobcenter.models import User
from orders.models import (
    ClientContact,
    ClientOrganisation,
)
from units.models import Unit, UnitMembership
from workers.models import Worker, WorkerGroup


class CityScale(PeopleMixin, OrdersMixin, InvoicesMixin, DocumentsMixin):
    """The generator: one random stream (`seed`) drawn in a fixed order, so a seed gives the same data."""

    def run(self) -> dict[str, int]:
        self.started = time.monotonic()
        self.credited: set[int] = set()
        self.seed_reference()
        self.seed_people()
        self.units_by_id = {u["id"]: u for u in self.units}
        self.seed_payment_details()
        for model in (
            Unit,
            User,
            UnitMembership,
            Worker,
            Worker.skills.through,
            Worker.interests.through,
            WorkerGroup,
            WorkerGroup.members.through,
            WorkerTaxInfo,
            WorkerPaymentDetails,
            ClientOrganisation,
            ClientContact,
        ):
            self.counts[model._meta.model_name] = self.t(model).write()
        self._grant_coordinators()
        self.log("people written")
        self.seed_orders()
        self.seed_invoices()
        self.seed_payouts()
        self.seed_certificates_and_log()
        self.seed_benefits()
        self._reset_sequences()
        return self.counts

    def _grant_coordinators(self) -> None:
        permission = Permission.objects.get(content_type__app_label="jobcenter", codename="coordinate")
        permission.user_set.add(*self.coordinators)
        paying = Permission.objects.get(content_type__app_label="jobcenter", codename="pay_workers")
        paying.user_set.add(*self.payers)

    def _reset_sequences(self) -> None:
        sql = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)


DOMAIN_MODELS_TO_EMPTY = [
    # Children first; reference data (task types, terms, prices, VAT, services) stays.
    "billing.PayoutLine",
    "billing.IncomesRegisterReport",
    "billing.IncomesRegisterDelivery",
    "billing.Payout",
    "billing.BankStatusReport",
    "billing.PaymentRunHold",
    "billing.PaymentRun",
    "billing.WorkerPaymentDetails",
    "billing.WorkerTaxInfo",
    "billing.InvoiceEvent",
    "billing.InvoiceLine",
    "billing.Invoice",
    "orders.Feedback",
    "orders.AssignmentStatusChange",
    "orders.Assignment",
    "orders.Gig",
    "orders.OrderUnitNotice",
    "orders.OrderStatusChange",
    "orders.Order",
    "orders.ClientContact",
    "orders.ClientOrganisation",
    "workers.AccessLogEntry",
    "jobcenter.OutboundEmail",
    "workers.WorkCertificate",
    "workers.WorkerGroup",
    "workers.Worker",
    "units.UnitMembership",
    "units.Unit",
]


def empty_domain_tables() -> None:
    through = [Worker.skills.through, Worker.interests.through, WorkerGroup.members.through, Invoice.orders.through]
    names = through + [apps.get_model(label) for label in DOMAIN_MODELS_TO_EMPTY]
    benefit_models = [m for m in apps.get_app_config("benefits").get_models()]
    tables = [m._meta.db_table for m in benefit_models + names]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
            # Rows inserted earlier in the same transaction leave deferred foreign-key checks pending,
            # and PostgreSQL refuses to TRUNCATE a table with pending trigger events: run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {quoted} CASCADE")
            # Users go through the ORM, which first deletes what refers to them (permissions, groups,
            # allauth's email addresses and authenticators).
            User.objects.filter(models.Q(is_superuser=False) | models.Q(email="paakayttaja@jobcenter.example")).delete()
        else:
            for model in benefit_models + names:
                model.objects.all()._raw_delete(connection.alias)
            User.objects.exclude(is_superuser=True).delete()
            User.objects.filter(email="paakayttaja@jobcenter.example").delete()
    InvoiceSeries.objects.filter(code="JC").update(next_number=1000)
