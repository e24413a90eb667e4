"""The browser harness: Debian Chromium through Playwright, the live server, and axe-core."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MISSING_ALT = """<!doctype html><html lang="fi"><head><meta charset="utf-8">{head}<title>Testi</title></head>
<body><main><h1>Testi</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">
</main></body></html>"""


def test_axe_finds_an_image_without_alt(page, axe):
    page.set_content(MISSING_ALT.format(head=""))
    assert "image-alt" in {v["id"] for v in axe(page)}


def test_axe_runs_under_a_strict_content_security_policy(page, axe):
    csp = """<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'">"""
    page.set_content(MISSING_ALT.format(head=csp))
    assert "image-alt" in {v["id"] for v in axe(page)}


def test_axe_passes_a_clean_page(page, axe):
    page.set_content(MISSING_ALT.format(head="").replace('width="10"', 'alt="Logo" width="10"'))
    axe.assert_clean(page)


@pytest.mark.django_db(transaction=True)
def test_live_server_serves_healthz_to_the_browser(page, live_server):
    response = page.goto(f"{live_server.url}/healthz")
    assert response.status == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db(transaction=True)
def test_home_page_renders_on_a_phone(mobile_page, live_server):
    response = mobile_page.goto(live_server.url + "/")
    assert response.status == 200
    assert mobile_page.evaluate("() => window.innerWidth") == 360
    assert mobile_page.evaluate("() => matchMedia('(pointer: coarse)').matches")
