"""Debian Chromium through Playwright's sync API, and what the browser tests share.

Fixtures (a pytest plugin: the root conftest lists it in `pytest_plugins`):
- `browser` (session), `page` (desktop), `mobile_page` (360x740, touch): fresh contexts in Finnish
  and Helsinki time.
- `axe`: axe-core (vendored in tests/vendor) run on a page; returns serious and critical violations.
- `html_collector` (session): the HTML of every page any browser context opened; the `browser`
  fixture checks all of it with the W3C Nu Html Checker at the end of the session
  (tests/support/vnu.py) and fails on any error.

Helpers: `log_in()` gives the browser the session of a user logged in with the test client;
`OVERFLOW` and `SMALL_TAP_TARGETS` are the phone-screen checks and `check_phone_screen()` runs them
with axe.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.services import CHROMIUM, browser_missing
from tests.support.vnu import HtmlCollector

AXE_JS = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

# Every visible link, button and field smaller than 44 px either way, as "text: WxH"; a link inside a
# sentence is exempt (WCAG 2.5.8, "inline"), and so is what is hidden from people (a form's honeypot).
SMALL_TAP_TARGETS = """() => [...document.querySelectorAll(
    'a, button, input:not([type=hidden]), textarea, select')]
    .filter((el) => el.offsetParent !== null && !el.classList.contains('skip-link'))
    .filter((el) => !el.closest('[aria-hidden="true"]'))
    .filter((el) => !(el.tagName === 'A' && getComputedStyle(el).display === 'inline'
        && el.parentElement.textContent.trim() !== el.textContent.trim()))
    .map((el) => [el.textContent.trim() || el.name || el.tagName, el.getBoundingClientRect()])
    .filter(([, box]) => box.width < 44 || box.height < 44)
    .map(([text, box]) => `${text}: ${Math.round(box.width)}x${Math.round(box.height)}`)"""
# True when the page needs no sideways scrolling.
OVERFLOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


def log_in(page, client, live_server, user) -> None:
    """Log `user` in with the test client (staff with the second factor done, see the root conftest)
    and give the browser that session's cookie."""
    from django.conf import settings

    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def check_phone_screen(page, axe) -> None:
    """Every phone screen: accessible, no sideways scrolling on a 360 px phone, big enough to tap."""
    axe.assert_clean(page)
    assert page.evaluate(OVERFLOW), f"{page.url} is wider than the screen"
    assert page.evaluate(SMALL_TAP_TARGETS) == [], page.url


@pytest.fixture(scope="session")
def html_collector():
    return HtmlCollector()


@pytest.fixture(scope="session")
def browser(html_collector):
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=shutil.which(CHROMIUM), args=CHROMIUM_ARGS)
        # Every context, also those a test makes itself, hands its pages to the HTML check.
        new_context = chromium.new_context

        def new_context_collected(*args, **kwargs):
            context = new_context(*args, **kwargs)
            html_collector.attach(context)
            return context

        chromium.new_context = new_context_collected
        try:
            yield chromium
        finally:
            chromium.close()
    problems = html_collector.check()
    if problems:
        pytest.fail("The W3C Nu Html Checker found errors in pages the browser tests opened:\n" + problems)


def _new_page(browser, **context_options):
    context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki", **context_options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, html_collector):
    """A desktop page in a fresh context (Finnish locale, Helsinki time)."""
    context, new_page = _new_page(browser)
    yield new_page
    html_collector.settle(new_page)
    context.close()


@pytest.fixture
def mobile_page(browser, html_collector):
    """A phone-sized page: 360x740, touch."""
    context, new_page = _new_page(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield new_page
    html_collector.settle(new_page)
    context.close()


class Axe:
    """Runs axe-core on a Playwright page. `axe(page)` returns the serious and critical violations."""

    IMPACTS = ("serious", "critical")
    TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

    def __init__(self, source: str):
        self.source = source

    def __call__(self, page, *, impacts=IMPACTS, tags=None, context=None) -> list[dict]:
        # Evaluated through the DevTools protocol, so a strict Content-Security-Policy doesn't block it.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.source)
        options = {
            "runOnly": {"type": "tag", "values": list(tags or self.TAGS)},
            "resultTypes": ["violations"],
        }
        violations = page.evaluate(
            "async ([context, options]) => (await axe.run(context || document, options)).violations",
            [context, options],
        )
        return [v for v in violations if v.get("impact") in impacts]

    @staticmethod
    def format(violations: list[dict]) -> str:
        lines = []
        for v in violations:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}")
            lines.extend(f"    {node['target']}: {node['html'][:160]}" for node in v["nodes"][:5])
        return "\n".join(lines)

    def assert_clean(self, page, **kwargs) -> None:
        violations = self(page, **kwargs)
        assert not violations, "accessibility violations:\n" + self.format(violations)


@pytest.fixture(scope="session")
def axe():
    return Axe(AXE_JS.read_text(encoding="utf-8"))
