"""Reading the coordinator's pages in the Django test client (tests/coordinator/test_dashboard*.py):
their English addresses, a page's HTML, and the page shown after a POST."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation


def url(name: str, *args) -> str:
    """The English address of a coordinator page."""
    with translation.override("en"):
        return reverse(f"coordinator:{name}", args=args)


def page(http, address: str, **params) -> str:
    response = http.get(address, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def post(client, address: str, data=None, **extra):
    """POST and follow the redirect; the page shown afterwards (with its messages)."""
    response = client.post(address, data or {}, follow=True, **extra)
    assert response.status_code == 200, response.status_code
    return response.content.decode()
