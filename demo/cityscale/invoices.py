"""Invoices and credit notes of the invoiced and closed orders, as billing would have issued them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings

from billing.models import (
    Invoice,
    InvoiceEvent,
    InvoiceKind,
    InvoiceLine,
    InvoiceSeries,
    InvoiceStatus,
)
from billing.references import reference_number, rf_reference
from demo.cityscale.base import (
    GeneratorBase,
    to_cents,
)
from orders.models import (
    ClientType,
)


class InvoicesMixin(GeneratorBase):
    """Frozen invoices numbered from the JC series without gaps, in the order of their issue dates."""

    def seed_invoices(self) -> None:
        rng = self.rng
        series, _ = InvoiceSeries.objects.get_or_create(code="JC", defaults={"next_number": 1000})
        invoices = self.t(Invoice)
        lines = self.t(InvoiceLine)
        links = self.t(Invoice.orders.through)
        events = self.t(InvoiceEvent)
        # Per-order clients: one invoice per order; monthly clients: one per client and month.
        batches: dict[tuple, list[dict]] = defaultdict(list)
        for item in self.to_invoice:
            if item["client"]["monthly"]:
                key = ("m", item["client"]["id"], item["last_day"].year, item["last_day"].month)
            else:
                key = ("o", item["order"])
            batches[key].append(item)

        def issue_day(key, items):
            if key[0] == "m":
                year, month = key[2], key[3]
                following = dt.date(year + month // 12, month % 12 + 1, 1)
                return min(self.today, following + dt.timedelta(days=2))
            return items[0]["invoiced_at"].date()

        ordered = sorted(batches.items(), key=lambda kv: (issue_day(*kv), kv[0]))
        number = series.next_number
        term = settings.JOBCENTER_PAYMENT_TERM_DAYS
        iban = "".join(settings.JOBCENTER_SELLER_IBAN.split())
        credit_candidates = []
        for key, items in ordered:
            client = items[0]["client"]
            issued = issue_day(key, items)
            with_number = key[0] == "m"
            drafts = []
            for item in sorted(items, key=lambda i: i["order"]):
                task_text = (
                    f"{item['task'].name_fi}: {item['title']}"
                    if item["task"].name_fi.lower() != item["title"].lower()
                    else item["title"]
                )
                if with_number:
                    task_text = f"{task_text} (#{item['order']})"
                for day, hours, workers in item["days"]:
                    price = self.price_on(item["contract"], day).client_hourly_price
                    vat_rate = self.vat_on(day)
                    net = to_cents(hours * price)
                    vat = to_cents(net * vat_rate / Decimal(100))
                    drafts.append((day, task_text, workers, hours, price, vat_rate, net, vat))
            drafts.sort(key=lambda d: (d[0], d[1]))
            net = sum((d[6] for d in drafts), Decimal("0.00"))
            vat = sum((d[7] for d in drafts), Decimal("0.00"))
            reference = reference_number(str(number).rjust(3, "0"))
            due = issued + dt.timedelta(days=term)
            paid = due < self.today - dt.timedelta(days=7) or (due < self.today and rng.random() < 0.5)
            at = self.at(issued, 9)
            invoice_id = invoices.add(
                series_id=series.pk,
                number=number,
                kind=InvoiceKind.INVOICE,
                client_id=client["id"],
                seller_name=settings.JOBCENTER_SELLER_NAME,
                seller_business_id=settings.JOBCENTER_SELLER_BUSINESS_ID,
                seller_iban=iban,
                seller_bic=settings.JOBCENTER_SELLER_BIC,
                buyer_name=client["name"],
                buyer_business_id=client["business_id"],
                buyer_street=client["street"],
                buyer_postal_code=client["postal"],
                buyer_city="Helsinki",
                buyer_email=f"laskutus@{client['slug']}.example",
                buyer_einvoice_address="003702012566" if client["kind"] == ClientType.CITY_UNIT else "",
                buyer_einvoice_operator="003721291126" if client["kind"] == ClientType.CITY_UNIT else "",
                client_reference="",
                language=client["language"],
                issue_date=issued,
                due_date=due,
                payment_term_days=term,
                penalty_interest_note=settings.JOBCENTER_PENALTY_INTEREST_NOTE[:200],
                reference=reference,
                reference_rf=rf_reference(reference),
                net=net,
                vat=vat,
                gross=net + vat,
                status=InvoiceStatus.PAID if paid else InvoiceStatus.ISSUED,
                paid_at=due - dt.timedelta(days=rng.randrange(0, 5)) if paid else None,
                paid_amount=net + vat if paid else None,
                pdf="",
                emailed_at=at + dt.timedelta(minutes=1),
                issued_by_id=rng.choice(self.coordinators),
                created_at=at,
                updated_at=at,
            )
            number += 1
            for position, d in enumerate(drafts, start=1):
                lines.add(
                    invoice_id=invoice_id,
                    position=position,
                    date=d[0],
                    task=d[1][:300],
                    worker_count=d[2],
                    hours=d[3],
                    unit_price=d[4],
                    vat_rate=d[5],
                    net=d[6],
                    vat=d[7],
                    gross=d[6] + d[7],
                )
            for item in items:
                links.add(invoice_id=invoice_id, order_id=item["order"])
            events.add(invoice_id=invoice_id, action="issued", by_id=rng.choice(self.coordinators), note="", at=at)
            if paid:
                events.add(
                    invoice_id=invoice_id,
                    action="paid",
                    by_id=rng.choice(self.coordinators),
                    note="",
                    at=at + dt.timedelta(days=term),
                )
            elif rng.random() < 0.01:
                credit_candidates.append((invoice_id, client, drafts, issued))
        # A few credit notes: the whole invoice back, with negative amounts.
        for invoice_id, client, drafts, issued in credit_candidates:
            day = min(self.today, issued + dt.timedelta(days=5))
            reference = reference_number(str(number).rjust(3, "0"))
            net = -sum((d[6] for d in drafts), Decimal("0.00"))
            vat = -sum((d[7] for d in drafts), Decimal("0.00"))
            at = self.at(day, 12)
            credit_id = invoices.add(
                series_id=series.pk,
                number=number,
                kind=InvoiceKind.CREDIT_NOTE,
                credits_id=invoice_id,
                credit_reason="Virheellinen laskutus.",
                client_id=client["id"],
                seller_name=settings.JOBCENTER_SELLER_NAME,
                seller_business_id=settings.JOBCENTER_SELLER_BUSINESS_ID,
                seller_iban=iban,
                seller_bic=settings.JOBCENTER_SELLER_BIC,
                buyer_name=client["name"],
                buyer_business_id=client["business_id"],
                buyer_street=client["street"],
                buyer_postal_code=client["postal"],
                buyer_city="Helsinki",
                buyer_email=f"laskutus@{client['slug']}.example",
                language=client["language"],
                issue_date=day,
                due_date=day,
                payment_term_days=0,
                penalty_interest_note="",
                reference=reference,
                reference_rf=rf_reference(reference),
                net=net,
                vat=vat,
                gross=net + vat,
                status=InvoiceStatus.ISSUED,
                pdf="",
                issued_by_id=rng.choice(self.coordinators),
                created_at=at,
                updated_at=at,
            )
            number += 1
            for position, d in enumerate(drafts, start=1):
                lines.add(
                    invoice_id=credit_id,
                    position=position,
                    date=d[0],
                    task=d[1][:300],
                    worker_count=d[2],
                    hours=-d[3],
                    unit_price=d[4],
                    vat_rate=d[5],
                    net=-d[6],
                    vat=-d[7],
                    gross=-(d[6] + d[7]),
                )
            events.add(invoice_id=credit_id, action="issued", by_id=rng.choice(self.coordinators), note="", at=at)
            self.credited.add(invoice_id)
        for model in (Invoice, InvoiceLine, Invoice.orders.through, InvoiceEvent):
            self.counts[model._meta.model_name] = self.t(model).write()
        if self.credited:
            Invoice.objects.filter(pk__in=self.credited).update(status=InvoiceStatus.CREDITED)
        InvoiceSeries.objects.filter(pk=series.pk).update(next_number=number)
        self.log(f"invoices: {self.counts['invoice']}, lines {self.counts['invoiceline']}")
