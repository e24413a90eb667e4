"""Shared pieces of the payment-details protection tests (tests/trust/test_payment_details_*.py):
sentinel values that are valid and found nowhere else, the pages, and what leaks of them."""

from django.urls import reverse

from workers.models import AccessLogEntry

# Valid, made up, and found nowhere else in the fixtures: a sentinel that is also a real value.
IBAN = "FI3040553622233475"
IBAN_GROUPED = "FI30 4055 3622 2334 75"
HETU = "240387-713B"
FULL_VALUES = (IBAN, IBAN_GROUPED, IBAN_GROUPED.replace(" ", "\u00a0"), HETU)


def _check_sentinels():
    from stdnum import iban
    from stdnum.fi import hetu

    assert iban.is_valid(IBAN) and hetu.is_valid(HETU), "the sentinels must be valid values"


_check_sentinels()


def response_body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def leaked_values(text: str) -> list[str]:
    return [value for value in FULL_VALUES if value in text]


def coordinator_page(worker) -> str:
    return reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk})


def unit_page(worker) -> str:
    return reverse("units:worker-payment-details", kwargs={"pk": worker.pk})


def access_rows(worker):
    return list(
        AccessLogEntry.objects.filter(worker=worker).order_by("pk").values_list("data", "action", "outcome", "path")
    )
