"""`manage.py seed_demo` itself: a second run changes nothing, it refuses DEBUG off, and what runs
after each of its commits sends the city's invoice as a valid e-invoice. What the seed makes is read
from one seeding in test_seed_demo_contents.py."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from billing.models import (
    Invoice,
    InvoiceKind,
)
from jobcenter.models import User
from orders.models import (
    ClientType,
    Order,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The demo hashes its one password once; a fast hasher keeps the many seeds of this module quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """The seed issues certificates, whose PDFs are stored at once, and sends Incomes Register
    reports, whose files the folder transport writes: not in the developer's var/."""
    settings.MEDIA_ROOT = tmp_path
    settings.JOBCENTER_IR_OUTBOX_DIR = tmp_path / "incomes-register-outbox"


@pytest.fixture
def debug_on(settings):
    """The command refuses to run with DEBUG off (it creates a superuser with a published password)."""
    settings.DEBUG = True


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _logins_table(output: str) -> str:
    return output[output.index("Demo logins") :]


def test_seed_demo__second_run_changes_nothing_and_prints_the_same_logins(debug_on):
    first_output = _seed()
    first_counts = _counts()
    first_orders = dict(Order.objects.values_list("pk", "status"))

    second_output = _seed()

    assert _counts() == first_counts
    assert dict(Order.objects.values_list("pk", "status")) == first_orders
    assert _logins_table(second_output) == _logins_table(first_output)
    assert "nothing changed" in second_output


def test_seed_demo__refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


def test_seed_demo__the_citys_invoice_goes_as_an_e_invoice_and_every_document_is_valid_finvoice(
    debug_on, settings, django_capture_on_commit_callbacks
):
    from billing.finvoice import finvoice_xml
    from billing.models import DispatchStatus
    from jobcenter.models import OutboundEmail

    # What runs after each commit of the seed (the PDF, then its email or its e-invoice) runs here too.
    with django_capture_on_commit_callbacks(execute=True):
        _seed()

    city_invoices = Invoice.objects.filter(client__client_type=ClientType.CITY_UNIT, kind=InvoiceKind.INVOICE)
    assert city_invoices.exists()
    for invoice in city_invoices:
        dispatch = invoice.einvoice_dispatch
        assert dispatch.status == DispatchStatus.SENT, dispatch.last_error
        # Through the e-invoice folder an operator collects, not as a PDF email.
        message = settings.JOBCENTER_EINVOICE_OUTBOX_DIR / dispatch.location
        assert message.is_file() and invoice.buyer_einvoice_address.encode() in message.read_bytes()
        assert invoice.emailed_at is None
    assert not OutboundEmail.objects.filter(code="invoice_sent", to__endswith="hel.example").exists()
    # Every invoice and credit note of the demo is a message the schema accepts (finvoice_xml validates).
    for invoice in Invoice.objects.all():
        assert finvoice_xml(invoice)
