"""The error pages with DEBUG off (tests/settings.py): 400, 403, 404, 410, 429, 500 and the CSRF
failure each show the site's layout in the person's language (Finnish by default, /sv/ Swedish,
/en/ English), with the status code, what happened and what to do next, and no technical detail."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.support.error_urls import SECRET
from tests.support.pages import visible

pytestmark = pytest.mark.django_db

ERROR_URLS = "tests.support.error_urls"

HEADINGS = {
    400: {
        "fi": "Pyyntöä ei voitu käsitellä",
        "sv": "Begäran kunde inte behandlas",
        "en": "The request could not be handled",
    },
    403: {"fi": "Et voi avata tätä sivua", "sv": "Du kan inte öppna den här sidan", "en": "You cannot open this page"},
    404: {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"},
    410: {"fi": "Linkki ei enää toimi", "sv": "Länken fungerar inte längre", "en": "This link no longer works"},
    429: {"fi": "Liian monta yritystä", "sv": "För många försök", "en": "Too many attempts"},
    500: {"fi": "Jokin meni vikaan", "sv": "Något gick fel", "en": "Something went wrong"},
}
CSRF_HEADING = {"fi": "Lomake on vanhentunut", "sv": "Formuläret har gått ut", "en": "The form has expired"}
# What to do next, one sentence of each page (Finnish).
NEXT_STEP_FI = {
    400: "Tarkista osoite tai palaa edelliselle sivulle ja yritä uudelleen.",
    403: "kysy Jobcenterin koordinaattorilta",
    404: "Tarkista osoite tai aloita alusta etusivulta.",
    410: "pyydä Jobcenterin koordinaattorilta uusi linkki",
    429: "Odota muutama minuutti ja yritä uudelleen.",
    500: "Yritä uudelleen muutaman minuutin kuluttua.",
}
PREFIX = {"fi": "", "sv": "/sv", "en": "/en"}
TECHNICAL = ("Traceback", "Exception", "Error at", "RuntimeError", "Http404", "PermissionDenied", "BadRequest", SECRET)


def assert_error_page(response, *, status: int, heading: str, language: str) -> str:
    """The response is the site's error page: status, layout, language, one h1, no technical detail."""
    assert response.status_code == status
    content = response.content.decode()
    assert f'<html lang="{language}"' in content
    assert content.count("<main") == 1 and 'id="main"' in content
    assert content.count("<h1") == 1
    assert f"<h1>{heading}</h1>" in content
    assert 'class="site-header"' in content and 'class="site-footer"' in content
    assert "vendor/hds/base.min.css" in content and "css/jobcenter.css" in content
    assert f'href="{PREFIX[language]}/"' in content  # the way on: the front page
    for text in TECHNICAL:
        assert text not in content, f"technical detail {text!r} on the {status} page"
    text = visible(response)
    assert str(status) in text  # the code, for a call to support
    return text


@pytest.fixture
def client_500():
    return Client(raise_request_exception=False)


# --- Every status, in every language, raised as a view raises it -----------------------------------
@override_settings(ROOT_URLCONF=ERROR_URLS)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("status", sorted(HEADINGS))
def test_error_page__site_layout_in_the_persons_language(client_500, status, language):
    response = client_500.get(f"{PREFIX[language]}/test-errors/{status}/")
    text = assert_error_page(response, status=status, heading=HEADINGS[status][language], language=language)
    if language == "fi":
        assert NEXT_STEP_FI[status] in text


@override_settings(ROOT_URLCONF=ERROR_URLS)
def test_500_page__renders_without_touching_the_database(client_500):
    """The 500 page needs no query: it still renders when the database is what failed."""

    def refuse(execute, sql, params, many, context):
        raise AssertionError(f"the 500 page ran a query: {sql}")

    with connection.execute_wrapper(refuse):
        response = client_500.get("/test-errors/500/")
    assert_error_page(response, status=500, heading=HEADINGS[500]["fi"], language="fi")


@override_settings(ROOT_URLCONF=ERROR_URLS)
def test_429_page__asks_to_wait_and_says_how_long(client_500):
    response = client_500.get("/en/test-errors/429/")
    assert "Wait a few minutes and try again." in visible(response)
    assert response["Retry-After"] == "300"


# --- The real ways to each page on the project's own URLs ---------------------------------------------
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_404__an_unknown_address_in_each_language(client, language):
    response = client.get(f"{PREFIX[language]}/no-such-page/at-all/")
    assert_error_page(response, status=404, heading=HEADINGS[404][language], language=language)


def test_404__for_a_logged_in_person_too(client):
    client.force_login(UserFactory())
    response = client.get("/sv/no-such-page/")
    assert_error_page(response, status=404, heading=HEADINGS[404]["sv"], language="sv")


def test_400__a_request_for_a_host_that_is_not_served(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert_error_page(response, status=400, heading=HEADINGS[400]["fi"], language="fi")


def test_429__allauths_login_rate_limit_answers_with_the_sites_page(client):
    url = reverse("account_login")
    limit = int(settings.ACCOUNT_RATE_LIMITS["login"].split("/")[0])
    for _ in range(limit):
        assert client.post(url, {}).status_code != 429
    response = client.post(url, {})
    assert_error_page(response, status=429, heading=HEADINGS[429]["fi"], language="fi")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_csrf_failure__a_form_sent_without_its_token_says_nothing_was_saved(language):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"{PREFIX[language]}/order/", {"title": "Ikkunanpesu"})
    text = assert_error_page(response, status=403, heading=CSRF_HEADING[language], language=language)
    assert "CSRF" not in response.content.decode()
    if language == "fi":
        assert "Mitään ei tallennettu." in text
        assert "Lataa sivu uudelleen." in text
