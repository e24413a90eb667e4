"""The business IDs that the public order form shows as examples (help text and error texts) are no
demo client's: a client who copies the example must not meet an existing client (issue 12, item 1)."""

import re

import pytest
from django.utils import translation
from stdnum.fi import ytunnus

from demo.cityscale.base import CITY_BUSINESS_ID
from demo.creation.clients import CLIENTS
from tests.support.order_form import VALID

pytestmark = pytest.mark.django_db

URL = "/en/order/"
BUSINESS_ID = re.compile(r"\b\d{7}-\d\b")
DEMO_IDS = {client["business_id"] for client in CLIENTS.values()} | {CITY_BUSINESS_ID}


def examples_in(html: str) -> set[str]:
    return set(BUSINESS_ID.findall(html))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_forms_example_business_id_is_valid_and_no_demo_clients(client, language):
    with translation.override(language):
        html = client.get(f"/{language}/order/".replace("/fi/", "/")).content.decode()
    examples = examples_in(html)
    assert examples, "the form shows an example business ID"
    assert examples.isdisjoint(DEMO_IDS)
    assert all(ytunnus.is_valid(example) for example in examples)


@pytest.mark.parametrize("typed", ["1572860-1", "123", "abcdefg-h"])
def test_the_error_text_for_a_wrong_business_id_shows_no_demo_clients_id(client, typed):
    html = client.post(URL, {**VALID, "business_id": typed}).content.decode()
    assert "Check the business ID" in html
    examples = examples_in(html)
    assert examples, "the error text shows an example"
    assert examples.isdisjoint(DEMO_IDS), examples
