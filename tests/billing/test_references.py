"""Finnish reference numbers, RF references and the bank barcode (worked examples of the Finnish
reference standard and of the banks' barcode guide)."""

import datetime as dt
from decimal import Decimal

import pytest

from billing.references import group_reference, is_valid_reference, reference_number, rf_reference, virtual_barcode


@pytest.mark.parametrize(("base", "reference"), [("12345", "123453"), ("123", "1232"), ("1001", "10016")])
def test_reference_number__weights_7_3_1_from_the_right(base, reference):
    assert reference_number(base) == reference
    assert is_valid_reference(reference)


@pytest.mark.parametrize("base", ["12", "", "12a45", "1" * 20])
def test_reference_number__refuses_a_bad_base(base):
    with pytest.raises(ValueError):
        reference_number(base)


def test_rf_reference__examples():
    assert rf_reference("123453") == "RF81123453"
    assert is_valid_reference("RF81123453")
    assert is_valid_reference("RF18539007547034")
    assert is_valid_reference("RF18 5390 0754 7034")


@pytest.mark.parametrize("value", ["123454", "1233", "RF18539007547035", "RF19539007547034", "RF", "abc", "1"])
def test_is_valid_reference__refuses_wrong_check_digits(value):
    assert not is_valid_reference(value)


def test_group_reference__groups_of_five_and_four():
    assert group_reference("868516259619897") == "86851 62596 19897"
    assert group_reference("123453") == "1 23453"
    assert group_reference("RF81123453") == "RF81 1234 53"


def test_virtual_barcode__version_4_example_of_the_barcode_guide():
    code = virtual_barcode("FI79 4405 2020 0360 82", Decimal("4883.15"), "86851 62596 19897", dt.date(2010, 6, 12))
    assert code == "479440520200360820048831500000000868516259619897100612"


def test_virtual_barcode__version_5_for_an_rf_reference():
    code = virtual_barcode("FI7944052020036082", Decimal("18.20"), "RF81123453", dt.date(2025, 1, 29))
    assert len(code) == 54
    assert code == "5" + "7944052020036082" + "00001820" + "81" + "123453".rjust(21, "0") + "250129"


def test_virtual_barcode__too_large_or_negative_amounts_and_no_due_date_are_zeros():
    code = virtual_barcode("FI7944052020036082", Decimal("-5.00"), "1232", None)
    assert code[17:25] == "00000000" and code.endswith("000000") and len(code) == 54
    assert virtual_barcode("FI7944052020036082", Decimal("1000000.00"), "1232", None)[17:25] == "00000000"


def test_virtual_barcode__refuses_a_foreign_iban_and_a_bad_reference():
    with pytest.raises(ValueError):
        virtual_barcode("DE89370400440532013000", Decimal("1"), "1232", None)
    with pytest.raises(ValueError):
        virtual_barcode("FI7944052020036082", Decimal("1"), "1233", None)
