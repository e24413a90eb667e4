"""What the validators found, kept fixed: no bare htmx attributes, no empty form actions, a
caption on every data table of the main list pages, and a favicon that answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import CoordinatorFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# An htmx attribute not spelled data-hx-*: HTML does not know hx-* and the Nu Html Checker refuses it.
BARE_HTMX = re.compile(r"(?<![-\w])hx-[a-z]")


def test_markup__no_template_uses_bare_hx_attributes():
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:100]}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if BARE_HTMX.search(line)
    ]
    assert not found, "use data-hx-* instead:\n" + "\n".join(found)


def test_markup__the_grep_catches_a_bare_attribute():
    assert BARE_HTMX.search('<body hx-headers="{}">')
    assert not BARE_HTMX.search('<body data-hx-headers="{}">')


def test_markup__no_form_has_an_empty_action():
    found = [str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html") if 'action=""' in p.read_text()]
    assert not found


@pytest.mark.django_db
def test_markup__favicon_answers_200_and_every_page_links_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert '<link rel="icon"' in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "coordinator:emails",
        "billing:invoice-list",
        "payouts:list",
        "payment_runs:list",
        "incomes_register:list",
        "coordinator:accessibility-feedback",
    ],
)
def test_markup__every_table_of_the_main_list_pages_has_a_caption(client, url_name):
    from jobcenter.feedback.services import accessibility_feedback_submit
    from jobcenter.models import OutboundEmail, OutboundEmailStatus

    # Something to list, so the pages show their tables and not only "nothing here".
    OutboundEmail.objects.create(
        code="x", to="p@example.org", subject="x", body_text="x", status=OutboundEmailStatus.FAILED
    )
    accessibility_feedback_submit(message="Viesti")
    client.force_login(CoordinatorFactory())
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    page = response.content.decode()
    tables = re.findall(r"<table\b[^>]*>\s*(<caption\b)?", page)
    assert tables or url_name not in ("coordinator:emails", "coordinator:accessibility-feedback")
    assert all(caption for caption in tables), f"{url_name}: a table without a caption"


def test_markup__every_data_table_template_has_a_caption():
    """Every <table> of a web page template (PDFs and emails are documents of their own) starts with a caption."""
    missing = []
    for path in TEMPLATES.rglob("*.html"):
        name = str(path.relative_to(TEMPLATES))
        if "pdf" in name or name.startswith("emails/"):
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b[^>]*>", text):
            if not re.match(r"\s*(\{%[^%]*%\}\s*)*<caption", text[match.end() : match.end() + 400]):
                missing.append(f"{name}:{text[: match.start()].count(chr(10)) + 1}")
    assert not missing, missing
