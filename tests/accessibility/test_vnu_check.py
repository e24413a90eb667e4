"""The W3C Nu Html Checker check of the browser tests (tests/support/vnu.py) bites."""

from __future__ import annotations

import pytest

from tests.support.vnu import validate

VALID = (
    '<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Hyvä</title></head>'
    "<body><p>Hei</p></body></html>"
)
INVALID = (
    '<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Huono</title></head>'
    '<body hx-get="/x"><form action=""><p><div>sisäkkäin väärin</div></p></form></body></html>'
)


def test_vnu__an_invalid_document_has_errors_and_a_valid_one_none():
    errors = validate({"invalid": INVALID, "valid": VALID})

    assert "valid" not in errors
    messages = " ".join(m["message"] for m in errors["invalid"])
    assert "hx-get" in messages  # an attribute HTML does not know
    assert "action" in messages  # an empty form action
    assert "“p” element" in messages  # a <p> closed around a <div>


@pytest.mark.django_db(transaction=True)
def test_vnu__the_browser_fixtures_collect_every_page_they_open(page, live_server, html_collector):
    before = len(html_collector.documents)
    page.goto(f"{live_server.url}/accessibility/")
    page.get_by_role("link", name="Anna palautetta saavutettavuudesta").first.click()
    page.wait_for_url("**/accessibility/feedback/")
    html_collector.settle(page)

    urls = {doc.url for doc in html_collector.documents.values()}
    assert len(html_collector.documents) >= before + 2
    assert f"{live_server.url}/accessibility/" in urls
    assert f"{live_server.url}/accessibility/feedback/" in urls
