"""The accessibility statement (Act on the Provision of Digital Services 306/2019): in Finnish,
Swedish and English, linked from the footer of every layout, true about the site."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from tests.factories import CoordinatorFactory, UnitStaffFactory, WorkerFactory
from web.public.accessibility import STATEMENT_DATE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "authority"),
    [
        ("fi", "Saavutettavuusseloste", "Liikenne- ja viestintävirasto Traficom"),
        ("sv", "Tillgänglighetsutlåtande", "Transport- och kommunikationsverket Traficom"),
        ("en", "Accessibility statement", "Finnish Transport and Communications Agency Traficom"),
    ],
)
def test_statement__is_in_three_languages_with_what_the_law_asks(client, language, heading, authority):
    with translation.override(language):
        url = reverse("accessibility:statement")
    page = client.get(url).content.decode()

    assert f"<h1>{heading}</h1>" in page
    assert f'lang="{language}"' in page
    assert "WCAG 2.1" in page and "306/2019" in page
    assert "axe-core" in page and "Nu Html Checker" in page
    assert authority in page
    assert 'href="https://www.saavutettavuusvaatimukset.fi/"' in page
    with translation.override(language):
        assert date_format(STATEMENT_DATE, "DATE_FORMAT") in page  # the date of the statement
        assert f'href="{reverse("accessibility:feedback")}"' in page


def test_statement__names_the_known_barriers_that_the_code_has():
    """The non-conformities stated are real: the generated PDFs are untagged (no PDF/UA variant is
    asked of WeasyPrint) and consent forms are uploaded as scans."""
    from pathlib import Path

    pdf_helper = (Path(__file__).resolve().parents[2] / "jobcenter" / "pdf.py").read_text()
    assert "pdf_variant" not in pdf_helper and "pdf_tags" not in pdf_helper, (
        "The PDFs may now be tagged: update the statement's non-conformities and this test."
    )


def _footer(html: str) -> str:
    return html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]


@pytest.mark.parametrize(
    ("who", "url_name"),
    [
        ("anon", "home"),
        ("coordinator", "coordinator:dashboard"),
        ("unit", "units:needs"),
        ("worker", "workers:my-gigs"),
    ],
)
def test_statement__is_linked_from_the_footer_of_every_layout(client, who, url_name):
    users = {
        "coordinator": CoordinatorFactory,
        "unit": UnitStaffFactory,
        "worker": lambda: WorkerFactory().user,
    }
    if who != "anon":
        client.force_login(users[who]())
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    footer = _footer(response.content.decode())
    assert f'href="{reverse("accessibility:statement")}">Saavutettavuusseloste</a>' in footer


def test_statement__error_pages_link_to_it_too(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert f'href="{reverse("accessibility:statement")}"' in _footer(response.content.decode())
