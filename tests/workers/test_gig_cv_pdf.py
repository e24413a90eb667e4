"""The gig CV as a PDF is read by a future employer: headings for that reader in the worker's
language, what the Jobcenter is, the period, the hours, the tasks, the workplaces only when the
worker chose so, the quotes only the clients allowed, and the issuer, date and contact at the end.
The worker's own page keeps speaking to the worker."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from orders.models import AssignmentStatus, Feedback, FeedbackSource
from orders.services import feedback_record
from tests.factories import CoordinatorFactory, TaskTypeFactory, WorkerFactory
from tests.support.workers import assignment_in, gig_on, main_text

pytestmark = pytest.mark.django_db

ALLOWED = "Aino teki huolellista työtä ja oli aina ajoissa."
PRIVATE = "Aino unohti avaimet, mutta hoiti muuten hyvin."


def pdf_text(response, tmp_path) -> str:
    if shutil.which("pdftotext") is None:  # pragma: no cover - poppler-utils is in the image
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "cv.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def worker():
    return WorkerFactory(user__first_name="Aino", user__last_name="Äyräväinen")


@pytest.fixture
def work(worker):
    """Cleaning for a café on 3.3.2026 (3 h), window washing for an association on 7.4.2026 (4 h),
    each with feedback: the association allowed its words to be quoted, the café did not."""
    windows = TaskTypeFactory(code="windows", name_fi="Ikkunanpesu", name_sv="Fönstertvätt", name_en="Window washing")
    cleaning = assignment_in(
        AssignmentStatus.APPROVED,
        worker=worker,
        gig=gig_on(dt.date(2026, 3, 3), order__contact__organisation__name="Vallilan Kahvila Oy"),
    )
    window = assignment_in(
        AssignmentStatus.APPROVED,
        worker=worker,
        hours="4",
        gig=gig_on(
            dt.date(2026, 4, 7), order__contact__organisation__name="Töölön Asukasyhdistys ry", order__task_type=windows
        ),
    )
    Feedback.objects.create(assignment=cleaning, rating=4, text=PRIVATE, source=FeedbackSource.CLIENT_LINK)
    Feedback.objects.create(
        assignment=window, rating=5, text=ALLOWED, source=FeedbackSource.CLIENT_LINK, may_quote=True
    )
    return [cleaning, window]


def _cv_pdf(client, worker, tmp_path, *, language="fi", workplaces=False) -> str:
    worker.user.language = language
    worker.user.save(update_fields=["language"])
    client.force_login(worker.user)
    url = reverse("workers:cv-pdf") + ("?workplaces=1" if workplaces else "")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return pdf_text(response, tmp_path)


def test_cv_pdf__finnish_for_the_employer(client, work, worker, tmp_path):
    text = _cv_pdf(client, worker, tmp_path)

    assert "Helsingin kaupunki" in text and "Ansioluettelo – keikkatyöt" in text
    assert "Aino Äyräväinen" in text
    assert "Jobcenter on Helsingin kaupungin työtoiminnan palvelu." in text
    assert "3.3.2026 – 7.4.2026" in text and "7 tuntia" in text
    for heading in ("Tehtävät", "Työpaikat", "Asiakkaiden palaute"):
        assert heading in text
    assert "Siivous" in text and "Ikkunanpesu" in text
    # Written to the reader, not to the worker.
    assert "olet tehnyt" not in text and "sinusta" not in text.lower()


def test_cv_pdf__workplaces_only_when_the_worker_chose_so(client, work, worker, tmp_path):
    without = _cv_pdf(client, worker, tmp_path)
    assert "Vallilan Kahvila Oy" not in without and "Töölön Asukasyhdistys ry" not in without
    assert "Työtä 2 asiakasorganisaatiolle." in without

    named = _cv_pdf(client, worker, tmp_path, workplaces=True)
    assert "Vallilan Kahvila Oy" in named and "Töölön Asukasyhdistys ry" in named


def test_cv_pdf__quotes_only_what_the_client_allowed(client, work, worker, tmp_path):
    text = _cv_pdf(client, worker, tmp_path)

    assert ALLOWED in text
    assert PRIVATE not in text
    assert "Lainattu asiakkaiden luvalla." in text


def test_cv_pdf__no_feedback_heading_without_a_quote_allowed(client, work, worker, tmp_path):
    Feedback.objects.update(may_quote=False)

    text = _cv_pdf(client, worker, tmp_path)

    assert "Asiakkaiden palaute" not in text and ALLOWED not in text


def test_cv_pdf__issuer_date_and_contact_at_the_end(client, work, worker, tmp_path, settings):
    settings.JOBCENTER_CONTACT_EMAIL = "jobcenter@hel.fi"
    settings.JOBCENTER_CONTACT_PHONE = "09 310 12345"

    text = _cv_pdf(client, worker, tmp_path)

    end = text[text.index(ALLOWED) :]
    assert re.search(r"Helsinki \d{1,2}\.\d{1,2}\.20\d\d", end) and "Jobcenter – Helsingin kaupungin työtoiminta" in end
    assert "Lisätietoja: 09 310 12345, jobcenter@hel.fi" in end


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["Helsingfors stad", "Uppgifter", "Arbetsplatser", "Kundernas respons", "Fönstertvätt", "Helsingfors "]),
        ("en", ["City of Helsinki", "Tasks", "Workplaces", "Client feedback", "Window washing", "Helsinki, "]),
    ],
)
def test_cv_pdf__in_the_workers_language(client, work, worker, tmp_path, language, expected):
    text = _cv_pdf(client, worker, tmp_path, language=language)

    for words in expected:
        assert words in text, words
    assert "Tehtävät" not in text and "Työpaikat" not in text


def test_cv_page__speaks_to_the_worker_and_offers_both_downloads(client, work, worker):
    client.force_login(worker.user)

    response = client.get(reverse("workers:cv"))

    text = main_text(response)
    assert "Sinun keikka-CV:si" in text and "Tehtävät, joita olet tehnyt" in text
    assert "Lataa ansioluettelo työpaikkojen nimien kanssa" in text
    assert "Lataa ansioluettelo ilman työpaikkojen nimiä" in text
    html = response.content.decode()
    assert f'href="{reverse("workers:cv-pdf")}?workplaces=1"' in html
    assert f'href="{reverse("workers:cv-pdf")}"' in html
    # The worker reads every client's words on their own page, quoted or not.
    assert ALLOWED in text and PRIVATE in text


def test_feedback_record__keeps_the_clients_permission_to_quote(worker):
    approved = assignment_in(AssignmentStatus.APPROVED, worker=worker, gig=gig_on(dt.date(2026, 3, 3)))

    feedback = feedback_record(
        assignment_id=approved.pk, by=CoordinatorFactory(), rating=5, text=ALLOWED, may_quote=True
    )

    assert Feedback.objects.get(pk=feedback.pk).may_quote is True
