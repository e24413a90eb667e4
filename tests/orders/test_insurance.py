"""Insurance as dated data: the seeded policies, which row covers a gig on its date, the guard that
refuses an offer or an acceptance of a gig no insurance covers, and the coordinator's warning."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobcenter.errors import DomainError
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import AssignmentStatus, ContractType, InsuranceCover, InsurancePolicy, OrderStatus
from orders.selectors.insurance import insurance_gaps, policy_covering, policy_for_gig
from tests.factories import CoordinatorFactory, GigFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.support.partners import active_contract, employer_partner, employment_order

pytestmark = pytest.mark.django_db

START = dt.date(2020, 1, 1)
SEED = importlib.import_module("orders.migrations.0018_insurance_policies")


def _commission_policy() -> InsurancePolicy:
    return InsurancePolicy.objects.get(contract_type=ContractType.COMMISSION, partner=None)


def _end_commission_cover(last_day: dt.date) -> None:
    policy = _commission_policy()
    policy.valid_to = last_day
    policy.save()


def _commission_proposal(day: dt.date):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=day)
    return assignment_in(AssignmentStatus.PROPOSED, gig=gig)


# --- The seeded rows ------------------------------------------------------------------------------
def test_seed__covers_commission_and_employment_from_the_pilot_start_open_ended():
    commission = _commission_policy()
    statutory = InsurancePolicy.objects.get(contract_type=ContractType.EMPLOYMENT, partner=None)

    assert (commission.cover, commission.valid_from, commission.valid_to) == (InsuranceCover.POLICY, START, None)
    assert commission.insurer == "to be filled in"  # no source names the insurer: nothing is invented
    assert commission.policy_holder.startswith("Helsingin kaupunki")
    assert commission.name_fi == "Helsingin kaupungin toimeksiantotyön tapaturmavakuutus"
    assert commission.name_sv and commission.name_en
    assert (statutory.cover, statutory.valid_from, statutory.valid_to) == (
        InsuranceCover.EMPLOYER_STATUTORY,
        START,
        None,
    )
    assert "459/2015" in statutory.source
    for row in (commission, statutory):
        row.full_clean()  # the seeded rows are valid as the admin would save them
    assert {c for c, _ in ContractType.choices} == set(
        InsurancePolicy.objects.valid_on(timezone.localdate()).values_list("contract_type", flat=True)
    )


def test_seed__is_idempotent():
    before = InsurancePolicy.objects.count()
    SEED.seed(apps, None)
    assert InsurancePolicy.objects.count() == before == 2


# --- Which row covers a day -----------------------------------------------------------------------
def test_policy_covering__commission_from_the_start_day_not_before():
    assert policy_covering(ContractType.COMMISSION, START) == _commission_policy()
    assert policy_covering(ContractType.COMMISSION, START - dt.timedelta(days=1)) is None


def test_policy_covering__valid_to_is_the_last_covered_day():
    last = timezone.localdate() + dt.timedelta(days=10)
    _end_commission_cover(last)

    assert policy_covering(ContractType.COMMISSION, last) is not None
    assert policy_covering(ContractType.COMMISSION, last + dt.timedelta(days=1)) is None


def test_policy_covering__a_next_row_takes_over_the_day_after():
    last = timezone.localdate() + dt.timedelta(days=10)
    _end_commission_cover(last)
    new = InsurancePolicy.objects.create(
        contract_type=ContractType.COMMISSION,
        name="Uusi vakuutus",
        insurer="Vakuutusyhtiö Oy",
        policy_holder="Helsingin kaupunki",
        valid_from=last + dt.timedelta(days=1),
        source="policy document",
    )
    assert policy_covering(ContractType.COMMISSION, last + dt.timedelta(days=1)) == new


def test_policy_covering__employment_needs_a_partner_and_prefers_the_partners_own_row():
    partner = employer_partner()
    rule = InsurancePolicy.objects.get(contract_type=ContractType.EMPLOYMENT, partner=None)
    today = timezone.localdate()

    assert policy_covering(ContractType.EMPLOYMENT, today, partner) == rule
    assert policy_covering(ContractType.EMPLOYMENT, today) is None  # no employer: nobody's statutory cover

    own = InsurancePolicy.objects.create(
        contract_type=ContractType.EMPLOYMENT,
        partner=partner,
        name="Väylän tapaturmavakuutus",
        insurer="Vakuutusyhtiö Oy",
        policy_holder=partner.name,
        valid_from=START,
        source="partner's policy",
    )
    assert policy_covering(ContractType.EMPLOYMENT, today, partner.pk) == own
    assert policy_covering(ContractType.EMPLOYMENT, today, employer_partner(name="Toinen ry")) == rule


def test_policy_for_gig__an_employment_gig_is_covered_through_its_partner():
    order = employment_order()
    gig = GigFactory(order=order)
    assert policy_for_gig(gig).cover == InsuranceCover.EMPLOYER_STATUTORY


# --- The rows' own rules --------------------------------------------------------------------------
def test_clean__refuses_an_overlapping_row_for_the_same_contract():
    overlapping = InsurancePolicy(
        contract_type=ContractType.COMMISSION,
        name="Toinen",
        insurer="X",
        policy_holder="Y",
        valid_from=dt.date(2024, 1, 1),
        source="s",
    )
    with pytest.raises(ValidationError, match="jo voimassa"):
        overlapping.full_clean()


def test_clean__the_statutory_rule_is_for_employment_and_every_partner():
    row = InsurancePolicy(
        contract_type=ContractType.COMMISSION,
        cover=InsuranceCover.EMPLOYER_STATUTORY,
        name="x",
        valid_from=dt.date(2030, 1, 1),
        source="s",
    )
    with pytest.raises(ValidationError) as err:
        row.full_clean()
    assert "cover" in err.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        InsurancePolicy.objects.create(
            contract_type=ContractType.EMPLOYMENT,
            cover=InsuranceCover.EMPLOYER_STATUTORY,
            partner=employer_partner(),
            name="x",
            valid_from=dt.date(2030, 1, 1),
            source="s",
        )


def test_clean__a_named_policy_needs_its_insurer_and_holder():
    row = InsurancePolicy(contract_type=ContractType.COMMISSION, name="x", valid_from=dt.date(2030, 1, 1), source="s")
    with pytest.raises(ValidationError) as err:
        row.full_clean()
    assert {"insurer", "policy_holder"} <= set(err.value.message_dict)


# --- The guard: offer and acceptance --------------------------------------------------------------
def test_offer__of_a_gig_no_insurance_covers_is_refused_with_the_day_and_the_contract():
    day = timezone.localdate() + dt.timedelta(days=7)
    _end_commission_cover(day - dt.timedelta(days=1))
    assignment = _commission_proposal(day)

    with pytest.raises(DomainError) as err:
        services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())

    assert err.value.message == (
        f"Keikkaa {day.day}.{day.month}. ei voi tarjota: mikään vakuutus ei kata toimeksiantotyötä "
        "sinä päivänä. Ilmoita ylläpidolle."
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PROPOSED
    assert not OutboundEmail.objects.exists()


def test_offer__on_the_last_covered_day_goes_through():
    day = timezone.localdate() + dt.timedelta(days=7)
    _end_commission_cover(day)
    assignment = _commission_proposal(day)

    services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_offer__of_an_employment_gig_is_covered_by_the_partners_statutory_insurance():
    partner = employer_partner()
    order = employment_order(partner)
    gig = GigFactory(order=order)
    assignment = assignment_in(AssignmentStatus.PROPOSED, gig=gig)
    active_contract(assignment.worker, partner)

    services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED

    InsurancePolicy.objects.filter(contract_type=ContractType.EMPLOYMENT).delete()
    other = assignment_in(AssignmentStatus.PROPOSED, gig=GigFactory(order=order))
    active_contract(other.worker, partner)
    with pytest.raises(DomainError, match="työsuhteessa tehtävää työtä"):
        services.assignment_offer(assignment_id=other.pk, by=CoordinatorFactory())


def test_accept__by_the_worker_is_refused_in_plain_words_when_the_cover_ended_after_the_offer():
    day = timezone.localdate() + dt.timedelta(days=7)
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=day)
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    _end_commission_cover(day - dt.timedelta(days=1))

    with pytest.raises(DomainError) as err:
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)

    assert err.value.message == "Et voi vielä ottaa tätä keikkaa. Keikalla ei ole vakuutusta. Ohjaajasi auttaa sinua."
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_accept__by_staff_on_the_workers_behalf_gets_the_staff_sentence():
    day = timezone.localdate() + dt.timedelta(days=7)
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=day)
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    _end_commission_cover(day - dt.timedelta(days=1))

    with pytest.raises(DomainError, match=r"ei voi ottaa vastaan: mikään vakuutus ei kata toimeksiantotyötä"):
        services.assignment_accept(assignment_id=assignment.pk, by=UnitStaffFactory(unit=assignment.unit))


def test_propose__is_not_refused_for_a_gig_without_insurance(informed_gig):
    """A proposal promises the worker nothing; the unit prepares while the policy is filled in."""
    _end_commission_cover(informed_gig.date - dt.timedelta(days=1))
    unit = informed_gig.order.informed_units.get()
    staff, worker = UnitStaffFactory(unit=unit), WorkerFactory(home_unit=unit)

    proposed = services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="phone")

    assert proposed.status == AssignmentStatus.PROPOSED


# --- Days ahead with no insurance -----------------------------------------------------------------
def test_gaps__none_while_the_seeded_rows_hold():
    GigFactory(order=order_in(OrderStatus.STAFFING))
    GigFactory(order=employment_order())
    assert insurance_gaps() == []


def test_gaps__a_contract_in_use_whose_cover_ends_within_three_months():
    today = timezone.localdate()
    GigFactory(order=order_in(OrderStatus.STAFFING), date=today + dt.timedelta(days=40))
    _end_commission_cover(today + dt.timedelta(days=20))

    gaps = insurance_gaps(today=today)

    assert [(g.contract_type, g.missing_from) for g in gaps] == [
        (ContractType.COMMISSION, today + dt.timedelta(days=21))
    ]


def test_gaps__a_contract_not_in_use_is_no_gap():
    today = timezone.localdate()
    _end_commission_cover(today + dt.timedelta(days=20))
    assert insurance_gaps(today=today) == []


def test_gaps__an_employment_partner_with_no_cover_is_named():
    partner = employer_partner(name="Väylä ry")
    GigFactory(order=employment_order(partner))
    InsurancePolicy.objects.filter(contract_type=ContractType.EMPLOYMENT).delete()

    gaps = insurance_gaps()

    assert [(g.contract_type, g.partner_name) for g in gaps] == [(ContractType.EMPLOYMENT, "Väylä ry")]
