"""The worker sees their money (`/me/money/` and the pay on `/me/`): each payment that has left a
payment run, newest first, in plain words that say what is true of it; drafts never; the account
masked, the identity code nowhere; the statement PDF of their own payments only; every look logged.

The words are asserted in English (`/en/`): the Finnish comes with the catalogues.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from freezegun import freeze_time

from billing.models import PayoutStatus, WorkerPaymentDetails
from jobcenter.access_log import ACTION_DOWNLOAD, ACTION_VIEW, DATA_PAYOUT, access_log_model
from tests.factories import WorkerFactory
from tests.support.worker_payments import TEST_IBAN, worker_payout
from tests.support.workers import main_text

pytestmark = pytest.mark.django_db

TODAY = "2027-01-10 12:00"
MONEY, HOME = "/en/me/money/", "/en/me/"
IDENTITY_CODE = "131052-308T"


@pytest.fixture(autouse=True)
def clock():
    """Today is 10 January 2027, from before the login (a session begun later than "now" is not valid)."""
    with freeze_time(TODAY) as frozen:
        yield frozen


def pdf_url(payout) -> str:
    return f"/en/me/money/{payout.pk}/pdf/"


@pytest.fixture
def payments(worker):
    """One of every kind: in the bank, paid, rejected (closed account), from before the runs, a draft."""
    WorkerPaymentDetails.objects.create(worker=worker, iban=TEST_IBAN, personal_identity_code=IDENTITY_CODE)
    return {
        "coming": worker_payout(worker, payment_date=dt.date(2027, 1, 15)),
        "paid": worker_payout(worker, status=PayoutStatus.PAID, payment_date=dt.date(2026, 12, 15), hours="2"),
        "rejected": worker_payout(
            worker, status=PayoutStatus.REJECTED, payment_date=dt.date(2026, 11, 16), reason_code="AC01"
        ),
        "before_runs": worker_payout(
            worker, status=PayoutStatus.PAID, payment_date=None, percent="0", work_day=dt.date(2025, 1, 31)
        ),
        "draft": worker_payout(worker, status=PayoutStatus.DRAFT, payment_date=dt.date(2027, 2, 15), hours="9"),
    }


def test_money__every_payment_out_of_a_run_newest_first_in_plain_words(logged_in, payments):
    text = main_text(logged_in.get(MONEY))

    coming = "You will be paid 24.00 euros on 15 January. The tax office gets 16.00 euros of it."
    paid = "You got 12.00 euros on 15 December. The tax office got 8.00 euros of it."
    rejected = (
        "The payment did not reach you, because there was an error in the account number. "
        "Your instructor will fix it, and you will get the money in the next payment run."
    )
    before_runs = "You got 40.00 euros for the work of 1 January–31 January 2025. No tax is taken from it."
    assert text.index(coming) < text.index(paid) < text.index(rejected) < text.index(before_runs)
    assert "Payment date 15 January 2027" in text and "Fee for 1 January–31 January 2025" in text
    assert "Your fee before tax 40.00 euros Tax (40 %) 16.00 euros To your account 24.00 euros" in text
    # The draft (9 hours: 90 euros) may still change: not shown.
    assert "90.00" not in text and "54.00" not in text and "15 February" not in text


def test_money__account_masked_and_no_identity_code(logged_in, payments):
    html = logged_in.get(MONEY).content.decode()

    assert "FI" + "•" * 14 + "85" in html and "The account number ends with 85." in html
    assert TEST_IBAN not in html and TEST_IBAN[4:] not in html
    assert IDENTITY_CODE not in html and IDENTITY_CODE[:6] not in html


def test_money__a_payment_in_the_bank_after_its_date_was_sent_not_yet_confirmed(logged_in, worker):
    worker_payout(worker, payment_date=dt.date(2027, 1, 8))

    text = main_text(logged_in.get(MONEY))

    assert "24.00 euros was sent to you on 8 January. The tax office got 16.00 euros of it." in text
    assert "You got" not in text and "You will be paid" not in text


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (
            "AC04",
            "because the account has been closed. Tell your instructor your new account number. "
            "Then you will get the money in the next payment run.",
        ),
        ("RC01", "because there was an error in the code of the bank. Your instructor will fix it"),
        ("XX99", "because the bank did not accept it. Your instructor will fix it"),
        ("", "because the bank did not accept it. Your instructor will fix it"),
    ],
)
def test_money__a_rejected_payment_tells_the_banks_reason_kindly(logged_in, worker, code, words):
    worker_payout(worker, status=PayoutStatus.REJECTED, payment_date=dt.date(2026, 12, 15), reason_code=code)

    text = main_text(logged_in.get(MONEY))

    assert f"The payment did not reach you, {words}" in text
    assert code not in text or not code


def test_money__empty_state_and_drafts_and_other_workers_payments_are_not_shown(logged_in, worker):
    worker_payout(worker, status=PayoutStatus.DRAFT)
    worker_payout(WorkerFactory(), payment_date=dt.date(2027, 1, 15))

    text = main_text(logged_in.get(MONEY))

    assert "No fees have been paid to you yet." in text
    assert "euros on" not in text
    assert not access_log_model().objects.filter(data=DATA_PAYOUT).exists()


def test_money__the_look_is_logged_once_for_the_worker(logged_in, worker, payments):
    logged_in.get(MONEY)

    (row,) = access_log_model().objects.filter(data=DATA_PAYOUT)
    assert (row.worker_id, row.user_id, row.action) == (worker.pk, worker.user_id, ACTION_VIEW)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [MONEY, HOME])
def test_money__query_count_is_the_same_for_2_and_12_payments(logged_in, worker, url):
    for month in (11, 12):
        worker_payout(worker, status=PayoutStatus.PAID, payment_date=dt.date(2026, month, 15))
    logged_in.get(url)  # warm up (session, content types)
    few = _queries(logged_in, url)
    for month in range(1, 11):
        worker_payout(worker, status=PayoutStatus.PAID, payment_date=dt.date(2026, month, 15))

    assert _queries(logged_in, url) == few


# --- The statement PDF ----------------------------------------------------------------------------
def test_money_pdf__own_payment_made_once_then_the_stored_file(logged_in, worker, payments, monkeypatch):
    payout = payments["paid"]
    response = logged_in.get(pdf_url(payout))

    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment") and "no-store" in response["Cache-Control"]
    payout.refresh_from_db()
    stored = payout.pdf.name
    assert stored

    monkeypatch.setattr("web.me.money.render_payout_pdf", lambda payout: pytest.fail("rendered again"))
    again = logged_in.get(pdf_url(payout))
    assert again.status_code == 200
    payout.refresh_from_db()
    assert payout.pdf.name == stored
    rows = access_log_model().objects.filter(data=DATA_PAYOUT, action=ACTION_DOWNLOAD, worker=worker)
    assert rows.count() == 2


def test_money_pdf__another_workers_payment_or_a_draft_is_a_404(logged_in, worker, payments):
    others = worker_payout(WorkerFactory(), payment_date=dt.date(2027, 1, 15))

    assert logged_in.get(pdf_url(others)).status_code == 404
    assert logged_in.get(pdf_url(payments["draft"])).status_code == 404
    assert logged_in.get("/en/me/money/999999/pdf/").status_code == 404
    others.refresh_from_db()
    assert not others.pdf and not access_log_model().objects.filter(action=ACTION_DOWNLOAD).exists()


def test_money__the_page_links_each_statement(logged_in, payments):
    html = logged_in.get(MONEY).content.decode()

    for kind in ("coming", "paid", "rejected", "before_runs"):
        assert pdf_url(payments[kind]) in html, kind
    assert pdf_url(payments["draft"]) not in html


def test_money__anonymous_to_login_and_a_non_worker_403(client):
    from tests.factories import UserFactory

    response = client.get(MONEY)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.get(MONEY).status_code == 403


# --- The pay on /me/ ------------------------------------------------------------------------------
def test_home__shows_the_next_payment_and_the_way_to_all(logged_in, worker, payments):
    worker_payout(worker, payment_date=dt.date(2027, 1, 31), hours="10")  # later than the next one

    response = logged_in.get(HOME)
    text = main_text(response)

    assert "Your pay Payment date 15 January 2027 You will be paid 24.00 euros on 15 January." in text
    assert 'href="/en/me/money/"' in response.content.decode()
    assert access_log_model().objects.filter(data=DATA_PAYOUT, worker=worker).count() == 1


def test_home__without_a_payment_in_the_bank_the_latest_one(logged_in, worker):
    worker_payout(worker, status=PayoutStatus.PAID, payment_date=dt.date(2026, 11, 16))
    worker_payout(worker, status=PayoutStatus.PAID, payment_date=dt.date(2026, 12, 15), hours="2")
    worker_payout(worker, status=PayoutStatus.DRAFT, payment_date=dt.date(2027, 1, 15), hours="9")

    text = main_text(logged_in.get(HOME))

    assert "Your pay Payment date 15 December 2026 You got 12.00 euros on 15 December." in text


def test_home__no_payment_no_block_and_nothing_logged_but_the_way_to_the_pay_page(logged_in, worker):
    response = logged_in.get(HOME)
    text = main_text(response)

    assert "Payment date" not in text and "See all your pay" not in text
    assert 'href="/en/me/money/"' in response.content.decode()
    assert not access_log_model().objects.filter(data=DATA_PAYOUT).exists()


def test_payment_sentences__a_date_that_ends_with_a_full_stop_gets_no_second_one(worker, monkeypatch):
    """In Finnish the date is "15.1.": "Sinulle maksetaan 24,00 euroa 15.1." has one full stop."""
    from billing.selectors_worker_money import worker_payments_for
    from web.me.money import payment_sentences

    monkeypatch.setattr("web.me.money.plain_date", lambda day: f"{day.day}.{day.month}.")
    worker_payout(worker, payment_date=dt.date(2027, 1, 15))
    (payment,) = worker_payments_for(worker=worker, today=dt.date(2027, 1, 10))

    with translation.override("en"):
        assert payment_sentences(payment)[0] == "You will be paid 24.00 euros on 15.1."
