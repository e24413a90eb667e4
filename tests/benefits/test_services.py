"""Writes of benefits, consents and clarifications: who may, with which consent, and the guard on
commission gigs for workers on unemployment benefit."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from benefits import services
from benefits.models import Actor, ClarificationKind, CommissionWorkExplanation, Consent, ReceivedBenefit
from jobcenter.errors import ActionNotPermitted, DomainError
from orders import services as order_services
from orders.models import AssignmentStatus, ContractType
from tests.factories.accounts import CoordinatorFactory
from tests.factories.benefits import ConsentFactory, ReceivedBenefitFactory
from tests.factories.orders import GigFactory, OrderFactory
from tests.factories.states import assignment_in
from tests.factories.units import UnitStaffFactory
from tests.factories.workers import WorkerFactory
from tests.support.partners import active_contract, employment_order

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 28)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def worker():
    return WorkerFactory()


@pytest.fixture
def staff(worker):
    return UnitStaffFactory(unit=worker.home_unit)


def test_staff_record_a_consent_and_its_scan(worker, staff):
    scan = SimpleUploadedFile("allekirjoitettu.pdf", PDF, content_type="application/pdf")
    consent = services.consent_record(
        worker_id=worker.pk,
        actors=["kela", "unit", "bogus"],
        data=["benefits"],
        given_on=timezone.localdate(),
        valid_until=None,
        by=staff,
        scan=scan,
    )
    consent.refresh_from_db()
    assert consent.actors == ["unit", "kela"]  # in the order of the list, unknown codes dropped
    assert consent.signed_scan_type == "application/pdf"
    # A random storage name: neither the worker's name nor the uploaded file's name.
    assert "allekirjoitettu" not in consent.signed_scan.name and consent.signed_scan.name.startswith("private/")
    assert consent.signed_scan.read() == PDF


def test_staff_of_another_unit_cannot_record_a_consent(worker):
    with pytest.raises(ActionNotPermitted):
        services.consent_record(
            worker_id=worker.pk,
            actors=["unit"],
            data=["benefits"],
            given_on=timezone.localdate(),
            valid_until=None,
            by=UnitStaffFactory(),
        )
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("actors", "data", "days", "message"),
    [
        ([], ["benefits"], 0, "Valitse, ketkä saavat vaihtaa tietoja"),
        (["unit"], [], 0, "Valitse, mitä tietoja suostumus koskee"),
        (["unit"], ["benefits"], 1, "tulevaisuudessa"),
    ],
)
def test_consent_needs_actors_information_and_a_real_date(worker, staff, actors, data, days, message):
    with pytest.raises(DomainError, match=message):
        services.consent_record(
            worker_id=worker.pk,
            actors=actors,
            data=data,
            given_on=timezone.localdate() + dt.timedelta(days=days),
            valid_until=None,
            by=staff,
        )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"just text, not a scan", "form.pdf", "PDF, JPEG tai PNG"),  # the name says PDF, the content does not
        (b"", "empty.png", "tyhjä"),
        (PNG * 100, "big.png", "liian suuri"),
    ],
)
@override_settings(JOBCENTER_UPLOAD_MAX_BYTES=1000)
def test_a_scan_is_checked_by_content_and_size_and_nothing_is_saved_on_refusal(worker, staff, content, name, message):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(DomainError, match=message):
        services.consent_record(
            worker_id=worker.pk,
            actors=["unit"],
            data=["benefits"],
            given_on=timezone.localdate(),
            valid_until=None,
            by=staff,
            scan=upload,
        )
    assert not Consent.objects.exists()


def test_benefits_are_recorded_only_under_a_consent_that_names_the_recorder(worker, staff):
    with pytest.raises(DomainError, match="ei ole voimassa olevaa suostumusta"):
        services.received_benefit_set(worker_id=worker.pk, benefit="disability_pension", by=staff)
    ConsentFactory(worker=worker, actors=["coordinator"])  # the coordinator only, not the unit
    with pytest.raises(DomainError, match="ei ole voimassa olevaa suostumusta"):
        services.received_benefit_set(worker_id=worker.pk, benefit="disability_pension", by=staff)
    ConsentFactory(worker=worker, actors=["unit"])
    services.received_benefit_set(worker_id=worker.pk, benefit="disability_pension", by=staff, payment_period="")
    assert list(worker.received_benefits.values_list("benefit", flat=True)) == ["disability_pension"]


def test_a_withdrawn_consent_stops_the_sharing_from_that_day(worker, staff):
    consent = ConsentFactory(worker=worker)
    services.consent_withdraw(
        consent_id=consent.pk, withdrawn_on=timezone.localdate(), note="Kertoi ohjaajalle", by=staff
    )
    with pytest.raises(DomainError, match="ei ole voimassa olevaa suostumusta"):
        services.received_benefit_set(worker_id=worker.pk, benefit="disability_pension", by=staff)
    with pytest.raises(DomainError, match="on jo peruttu"):
        services.consent_withdraw(consent_id=consent.pk, withdrawn_on=timezone.localdate(), by=staff)


def test_a_clarification_with_kela_needs_a_consent_naming_kela(worker, staff):
    ConsentFactory(worker=worker, actors=["unit", "coordinator"])
    with pytest.raises(DomainError, match="taholle Kela"):
        services.clarification_record(
            worker_id=worker.pk,
            kind=ClarificationKind.BENEFIT,
            done_on=timezone.localdate(),
            with_actor=Actor.KELA,
            by=staff,
        )
    ConsentFactory(worker=worker, actors=["unit", "kela"], data=["benefits"])
    done = services.clarification_record(
        worker_id=worker.pk,
        kind=ClarificationKind.BENEFIT,
        done_on=timezone.localdate(),
        with_actor=Actor.KELA,
        by=staff,
        notes="Etuusselvitys Kelan kanssa.",
    )
    assert done.done_by == staff
    # The consent covers benefits only: a debt clarification with Kela is refused.
    with pytest.raises(DomainError, match="ei ole voimassa olevaa suostumusta"):
        services.clarification_record(
            worker_id=worker.pk,
            kind=ClarificationKind.DEBT,
            done_on=timezone.localdate(),
            with_actor=Actor.KELA,
            by=staff,
        )


# --- Commission work while on unemployment benefit -------------------------------------------------
def _proposed(contract_type, benefit=None):
    if contract_type == ContractType.EMPLOYMENT:
        # The partner model: the worker is on the gig under an active contract with the order's partner.
        order = employment_order()
        worker = WorkerFactory()
        active_contract(worker, order.employer_partner)
        assignment = assignment_in(AssignmentStatus.PROPOSED, gig=GigFactory(order=order), worker=worker)
    else:
        order = OrderFactory(staffing=True, contract_type=contract_type)
        assignment = assignment_in(AssignmentStatus.PROPOSED, gig=GigFactory(order=order))
    if benefit:
        ReceivedBenefitFactory(worker=assignment.worker, benefit=benefit)
    return assignment


def test_a_commission_gig_is_not_offered_to_a_worker_on_unemployment_benefit_without_the_explanation():
    assignment = _proposed(ContractType.COMMISSION, "unemployment_benefit")
    with pytest.raises(DomainError) as refused:
        order_services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    message = refused.value.message
    assert "yrittäjyyttä" in message and "työsopimusta tai kumppanimallia" in message
    assert "työttömyys" not in message  # names no benefit: the coordinator may have no consent
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PROPOSED

    staff = UnitStaffFactory(unit=assignment.worker.home_unit)
    services.commission_explanation_record(assignment_id=assignment.pk, by=staff, note="Haluaa silti.")
    order_services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


@pytest.mark.parametrize(
    ("contract_type", "benefit"),
    [
        (ContractType.EMPLOYMENT, "unemployment_benefit"),
        (ContractType.COMMISSION, "disability_pension"),
        (ContractType.COMMISSION, None),
    ],
)
def test_other_gigs_and_other_benefits_are_offered_as_before(contract_type, benefit):
    assignment = _proposed(contract_type, benefit)
    order_services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_staff_record_the_explanation_with_the_proposal():
    order = OrderFactory(staffing=True, contract_type=ContractType.COMMISSION)
    gig = GigFactory(order=order)
    worker = WorkerFactory()
    order.unit_notices.create(unit=worker.home_unit, informed_by=CoordinatorFactory())
    ReceivedBenefitFactory(worker=worker, benefit="unemployment_benefit")
    staff = UnitStaffFactory(unit=worker.home_unit)
    assignment = order_services.assignment_propose(
        gig_id=gig.pk, worker_id=worker.pk, by=staff, support="phone", commission_explained=True
    )
    explanation = CommissionWorkExplanation.objects.get(assignment=assignment)
    assert explanation.explained_by == staff
    order_services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())


def test_an_ended_benefit_does_not_block(worker):
    assignment = _proposed(ContractType.COMMISSION)
    ReceivedBenefit.objects.create(
        worker=assignment.worker,
        benefit="unemployment_benefit",
        ended_on=assignment.gig.date - dt.timedelta(days=1),
        recorded_by=CoordinatorFactory(),
    )
    order_services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED
