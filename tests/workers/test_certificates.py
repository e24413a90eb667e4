"""Work certificates (työtodistus) and the gig CV: the service, the PDF, the pages, the access log."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from jobcenter.errors import ActionNotPermitted, DomainError
from orders.certificates import certificate_issue
from orders.models import AssignmentStatus, Feedback, FeedbackSource
from orders.pdf_certificates import render_certificate_pdf
from tests.factories import (
    ClientContactFactory,
    CoordinatorFactory,
    TaskTypeFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from tests.support.workers import assignment_in, gig_on, main_text
from workers.models import AccessLogEntry, WorkCertificate

pytestmark = pytest.mark.django_db

MARCH_3 = dt.date(2026, 3, 3)
MARCH_10 = dt.date(2026, 3, 10)
APRIL_7 = dt.date(2026, 4, 7)
QUOTE = "Aino teki huolellista työtä ja oli aina ajoissa."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_text(content: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:  # pragma: no cover - poppler-utils is in the image
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


@pytest.fixture
def worker():
    return WorkerFactory(user__first_name="Aino", user__last_name="Äyräväinen")


@pytest.fixture
def coordinator():
    return CoordinatorFactory(first_name="Maija", last_name="Koordinaattori")


@pytest.fixture
def work(worker):
    """Approved work: cleaning twice for one client (3 h + 2.5 h), window washing once (4 h) with
    feedback; plus reported-but-unapproved work that no certificate may count."""
    windows = TaskTypeFactory(code="windows", name_fi="Ikkunanpesu", name_sv="Fönstertvätt", name_en="Window washing")
    cleaning_1 = assignment_in(
        AssignmentStatus.APPROVED,
        worker=worker,
        gig=gig_on(MARCH_3, order__contact__organisation__name="Vallilan Kahvila Oy"),
    )
    cleaning_2 = assignment_in(
        AssignmentStatus.APPROVED,
        worker=worker,
        hours="2.5",
        gig=gig_on(MARCH_10, order__contact__organisation__name="Vallilan Kahvila Oy"),
    )
    window = assignment_in(
        AssignmentStatus.APPROVED,
        worker=worker,
        hours="4",
        gig=gig_on(APRIL_7, order__contact__organisation__name="Töölön Asukasyhdistys ry", order__task_type=windows),
    )
    Feedback.objects.create(assignment=window, rating=5, text=QUOTE, source=FeedbackSource.CLIENT_LINK)
    assignment_in(AssignmentStatus.DONE, worker=worker, hours="7", gig=gig_on(dt.date(2026, 4, 8)))
    return [cleaning_1, cleaning_2, window]


# --- The service ----------------------------------------------------------------------------------
def test_certificate_issue__freezes_the_approved_work_and_stores_a_pdf(work, worker, coordinator):
    certificate = certificate_issue(worker_id=worker.pk, by=coordinator)

    assert certificate.period_start == MARCH_3 and certificate.period_end == APRIL_7
    summary = certificate.summary
    assert summary["worker_name"] == "Aino Äyräväinen"
    assert summary["signer"] == "Maija Koordinaattori"
    assert summary["issuer"] == "Helsingin kaupunki / Jobcenter"
    assert Decimal(summary["total_hours"]) == Decimal("9.5")  # the 7 unapproved hours do not count
    by_name = {task["name"]: task for task in summary["tasks"]}
    assert Decimal(by_name["Siivous"]["hours"]) == Decimal("5.5") and by_name["Siivous"]["count"] == 2
    assert by_name["Siivous"]["clients"] == ["Vallilan Kahvila Oy"]
    assert by_name["Siivous"]["dates"] == ["2026-03-03", "2026-03-10"]
    assert by_name["Ikkunanpesu"]["clients"] == ["Töölön Asukasyhdistys ry"]
    assert summary["feedback"] == []
    assert certificate.pdf.name.endswith(".pdf")
    assert certificate.pdf.read().startswith(b"%PDF")
    assert certificate.download_name == f"tyotodistus-aino-ayravainen-{certificate.issued_on:%Y-%m-%d}.pdf"


def test_certificate_issue__period_limits_the_work(work, worker, coordinator):
    certificate = certificate_issue(
        worker_id=worker.pk, by=coordinator, period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 3, 31)
    )
    assert certificate.summary["total_hours"] == "5.50"
    assert [t["name"] for t in certificate.summary["tasks"]] == ["Siivous"]


@pytest.mark.parametrize("who", ["plain_user", "unit_staff", "client", "the_worker"])
def test_certificate_issue__only_a_coordinator(work, worker, who):
    user = {
        "plain_user": UserFactory,
        "unit_staff": lambda: UnitStaffFactory(unit=worker.home_unit),
        "client": lambda: ClientContactFactory(with_user=True).user,
        "the_worker": lambda: worker.user,
    }[who]()
    with pytest.raises(ActionNotPermitted):
        certificate_issue(worker_id=worker.pk, by=user)
    assert not WorkCertificate.objects.exists()


def test_certificate_issue__no_approved_work_is_refused_with_a_message(worker, coordinator):
    assignment_in(AssignmentStatus.DONE, worker=worker, hours="3")  # reported, not approved
    with pytest.raises(DomainError) as refused:
        certificate_issue(worker_id=worker.pk, by=coordinator)
    assert "Aino Äyräväinen" in str(refused.value.message)
    assert "ei ole hyväksyttyä työtä" in str(refused.value.message)
    assert not WorkCertificate.objects.exists()


def test_certificate_issue__no_work_in_the_period_is_refused(work, worker, coordinator):
    with pytest.raises(DomainError):
        certificate_issue(
            worker_id=worker.pk, by=coordinator, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31)
        )


def test_certificate_issue__period_ending_before_it_starts_is_refused(work, worker, coordinator):
    with pytest.raises(DomainError):
        certificate_issue(worker_id=worker.pk, by=coordinator, period_start=APRIL_7, period_end=MARCH_3)


def test_certificate_issue__include_feedback_changes_the_content(work, worker, coordinator, tmp_path):
    without = certificate_issue(worker_id=worker.pk, by=coordinator, include_feedback=False)
    with_feedback = certificate_issue(worker_id=worker.pk, by=coordinator, include_feedback=True)

    assert without.summary["feedback"] == []
    assert with_feedback.summary["feedback"] == [
        {"text": QUOTE, "client": "Töölön Asukasyhdistys ry", "date": "2026-04-07", "task": "Ikkunanpesu"}
    ]
    assert "huolellista" not in pdf_text(without.pdf.read(), tmp_path)
    assert "huolellista" in pdf_text(with_feedback.pdf.read(), tmp_path)


# --- The PDF --------------------------------------------------------------------------------------
def test_render_certificate_pdf__a_finnish_work_certificate(work, worker, coordinator, tmp_path):
    certificate = certificate_issue(worker_id=worker.pk, by=coordinator, include_feedback=True)

    text = pdf_text(render_certificate_pdf(certificate), tmp_path)

    assert "TYÖTODISTUS" in text
    assert "Aino Äyräväinen" in text  # ä and ö survive the font
    assert "Helsingin kaupunki / Jobcenter" in text
    assert "Siivous" in text and "Ikkunanpesu" in text
    assert "Vallilan Kahvila Oy" in text and "Töölön Asukasyhdistys ry" in text
    assert "3.3.2026" in text and "7.4.2026" in text
    assert "5,5 tuntia" in text and "9,5 tuntia" in text  # per task type and the total
    assert "Maija Koordinaattori" in text
    assert QUOTE in " ".join(text.split())


def test_render_certificate_pdf__reads_only_the_frozen_summary(work, worker, coordinator, tmp_path):
    certificate = certificate_issue(worker_id=worker.pk, by=coordinator)
    order = work[0].gig.order
    order.client.name = "Uusi Nimi Oy"
    order.client.save()

    assert "Uusi Nimi" not in pdf_text(render_certificate_pdf(certificate), tmp_path)


# --- Permissions, downloads and the access log ----------------------------------------------------
@pytest.fixture
def certificate(work, worker, coordinator):
    return certificate_issue(worker_id=worker.pk, by=coordinator)


def _downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


def test_worker_downloads_own_certificate__attachment_and_logged(client, certificate, worker):
    client.force_login(worker.user)
    url = reverse("workers:certificate-download", args=[certificate.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{certificate.download_name}"'
    assert _downloaded(response).startswith(b"%PDF")
    entry = AccessLogEntry.objects.get(action="download")
    assert (entry.user, entry.worker, entry.data, entry.path) == (worker.user, worker, "certificate", url)


def test_worker_cannot_download_another_workers_certificate(client, certificate):
    other = WorkerFactory()
    client.force_login(other.user)

    response = client.get(reverse("workers:certificate-download", args=[certificate.pk]))

    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(action="download").exists()


def test_worker_certificate_list__plain_language_and_logged(client, certificate, worker):
    client.force_login(worker.user)

    response = client.get(reverse("workers:certificates"))

    text = main_text(response)
    assert "Sinun työtodistuksesi" in text
    assert "Lataa todistus" in text
    assert reverse("workers:certificate-download", args=[certificate.pk]) in response.content.decode()
    assert AccessLogEntry.objects.filter(worker=worker, data="certificate", action="view").count() == 1


def test_coordinator_pages__issue_and_download(client, work, worker, coordinator):
    client.force_login(coordinator)
    assert worker.display_name in client.get(reverse("worker_certificates:workers"), {"q": "äyrä"}).content.decode()
    page = reverse("worker_certificates:worker", args=[worker.pk])

    response = client.post(page, {"period_start": "", "period_end": "", "include_feedback": "yes"})

    assert response.status_code == 302
    certificate = WorkCertificate.objects.get()
    assert certificate.include_feedback and certificate.issued_by == coordinator
    response = client.get(page)
    assert reverse("worker_certificates:certificate-download", args=[certificate.pk]) in response.content.decode()
    download = client.get(reverse("worker_certificates:certificate-download", args=[certificate.pk]))
    assert download.status_code == 200 and _downloaded(download).startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(user=coordinator, data="certificate", action="download").count() == 1
    assert AccessLogEntry.objects.filter(user=coordinator, data="certificate", action="view").count() == 1


def test_coordinator_page__no_approved_work_shows_the_message(client, worker, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("worker_certificates:worker", args=[worker.pk]), {"include_feedback": "no"}, follow=True
    )
    assert "ei ole hyväksyttyä työtä" in response.content.decode()


@pytest.mark.parametrize("who", ["unit_staff", "worker", "client", "anonymous"])
def test_coordinator_pages__closed_to_other_roles(client, certificate, worker, who):
    if who == "unit_staff":
        client.force_login(UnitStaffFactory(unit=worker.home_unit))
    elif who == "worker":
        client.force_login(worker.user)
    elif who == "client":
        client.force_login(ClientContactFactory(with_user=True).user)
    urls = [
        reverse("worker_certificates:workers"),
        reverse("worker_certificates:worker", args=[worker.pk]),
        reverse("worker_certificates:certificate-download", args=[certificate.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == (302 if who == "anonymous" else 403), url
    assert not AccessLogEntry.objects.exists()


# --- The gig CV -----------------------------------------------------------------------------------
def test_cv_page__plain_language_sections(client, work, worker):
    client.force_login(worker.user)

    response = client.get(reverse("workers:cv"))

    text = main_text(response)
    assert "Tehtävät, joita olet tehnyt" in text
    assert "Missä olet työskennellyt" in text
    assert "Mitä sinusta on sanottu" in text
    assert "Siivous" in text and "Teit tätä 3 kertaa" in text  # 2 approved + 1 reported
    assert "Vallilan Kahvila Oy" in text and "Töölön Asukasyhdistys ry" in text
    assert QUOTE in text
    assert reverse("workers:cv-pdf") in response.content.decode()


def test_cv_pdf__downloads(client, work, worker, tmp_path):
    client.force_login(worker.user)

    response = client.get(reverse("workers:cv-pdf"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="keikka-cv-aino-ayravainen.pdf"'
    text = pdf_text(_downloaded(response), tmp_path)
    # Written for the employer who reads it (tests/workers/test_gig_cv_pdf.py has the rest).
    assert "Aino Äyräväinen" in text and "Ikkunanpesu" in text and "Ansioluettelo – keikkatyöt" in text
    assert "Tehtävät, joita olet tehnyt" not in text


def test_my_gigs_and_history_link_to_the_cv(client, worker):
    client.force_login(worker.user)
    for name in ("workers:my-gigs", "workers:history"):
        assert reverse("workers:cv") in client.get(reverse(name)).content.decode()
    assert reverse("workers:certificates") in client.get(reverse("workers:my-gigs")).content.decode()


# --- In a real browser: the two new worker screens are accessible on a phone ----------------------
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cv_and_certificates_pages__axe_clean_on_a_phone(mobile_page, live_server, axe, client, settings, tmp_path):
    from tests.support.browser import check_phone_screen as _check
    from tests.support.browser import log_in as _log_in

    worker = WorkerFactory(user__first_name="Aino", user__last_name="Äyräväinen")
    approved = assignment_in(AssignmentStatus.APPROVED, worker=worker, gig=gig_on(MARCH_3))
    Feedback.objects.create(assignment=approved, rating=4, text=QUOTE, source=FeedbackSource.CLIENT_LINK)
    certificate_issue(worker_id=worker.pk, by=CoordinatorFactory(), include_feedback=True)
    _log_in(mobile_page, client, live_server, worker.user)

    for path, heading in (("/me/cv/", "Sinun keikka-CV:si"), ("/me/certificates/", "Sinun työtodistuksesi")):
        mobile_page.goto(live_server.url + path)
        assert mobile_page.get_by_role("heading", name=heading, level=1).is_visible()
        _check(mobile_page, axe)
