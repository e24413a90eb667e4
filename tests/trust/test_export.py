"""The worker's data export (the rights of access and portability): complete, access-logged, special
categories only in a strong session, downloads that no cache keeps."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from benefits.models import (
    Actor,
    Benefit,
    BenefitNotes,
    Clarification,
    ClarificationKind,
    Consent,
    ConsentData,
    ReceivedBenefit,
)
from billing.models import WorkerTaxInfo
from jobcenter import privacy
from jobcenter.access_log import log_access
from jobcenter.models import OutboundEmail
from jobcenter.privacy import build_worker_export, export_json, register_section
from orders.certificates import certificate_issue
from orders.models import AssignmentStatus, AssignmentStatusChange, ContractType, Feedback, FeedbackSource, OrderStatus
from tests.factories import (
    AssignmentFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    TaskTypeFactory,
    UnitStaffFactory,
    WorkerFactory,
    WorkerGroupFactory,
)
from tests.factories.auth import mark_session_mfa
from tests.factories.payments import payout_in_run
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db

SUPPORT_SENTINEL = "SENTINEL-SUPPORT-Kuulolaite-ja-rauhallinen-tila"
INTEREST_SENTINEL = "SENTINEL-INTEREST-puutarhatyöt"
DECLINE_SENTINEL = "SENTINEL-DECLINE-lääkärikäynti"
FEEDBACK_SENTINEL = "SENTINEL-FEEDBACK-huolellista-työtä"
GIG_DAY = dt.date(2025, 1, 15)
BENEFIT_SENTINEL = "SENTINEL-BENEFIT-työkyvyttömyyseläke"
DEBT_SENTINEL = "SENTINEL-DEBT-ulosotto"
CORE_SECTIONS = [
    "account", "profile", "skills", "support_needs", "gigs", "feedback", "certificates",
    "tax_info", "payouts", "emails", "access_log",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def coordinator():
    return CoordinatorFactory(first_name="Maija", last_name="Koordinaattori")


@pytest.fixture
def worker(coordinator):
    """A worker with something in every section."""
    worker = WorkerFactory(
        user__first_name="Aino",
        user__last_name="Äyräväinen",
        user__email="aino.ayravainen@example.org",
        user__phone="040 123 4567",
        support_needs=SUPPORT_SENTINEL,
        interests_note=INTEREST_SENTINEL,
    )
    worker.skills.add(TaskTypeFactory(code="sentinel-skill", name_fi="Lumityöt", name_en="Snow work"))
    WorkerGroupFactory(unit=worker.home_unit, name="Aamuryhmä").members.add(worker)
    order = OrderFactory(
        terms_accepted=True,
        status=OrderStatus.APPROVED,
        contract_type=ContractType.COMMISSION,
        contact__organisation__name="Vallilan Kahvila Oy",
    )
    done = AssignmentFactory(
        gig=GigFactory(order=order, date=GIG_DAY),
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal("3"),
        approved_hours=Decimal("3"),
    )
    Feedback.objects.create(assignment=done, rating=5, text=FEEDBACK_SENTINEL, source=FeedbackSource.COORDINATOR)
    declined = AssignmentFactory(worker=worker, status=AssignmentStatus.DECLINED)
    AssignmentStatusChange.objects.create(
        assignment=declined, from_status="offered", to_status="declined", by=worker.user, note=DECLINE_SENTINEL
    )
    WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("17.5"), valid_for_year=2025)
    payout_in_run(worker, by=coordinator, cutoff_date=GIG_DAY)
    certificate_issue(worker_id=worker.pk, by=coordinator)
    log_access(coordinator, worker, "support_needs", reason="Planning the gig")
    OutboundEmail.objects.create(code="gig_offered", to=worker.user.email, subject="Sinulle on keikka", body_text="x")
    ReceivedBenefit.objects.create(
        worker=worker, benefit=Benefit.DISABILITY_PENSION, note=BENEFIT_SENTINEL, recorded_by=coordinator
    )
    BenefitNotes.objects.create(worker=worker, text=DEBT_SENTINEL, updated_by=coordinator)
    Clarification.objects.create(
        worker=worker,
        kind=ClarificationKind.DEBT,
        done_on=GIG_DAY,
        done_by=coordinator,
        with_actor=Actor.SOCIAL_CREDIT,
        notes=DEBT_SENTINEL,
    )
    Consent.objects.create(
        worker=worker,
        actors=[Actor.UNIT, Actor.KELA],
        data=[ConsentData.BENEFITS],
        given_on=GIG_DAY,
        recorded_by=coordinator,
    )
    return worker


def _json(response) -> dict:
    return json.loads(b"".join(response.streaming_content) if response.streaming else response.content)


def _section(export: dict, key: str) -> dict:
    return next(s for s in export["sections"] if s["key"] == key)


def pdf_text(content: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:  # pragma: no cover - poppler-utils is in the image
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "export.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


# --- The content ----------------------------------------------------------------------------------
def test_build_worker_export__every_section_holds_the_workers_data(worker):
    export = build_worker_export(worker=worker, include_special=True)
    text = export_json(export).decode()

    assert export["format"] == "jobcenter-worker-export/1"
    assert export["worker_id"] == worker.pk
    keys = [s["key"] for s in export["sections"]]
    assert [k for k in keys if k in CORE_SECTIONS] == CORE_SECTIONS
    account = _section(export, "account")["data"]
    assert account["email"] == "aino.ayravainen@example.org"
    assert account["phone"] == "040 123 4567"
    profile = _section(export, "profile")["data"]
    assert profile["home_unit"] == worker.home_unit.name
    assert profile["groups"] == ["Aamuryhmä"]
    assert profile["interests_note"] == INTEREST_SENTINEL
    assert "Lumityöt" in _section(export, "skills")["data"]["skills"]
    assert _section(export, "support_needs")["data"] == {"support_needs": SUPPORT_SENTINEL}
    gigs = _section(export, "gigs")["data"]
    assert [g["date"] for g in gigs][0] == GIG_DAY
    assert gigs[0]["client"] == "Vallilan Kahvila Oy" and gigs[0]["approved_hours"] == Decimal("3.00")
    assert DECLINE_SENTINEL in text
    feedback = _section(export, "feedback")["data"]
    assert feedback[0]["rating"] == 5 and feedback[0]["text"] == FEEDBACK_SENTINEL
    certificates = _section(export, "certificates")["data"]
    assert len(certificates) == 1 and certificates[0]["total_hours"] == Decimal("3.00")
    assert _section(export, "tax_info")["data"]["withholding_percent"] == Decimal("17.50")
    payout = _section(export, "payouts")["data"][0]
    assert payout["hours"] == Decimal("3.00") and payout["net"] == payout["gross"] - payout["tax_withheld"]
    assert len(payout["lines"]) == 1
    assert _section(export, "emails")["data"][0]["subject"] == "Sinulle on keikka"
    benefits = _section(export, "benefits")["data"]
    assert benefits["received"][0]["note"] == BENEFIT_SENTINEL and benefits["notes"] == DEBT_SENTINEL
    assert _section(export, "clarifications")["data"][0]["notes"] == DEBT_SENTINEL
    consent = _section(export, "consents")["data"][0]
    assert consent["given_on"] == GIG_DAY and len(consent["actors"]) == 2
    log = _section(export, "access_log")["data"]
    assert [row["reason"] for row in log if row["viewed_by"] == "Maija Koordinaattori"][:1] == ["Planning the gig"]
    # Machine-readable: plain JSON with dates, times and money as strings.
    assert json.loads(text)["sections"][0]["key"] == "account"
    assert '"approved_hours": "3.00"' in text


def test_build_worker_export__special_categories_left_out_with_a_reason(worker):
    export = build_worker_export(worker=worker, include_special=False)
    text = export_json(export).decode()

    support = _section(export, "support_needs")
    assert support["withheld"] is True and "data" not in support
    assert SUPPORT_SENTINEL not in text
    for key in ("benefits", "clarifications", "consents"):
        assert _section(export, key)["withheld"] is True
    assert BENEFIT_SENTINEL not in text and DEBT_SENTINEL not in text
    assert "vahva" in support["reason"].lower() or "strong" in support["reason"].lower()
    assert export["special_categories_included"] is False
    assert FEEDBACK_SENTINEL in text  # the rest is all there


def test_build_worker_export__titles_in_the_workers_language(worker):
    worker.user.language = "sv"
    worker.user.save()
    export = build_worker_export(worker=worker, include_special=True)
    assert export["language"] == "sv"
    assert _section(export, "gigs")["title"] != "Your gigs and hours"


def test_register_section__a_new_area_adds_its_data_in_a_few_lines(worker):
    @register_section("sentinel_area", "Sentinel area", special_category=True, order=99)
    def _collect(w):
        return [{"note": f"worker {w.pk}"}]

    try:
        full = build_worker_export(worker=worker, include_special=True)
        limited = build_worker_export(worker=worker, include_special=False)
    finally:
        privacy.SECTIONS.pop("sentinel_area")
    assert _section(full, "sentinel_area")["data"] == [{"note": f"worker {worker.pk}"}]
    assert _section(limited, "sentinel_area")["withheld"] is True
    assert [s["key"] for s in full["sections"]][-2:] == ["sentinel_area", "access_log"]


def test_build_worker_export__query_count_does_not_grow_with_gigs(worker, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as few:
        build_worker_export(worker=worker, include_special=True)
    baseline = len(few.captured_queries)
    for _ in range(5):
        assignment = AssignmentFactory(worker=worker, status=AssignmentStatus.DECLINED)
        AssignmentStatusChange.objects.create(assignment=assignment, from_status="offered", to_status="declined")
    with django_assert_max_num_queries(baseline):
        build_worker_export(worker=worker, include_special=True)


# --- The worker's own downloads -------------------------------------------------------------------
def test_my_data_page__plain_finnish_with_both_downloads_and_a_note_of_what_is_left_out(client, worker):
    client.force_login(worker.user)
    response = client.get(reverse("workers:my-data"))
    assert response.status_code == 200
    text = response.content.decode()
    assert reverse("workers:my-data-pdf") in text and reverse("workers:my-data-json") in text
    assert 'id="my-data-left-out"' in text
    assert "no-store" in response["Cache-Control"]
    assert not AccessLogEntry.objects.filter(worker=worker, data="data_export").exists()  # the page shows no data
    assert reverse("workers:my-data") in client.get(reverse("workers:my-gigs")).content.decode()


def test_my_data_page__a_strong_session_gets_no_left_out_note(client, worker):
    client.force_login(worker.user)
    mark_session_mfa(client, worker.user)
    response = client.get(reverse("workers:my-data"))
    assert 'id="my-data-left-out"' not in response.content.decode()


def test_my_data_json__attachment_not_cached_not_sniffed_and_logged_once(client, worker):
    client.force_login(worker.user)
    before = AccessLogEntry.objects.filter(worker=worker).count()

    response = client.get(reverse("workers:my-data-json"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"omat-tiedot-{worker.pk}-" in response["Content-Disposition"]
    assert "Äyräväinen" not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    export = _json(response)
    assert _section(export, "account")["data"]["email"] == "aino.ayravainen@example.org"
    # An emailed-code session: the support needs are left out.
    assert SUPPORT_SENTINEL not in response.content.decode()
    rows = AccessLogEntry.objects.filter(worker=worker).order_by("-pk")
    assert rows.count() == before + 1
    row = rows.first()
    assert (row.user, row.data, row.action) == (worker.user, "data_export", "export")
    assert row.reason.startswith("json") and "left out" in row.reason


def test_my_data_json__a_strong_session_gets_the_special_categories(client, worker):
    client.force_login(worker.user)
    mark_session_mfa(client, worker.user)
    response = client.get(reverse("workers:my-data-json"))
    assert _section(_json(response), "support_needs")["data"]["support_needs"] == SUPPORT_SENTINEL


@pytest.mark.slow
def test_my_data_pdf__readable_pdf_with_the_data_in_finnish(client, worker, tmp_path):
    client.force_login(worker.user)
    response = client.get(reverse("workers:my-data-pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;") and ".pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    assert "Aino" in text and "Vallilan Kahvila Oy" in text
    assert "SENTINEL-FEEDBACK" in text
    assert "SENTINEL-SUPPORT" not in text
    assert "Tukitarpeesi" in text or "tuki" in text.lower()
    row = AccessLogEntry.objects.filter(worker=worker, data="data_export").get()
    assert row.reason.startswith("pdf")


def test_my_data__only_workers(client, coordinator):
    response = client.get(reverse("workers:my-data-json"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(UnitStaffFactory())
    assert client.get(reverse("workers:my-data-json")).status_code == 403


# --- The coordinator's downloads ------------------------------------------------------------------
def test_coordinator_export__everything_and_logged_as_the_coordinator(client, worker, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("worker_certificates:worker-export-json", args=[worker.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _section(_json(response), "support_needs")["data"]["support_needs"] == SUPPORT_SENTINEL
    row = AccessLogEntry.objects.filter(worker=worker, data="data_export").get()
    assert row.user == coordinator and row.action == "export" and "included" in row.reason
    page = client.get(reverse("worker_certificates:worker", args=[worker.pk])).content.decode()
    assert reverse("worker_certificates:worker-export-pdf", args=[worker.pk]) in page


@pytest.mark.slow
def test_coordinator_export_pdf(client, worker, coordinator, tmp_path):
    client.force_login(coordinator)
    response = client.get(reverse("worker_certificates:worker-export-pdf", args=[worker.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "SENTINEL-SUPPORT" in pdf_text(response.content, tmp_path)


def test_coordinator_export__others_get_nothing_and_nothing_is_logged(client, worker):
    url = reverse("worker_certificates:worker-export-json", args=[worker.pk])
    other_worker = WorkerFactory()
    unit_staff = UnitStaffFactory()
    for user in (other_worker.user, unit_staff, worker.user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in {403, 404}, user
        assert SUPPORT_SENTINEL.encode() not in response.content
    assert not AccessLogEntry.objects.filter(data="data_export").exists()


def test_coordinator_export__unknown_worker_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("worker_certificates:worker-export-json", args=[999999])).status_code == 404


def test_export_timestamps_are_aware(worker):
    export = build_worker_export(worker=worker, include_special=True)
    assert timezone.is_aware(export["generated_at"])
