import datetime as dt
from decimal import Decimal

import pytest

from billing.pricing import hourly_price_quote, vat_rate_on

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "rate"),
    [(dt.date(2022, 6, 1), "24.00"), (dt.date(2024, 8, 31), "24.00"), (dt.date(2024, 9, 1), "25.50")],
)
def test_vat_rate_on__follows_the_supply_date(day, rate):
    assert vat_rate_on(day=day) == Decimal(rate)


@pytest.mark.parametrize(
    ("contract", "day", "vat", "gross"),
    [
        ("commission", dt.date(2022, 6, 1), "3.48", "17.98"),  # the pilot report rounds this to 3.50
        ("employment", dt.date(2022, 6, 1), "4.80", "24.80"),
        ("commission", dt.date(2026, 11, 28), "3.70", "18.20"),  # 14.50 × 25.5 % = 3.6975
        ("employment", dt.date(2026, 11, 28), "5.10", "25.10"),
    ],
)
def test_hourly_price_quote__pilot_prices_with_the_vat_of_the_day(contract, day, vat, gross):
    quote = hourly_price_quote(contract_type=contract, day=day)
    assert (quote.vat, quote.gross) == (Decimal(vat), Decimal(gross))
    assert quote.net + quote.vat == quote.gross
    assert quote.worker_hourly_pay == Decimal("10.00")
