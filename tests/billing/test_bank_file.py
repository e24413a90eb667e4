"""The bank file of an approved payment run (ISO 20022 pain.001.001.03): every file made here is
valid against the project's copy of the schema, carries the run's payments to the cent, and what
would be invalid is refused before anything is written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from freezegun import freeze_time
from lxml import etree

from billing.bank_files.pain001 import BankFileInvalid, bank_text, credit_transfer_xml, validate_credit_transfer
from billing.bank_files.schemas import PAIN001_NS, first_schema_error, pain001_schema
from tests.support.bank import Payment, approved_run

pytestmark = pytest.mark.django_db
NS = {"p": PAIN001_NS}


@pytest.fixture(autouse=True)
def _english():
    """The refusals asserted below, in English."""
    with translation.override("en"):
        yield


def bank_file(run) -> etree._Element:
    content = credit_transfer_xml(run)
    root = etree.fromstring(content)
    assert first_schema_error(pain001_schema(), root) is None  # valid, asserted here once more
    return root


def text(element, path: str) -> str:
    return element.findtext(path, namespaces=NS)


def transactions(root) -> list:
    return root.findall("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", NS)


# --- What the file says --------------------------------------------------------------------------
@freeze_time("2026-12-02 08:15:00")  # 10.15 in Helsinki (winter time, +02:00)
def test_credit_transfer__header_and_batch_carry_the_run():
    run = approved_run(
        Payment(net="40.00", tax="60.00"), Payment(first_name="Ville", net="75.55", tax="0.00"), payer_bic="OKOYFIHH"
    )
    root = bank_file(run)
    header = "p:CstmrCdtTrfInitn/p:GrpHdr/"
    assert text(root, header + "p:MsgId") == run.message_id
    assert text(root, header + "p:CreDtTm") == "2026-12-02T10:15:00+02:00"
    assert (text(root, header + "p:NbOfTxs"), text(root, header + "p:CtrlSum")) == ("2", "115.55")
    assert text(root, header + "p:InitgPty/p:Nm") == run.payer_name
    assert text(root, header + "p:InitgPty/p:Id/p:OrgId/p:Othr/p:Id") == run.payer_business_id
    assert text(root, header + "p:InitgPty/p:Id/p:OrgId/p:Othr/p:SchmeNm/p:Cd") == "BANK"

    batch = "p:CstmrCdtTrfInitn/p:PmtInf/"
    assert text(root, batch + "p:PmtInfId") == run.message_id
    assert (text(root, batch + "p:PmtMtd"), text(root, batch + "p:BtchBookg")) == ("TRF", "true")
    assert (text(root, batch + "p:NbOfTxs"), text(root, batch + "p:CtrlSum")) == ("2", "115.55")
    assert text(root, batch + "p:PmtTpInf/p:SvcLvl/p:Cd") == "SEPA"
    assert text(root, batch + "p:PmtTpInf/p:CtgyPurp/p:Cd") == "SALA"
    assert text(root, batch + "p:ReqdExctnDt") == run.payment_date.isoformat()
    assert text(root, batch + "p:Dbtr/p:Nm") == run.payer_name
    assert text(root, batch + "p:Dbtr/p:Id/p:OrgId/p:Othr/p:Id") == run.payer_business_id
    assert text(root, batch + "p:DbtrAcct/p:Id/p:IBAN") == run.payer_iban
    assert text(root, batch + "p:DbtrAgt/p:FinInstnId/p:BIC") == "OKOYFIHH"
    assert text(root, batch + "p:ChrgBr") == "SLEV"


@freeze_time("2026-07-01 09:00:00")
def test_credit_transfer__summer_time_offset():
    root = bank_file(approved_run(Payment()))
    assert text(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:CreDtTm") == "2026-07-01T12:00:00+03:00"


def test_credit_transfer__one_transaction_per_payment_to_the_cent():
    run = approved_run(
        Payment(first_name="Aino", net="0.01", tax="0.00", bic="NDEAFIHH"),
        Payment(first_name="Bea", net="1234.56", tax="529.10"),
        Payment(first_name="Cecilia", net="33.33", tax="16.67", language="sv"),
    )
    root = bank_file(run)
    payouts = list(run.payouts.order_by("pk"))
    rows = transactions(root)
    assert [text(tx, "p:PmtId/p:EndToEndId") for tx in rows] == [p.end_to_end_id for p in payouts]
    assert [text(tx, "p:Amt/p:InstdAmt") for tx in rows] == ["0.01", "1234.56", "33.33"]
    assert {tx.find("p:Amt/p:InstdAmt", NS).get("Ccy") for tx in rows} == {"EUR"}
    assert [text(tx, "p:CdtrAcct/p:Id/p:IBAN") for tx in rows] == [p.iban for p in payouts]
    assert [text(tx, "p:Cdtr/p:Nm") for tx in rows] == [p.worker_name for p in payouts]
    # The creditor's bank only where the worker gave a BIC (SEPA allows leaving it out).
    assert [text(tx, "p:CdtrAgt/p:FinInstnId/p:BIC") for tx in rows] == ["NDEAFIHH", None, None]
    assert text(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum") == "1267.90"
    # The worker reads what the payment is for on their own statement, in their language.
    assert [text(tx, "p:RmtInf/p:Ustrd") for tx in rows] == [
        "Jobcenter palkkio 20.11.2026",
        "Jobcenter palkkio 20.11.2026",
        "Jobcenter arvode 20.11.2026",
    ]


def test_credit_transfer__remittance_names_the_period():
    run = approved_run(Payment())
    run.payouts.update(period_start=dt.date(2026, 11, 1), period_end=dt.date(2026, 11, 30))
    assert text(transactions(bank_file(run))[0], "p:RmtInf/p:Ustrd") == "Jobcenter palkkio 1.11.-30.11.2026"
    run.payouts.update(period_start=dt.date(2025, 12, 15))
    assert text(transactions(bank_file(run))[0], "p:RmtInf/p:Ustrd") == "Jobcenter palkkio 15.12.2025-30.11.2026"


# --- Names -----------------------------------------------------------------------------------------
def test_credit_transfer__finnish_letters_stay_in_names_and_the_file_is_utf8():
    run = approved_run(Payment(first_name="Åke-Öljy", last_name="Hämäläinen"))
    content = credit_transfer_xml(run)
    assert content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "Åke-Öljy Hämäläinen".encode() in content
    assert text(transactions(etree.fromstring(content))[0], "p:Cdtr/p:Nm") == "Åke-Öljy Hämäläinen"


def test_credit_transfer__long_name_cut_to_seventy_characters():
    long_last = "Virtanen-Korhonen-Mäkinen-Nieminen-Mäkelä-Hämäläinen-Laine-Heikkinen"
    run = approved_run(Payment(first_name="Aino Maria Kristiina", last_name=long_last))
    name = text(transactions(bank_file(run))[0], "p:Cdtr/p:Nm")
    assert len(run.payouts.get().worker_name) > 70
    assert len(name) == 70 and name == run.payouts.get().worker_name[:70].rstrip()


def test_credit_transfer__control_and_foreign_characters_made_safe():
    run = approved_run(Payment(first_name="Ana\tMaría\u200b", last_name="Łukasz\x07 Nguyễn"))
    name = text(transactions(bank_file(run))[0], "p:Cdtr/p:Nm")
    # Tab and zero-width space gone, the bell gone; ễ loses its accent; Ł has none to lose.
    assert name == "Ana María ?ukasz Nguyen"


def test_bank_text__rules():
    assert bank_text("  Matti\n  Meikäläinen  ", 70) == "Matti Meikäläinen"
    assert bank_text("1.11.–30.11.2026 “palkkio”", 140) == '1.11.-30.11.2026 "palkkio"'
    assert bank_text("Ćevapi Ögren", 70) == "Cevapi Ögren"
    assert bank_text("€ 5", 70) == "€ 5"  # in Latin-9


# --- 0 € payments ----------------------------------------------------------------------------------
def test_credit_transfer__a_zero_payment_is_not_a_transfer():
    run = approved_run(Payment(first_name="Aino", net="0.00", tax="50.00"), Payment(first_name="Bea", net="12.00"))
    root = bank_file(run)
    assert [text(tx, "p:Amt/p:InstdAmt") for tx in transactions(root)] == ["12.00"]
    assert text(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs") == "1"
    assert text(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum") == "12.00"


def test_credit_transfer__nothing_above_zero_refused():
    run = approved_run(Payment(net="0.00", tax="50.00"))
    with pytest.raises(BankFileInvalid, match="every payment of the run is 0 €"):
        credit_transfer_xml(run)


# --- Refusals ------------------------------------------------------------------------------------
def test_credit_transfer__missing_fields_refused_with_what_is_missing():
    run = approved_run(Payment(first_name="Aino"), Payment(first_name="Bea"), message_id="JC1-x")
    run.message_id = None
    run.payer_iban = "FI00 1234"
    with pytest.raises(BankFileInvalid) as error:
        credit_transfer_xml(run)
    assert "the run has no valid message ID" in error.value.message
    assert "the payer's account (IBAN) is missing or not valid" in error.value.message

    run = approved_run(Payment(first_name="Aino", last_name="Ilman"), Payment(first_name="Bea", last_name="Tili"))
    first, second = run.payouts.order_by("pk")
    first.iban = ""
    first.save()
    second.end_to_end_id = "JC-ää"  # Finnish banks take no å/ä/ö in identifiers
    second.save()
    with pytest.raises(BankFileInvalid) as error:
        credit_transfer_xml(run)
    assert "Aino Ilman has no bank account (IBAN)" in error.value.message
    assert "the payment of Bea Tili has no valid payment ID" in error.value.message


def test_credit_transfer__payer_business_id_checked():
    run = approved_run(Payment(), payer_business_id="0201256-7")  # wrong check digit
    with pytest.raises(BankFileInvalid, match="business ID"):
        credit_transfer_xml(run)


def test_credit_transfer__schema_error_refused_with_the_schemas_words():
    run = approved_run(Payment(bic="not a bic"))
    with pytest.raises(BankFileInvalid) as error:
        credit_transfer_xml(run)
    assert "would not be valid ISO 20022 pain.001.001.03" in error.value.message
    assert "BIC" in error.value.message and "line " in error.value.message


def test_validate_credit_transfer__refuses_a_broken_file():
    root = etree.fromstring(credit_transfer_xml(approved_run(Payment())))
    root.find("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", NS).text = "two"
    with pytest.raises(BankFileInvalid, match="NbOfTxs"):
        validate_credit_transfer(etree.tostring(root))


def test_credit_transfer__amount_uses_the_payouts_net_exactly():
    run = approved_run(Payment(net="19.99", tax="13.33"))
    assert run.payouts.get().net == Decimal("19.99")
    assert text(transactions(bank_file(run))[0], "p:Amt/p:InstdAmt") == "19.99"
