import pytest
from django.core.exceptions import ValidationError

from jobcenter.validators import normalize_business_id, validate_business_id


@pytest.mark.parametrize("value", ["1572860-0", "0737546-2", "0201256-6"])
def test_business_id__valid_examples_pass(value):
    validate_business_id(value)


@pytest.mark.parametrize("value", ["0737546-1", "1572860-1", "1234567", "abcdefg-h", "", "12345678-9"])
def test_business_id__invalid_examples_fail_with_a_message(value):
    with pytest.raises(ValidationError) as info:
        validate_business_id(value)
    assert "business ID" in str(info.value.messages[0]) or "Y-tunnus" in str(info.value.messages[0])


def test_business_id__is_normalised_to_the_hyphenated_form():
    assert normalize_business_id(" 15728600 ") == "1572860-0"
