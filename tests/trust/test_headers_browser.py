"""The Content-Security-Policy in a real browser (Chromium): pages of each kind load and work with
no CSP violation (htmx included), and the worker's "My data" page is accessible on a phone."""

from __future__ import annotations

import pytest

from tests.factories import CoordinatorFactory, WorkerFactory
from tests.support.browser import SMALL_TAP_TARGETS
from tests.support.browser import log_in as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _watch(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(COLLECT_VIOLATIONS)
    return messages


def _violations(page, console: list[str]) -> list[str]:
    return [*page.evaluate("() => window.__cspViolations"), *console]


def test_public_pages_and_htmx_run_without_csp_violations(page, live_server):
    console = _watch(page)
    for path in ("/", "/accounts/login/", "/order/"):
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert page.evaluate("() => typeof window.htmx") == "object", path  # the scripts did load
        assert _violations(page, console) == [], path
    # The order form asks the server for the prices with htmx when the earliest date changes.
    with page.expect_response(lambda r: "/order/price/" in r.url):
        page.locator("input[name=preferred_start]").fill("2030-06-03")
        page.locator("input[name=preferred_start]").dispatch_event("change")
    assert _violations(page, console) == []


def test_staff_page_without_csp_violations(page, live_server, client):
    console = _watch(page)
    _log_in(page, client, live_server, CoordinatorFactory())
    page.goto(live_server.url + "/coordinator/")
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert _violations(page, console) == []


def test_my_data_page_on_a_phone(mobile_page, live_server, client, axe):
    console = _watch(mobile_page)
    worker = WorkerFactory(user__first_name="Aino")
    _log_in(mobile_page, client, live_server, worker.user)

    mobile_page.goto(live_server.url + "/me/")
    mobile_page.get_by_role("link", name="Sinun tietosi").click()

    assert mobile_page.get_by_role("heading", level=1).inner_text() == "Sinun tietosi"
    axe.assert_clean(mobile_page)
    assert mobile_page.evaluate(SMALL_TAP_TARGETS) == []
    assert mobile_page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    with mobile_page.expect_download() as download:
        mobile_page.get_by_role("link", name="Lataa tietoni luettavaksi (PDF)").click()
    assert download.value.suggested_filename.startswith(f"omat-tiedot-{worker.pk}-")
    assert _violations(mobile_page, console) == []
