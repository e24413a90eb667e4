"""The statement and the feedback form in a real browser: accessible on a phone, usable with the
keyboard only, and without sideways scrolling at 200 % zoom (a 1280 px screen is then 640 px wide)."""

from __future__ import annotations

import pytest

from jobcenter.feedback.models import AccessibilityFeedback
from tests.support.browser import OVERFLOW, check_phone_screen

pytestmark = pytest.mark.django_db(transaction=True)


def test_statement_and_form__fit_a_phone_and_pass_axe(mobile_page, live_server, axe):
    for path in ("/accessibility/", "/accessibility/feedback/", "/sv/accessibility/", "/en/accessibility/feedback/"):
        mobile_page.goto(f"{live_server.url}{path}")
        check_phone_screen(mobile_page, axe)


def test_feedback_form__is_sent_with_the_keyboard_only(browser, live_server, axe):
    context = browser.new_context(locale="fi-FI", viewport={"width": 640, "height": 800})  # 1280 px at 200 %
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accessibility/feedback/?page=/order/")
        assert page.evaluate(OVERFLOW)
        axe.assert_clean(page)
        page.get_by_label("Palautteesi").focus()
        page.keyboard.type("Päivämääräkenttä ei toimi ruudunlukijalla.")
        for _ in range(3):  # the page, the name, the email
            page.keyboard.press("Tab")
        page.keyboard.type("aino@example.fi")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # the send button is next in the tab order (the honeypot is not)
        page.wait_for_url("**/accessibility/feedback/sent/")

        assert page.get_by_role("heading", level=1).inner_text() == "Kiitos palautteestasi"
        feedback = AccessibilityFeedback.objects.get()
        assert (feedback.page_url, feedback.email) == ("/order/", "aino@example.fi")
    finally:
        context.close()
