"""The foresight in words: every figure names its benefit and its period, the day the money comes
says into which period it counts, a benefit reduced by each euro says what the worker keeps, a
housing allowance says what to report and to whom, and a missing rule is "being updated".

The checks are built here by hand (they are plain frozen data); the pages are read through the
Django client in a strong session, as the worker sees them."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from benefits.foresight import Foresight, LimitCheck, Status, period_bounds
from benefits.models import BenefitRule
from billing.pricing import RateBook, worker_pay
from orders.models import AssignmentStatus, ContractType
from tests.factories.auth import mark_session_mfa
from tests.factories.benefits import ReceivedBenefitFactory
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory
from tests.factories.workers import WorkerFactory
from tests.support.pages import visible
from web.templatetags.foresight import (
    gig_reduction,
    payment_words,
    staff_effect,
    staff_line,
    worker_sentence,
    worker_sentence_now,
)

D = Decimal
FEB = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def _rule(benefit, kind, period="month", **fields) -> BenefitRule:
    return BenefitRule(benefit=benefit, kind=kind, period=period, **fields)


def _check(rule: BenefitRule | None, *, status, limit=None, approved="0", planned="0", this_gig="30", **fields):
    period = rule.period if rule is not None else "none"
    start, end = fields.pop("bounds", FEB)
    values = {
        "benefit": rule.benefit if rule is not None else fields.pop("benefit"),
        "kind": rule.kind if rule is not None else "",
        "period": period,
        "period_start": start,
        "period_end": end,
        "approved": D(approved),
        "planned": D(planned),
        "this_gig": D(this_gig),
        "limit": D(limit) if limit is not None else None,
        "status": status,
        "reduction": fields.pop("reduction", None),
        "hourly_pay": None,
        "rule": rule,
    }
    values.update(fields)
    return LimitCheck(**values)


def _words(function, value, language="fi") -> str:
    with translation.override(language):
        return str(function(value)).replace("\xa0", " ")


DISABILITY = _rule("disability_pension", "earnings_limit", amount=D("990.90"), report_to="pension_provider")
UNEMPLOYMENT = _rule(
    "unemployment_benefit", "reduction_per_euro", reduction_rate=D("0.50"), report_to="unemployment_fund"
)
PROTECTED = _rule("unemployment_benefit", "protected_earnings", amount=D("300"), reduction_rate=D("0.50"))
HOUSING = _rule("general_housing_allowance", "earned_income_deduction", amount=D("0"), report_to="kela")
PENSIONERS = _rule(
    "pensioners_housing_allowance", "reportable_increase", period="year", amount=D("1018"), report_to="kela"
)


# --- Within the limit --------------------------------------------------------------------------------
def test_within__the_gig_names_the_benefit_the_period_what_is_earned_and_what_is_left():
    check = _check(DISABILITY, status=Status.WITHIN, limit="990.90", approved="480.90")
    assert _words(worker_sentence, check) == (
        "Työkyvyttömyyseläke, helmikuu 2026: ansaitset tällä keikalla 30 euroa; rajaan jää 480 euroa."
    )
    assert _words(worker_sentence, check, "en") == (
        "Disability pension, February 2026: you earn 30 euros with this gig; 480 euros is left under the limit."
    )


def test_within__the_overview_says_what_is_earned_in_the_month_and_what_is_left():
    december = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    check = _check(
        DISABILITY, status=Status.WITHIN, limit="990.90", approved="100", planned="20", this_gig="0", bounds=december
    )
    assert _words(worker_sentence_now, check) == (
        "Työkyvyttömyyseläke, joulukuu 2026: tuloiksesi lasketaan 120 euroa; rajaan jää 870,90 euroa."
    )
    assert _words(worker_sentence_now, check, "en") == (
        "Disability pension, December 2026: 120 euros counts as your income; 870.90 euros is left under the limit."
    )


def test_within__the_reporting_limit_of_the_pensioners_housing_allowance_is_named_as_such():
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    check = _check(PENSIONERS, status=Status.WITHIN, limit="1018", approved="488", bounds=year)
    text = _words(worker_sentence, check)
    assert text == (
        "Eläkkeensaajan asumistuki, vuosi 2026: ansaitset tällä keikalla 30 euroa; ilmoitusrajaan jää 500 euroa."
    )
    assert "Rajasi on" not in text


# --- When the money comes ----------------------------------------------------------------------------
def _foresight(*checks, day=dt.date(2026, 1, 29), paid_on=dt.date(2026, 2, 13)) -> Foresight:
    return Foresight(
        day=day,
        benefits=tuple(dict.fromkeys(check.benefit for check in checks)),
        checks=checks,
        gig_amount=D("30"),
        gig_paid_on=paid_on,
    )


def test_payment__the_day_the_money_comes_and_the_month_it_counts_in():
    check = _check(DISABILITY, status=Status.WITHIN, limit="990.90", counted_on=dt.date(2026, 2, 13))
    foresight = _foresight(check)
    assert _words(payment_words, foresight) == "Saat rahat perjantaina 13.2. Ne lasketaan helmikuun tuloiksi."
    assert _words(payment_words, foresight, "en") == (
        "You get the money on Friday 13 February. It counts as income for February."
    )


def test_payment__no_sentence_while_the_payment_day_is_not_known():
    check = _check(DISABILITY, status=Status.WITHIN, limit="990.90")
    assert _words(payment_words, _foresight(check, paid_on=None)) == ""
    # Paid "on the day of the work" is what the foresight says when no payment schedule is known.
    assert _words(payment_words, _foresight(check, paid_on=dt.date(2026, 1, 29))) == ""
    assert _words(payment_words, None) == ""


def test_payment__a_four_week_rule_names_its_four_weeks_and_a_yearly_rule_its_year():
    paid_on = dt.date(2026, 2, 13)
    four_weeks = _rule("unemployment_benefit", "reduction_per_euro", period="four_weeks", reduction_rate=D("0.5"))
    weeks = _check(four_weeks, status=Status.REDUCES, bounds=period_bounds("four_weeks", paid_on))
    start, end = period_bounds("four_weeks", paid_on)
    assert _words(payment_words, _foresight(weeks)) == (
        f"Saat rahat perjantaina 13.2. Ne lasketaan neljän viikon {start.day}.{start.month}.–"
        f"{end.day}.{end.month}.{end.year} tuloiksi."
    )
    year = _check(PENSIONERS, status=Status.WITHIN, limit="1018", bounds=period_bounds("year", paid_on))
    assert _words(payment_words, _foresight(year), "en").endswith("It counts as income for the year 2026.")
    # With a monthly rule too, the month is named: the shortest period says most.
    month = _check(DISABILITY, status=Status.WITHIN, limit="990.90")
    assert _words(payment_words, _foresight(year, month)).endswith("Ne lasketaan helmikuun tuloiksi.")


def test_payment__a_gig_at_the_years_end_is_paid_and_counted_in_the_next_year():
    check = _check(DISABILITY, status=Status.WITHIN, limit="990.90")
    foresight = _foresight(check, day=dt.date(2026, 12, 30), paid_on=dt.date(2027, 1, 15))
    assert _words(payment_words, foresight) == (
        "Saat rahat perjantaina 15.1.2027. Ne lasketaan tammikuun 2027 tuloiksi."
    )


def test_payment__a_rule_counting_the_work_day_in_another_month_says_so_for_its_benefit():
    paid = _check(UNEMPLOYMENT, status=Status.REDUCES, reduction=D("15.00"))
    by_work = dataclasses.replace(
        _check(DISABILITY, status=Status.WITHIN, limit="990.90", bounds=(dt.date(2026, 1, 1), dt.date(2026, 1, 31))),
        counts_by="work_date",
        counted_on=dt.date(2026, 1, 29),
    )
    text = _words(payment_words, _foresight(paid, by_work))
    assert text == (
        "Saat rahat perjantaina 13.2. Ne lasketaan helmikuun tuloiksi. "
        "Työkyvyttömyyseläke: työ lasketaan tammikuun tuloiksi."
    )
    # In the same month as the payment nothing more is said.
    same_month = dataclasses.replace(by_work, counted_on=dt.date(2026, 2, 2))
    assert "Työkyvyttömyyseläke" not in _words(payment_words, _foresight(paid, same_month))


# --- Every euro reduces the benefit ------------------------------------------------------------------
def test_reduces__the_gig_says_what_it_pays_what_the_benefit_loses_and_what_the_worker_keeps():
    check = _check(UNEMPLOYMENT, status=Status.REDUCES, limit="0", planned="100", reduction=D("65.00"))
    assert gig_reduction(check) == D("15.00")  # this gig's 30 euros, not the month's 130
    assert _words(worker_sentence, check) == (
        "Työttömyysetuus tai työmarkkinatuki, helmikuu 2026: ansaitset tällä keikalla 30 euroa. "
        "Etuutesi pienenee noin 15 euroa. Jäät 15 euroa voitolle."
    )
    assert _words(worker_sentence, check, "en") == (
        "Unemployment benefit or labour market subsidy, February 2026: you earn 30 euros with this gig. "
        "Your benefit gets about 15 euros smaller. You are 15 euros better off."
    )


def test_reduces__the_gigs_share_is_rounded_half_up_to_cents_as_pay_is():
    check = _check(UNEMPLOYMENT, status=Status.REDUCES, limit="0", this_gig="2.63", reduction=D("1.32"))
    text = _words(worker_sentence, check)
    assert "Etuutesi pienenee noin 1,32 euroa. Jäät 1,31 euroa voitolle." in text


def test_reduces__the_overview_counts_the_months_euros():
    check = _check(UNEMPLOYMENT, status=Status.REDUCES, limit="0", approved="40", this_gig="0", reduction=D("20.00"))
    assert _words(worker_sentence_now, check) == (
        "Työttömyysetuus tai työmarkkinatuki, helmikuu 2026: tuloiksesi lasketaan 40 euroa. "
        "Etuutesi pienenee noin 20 euroa. Jäät 20 euroa voitolle."
    )


# --- Over the limit ----------------------------------------------------------------------------------
def test_over__the_disability_pension_says_what_happens_and_to_talk_first():
    check = _check(DISABILITY, status=Status.OVER, limit="990.90", approved="980")
    assert _words(worker_sentence, check) == (
        "Työkyvyttömyyseläke, helmikuu 2026: ansaitset tällä keikalla 30 euroa. Rajan yli menee 19,10 euroa. "
        "Silloin etuutesi voi katketa joksikin aikaa. Puhu ohjaajasi kanssa ennen kuin otat keikan."
    )
    assert _words(worker_sentence_now, check, "en").endswith("Talk to your instructor.")


def test_over__a_protected_amount_reduces_the_benefit_by_half_of_the_gigs_part_above_it():
    check = _check(PROTECTED, status=Status.OVER, limit="300", approved="280", reduction=D("5.00"))
    assert _words(worker_sentence, check) == (
        "Työttömyysetuus tai työmarkkinatuki, helmikuu 2026: ansaitset tällä keikalla 30 euroa. "
        "Rajan yli menee 10 euroa. Etuutesi pienenee noin 5 euroa. Jäät 25 euroa voitolle. "
        "Puhu ohjaajasi kanssa ennen kuin otat keikan."
    )


# --- No euro estimate: what to report and to whom ----------------------------------------------------
def test_housing_allowance__says_whom_to_tell_and_shows_no_euro_figure():
    check = _check(HOUSING, status=Status.REDUCES, limit="0")
    text = _words(worker_sentence, check)
    assert text == "Yleinen asumistuki: kaikki ansaitsemasi raha lasketaan tuloksi. Kerro työstä Kelalle."
    assert "euro" not in text
    assert _words(worker_sentence_now, check, "en") == (
        "General housing allowance: all the money you earn counts as income. Tell Kela about the work."
    )


def test_housing_allowance__with_a_deadline_says_in_how_many_days():
    with_deadline = _rule("general_housing_allowance", "earned_income_deduction", amount=D("0"), report_to="kela")
    with_deadline.report_within_days = 14
    check = _check(with_deadline, status=Status.REDUCES, limit="0")
    assert _words(worker_sentence, check).endswith("Kerro työstä Kelalle 14 päivän kuluessa.")
    assert _words(worker_sentence, check, "en").endswith("Tell Kela about the work within 14 days.")
    with_deadline.report_within_days = 1
    assert _words(worker_sentence, check, "en").endswith("Tell Kela about the work within 1 day.")


def test_pensioners_housing_allowance__over_the_increase_says_to_report_it_without_a_figure():
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    check = _check(PENSIONERS, status=Status.REPORT, limit="1018", approved="1000", bounds=year)
    text = _words(worker_sentence, check)
    assert text == (
        "Eläkkeensaajan asumistuki, vuosi 2026: tulosi nousevat niin paljon, että siitä pitää ilmoittaa. "
        "Kerro työstä Kelalle."
    )
    assert "euro" not in text


@pytest.mark.parametrize(
    ("report_to", "words"),
    [
        ("pension_provider", "Tell your pension provider about the work."),
        ("unemployment_fund", "Tell the unemployment fund or Kela about the work."),
        ("social_services", "Tell Kela about the work in your application for social assistance."),
        ("", "Tell the payer of the benefit about the work."),
    ],
)
def test_report_sentence__names_the_receiver_of_the_rule(report_to, words):
    rule = _rule("social_assistance", "earned_income_deduction", amount=D("0"), report_to=report_to)
    assert _words(worker_sentence, _check(rule, status=Status.REDUCES, limit="0"), "en").endswith(words)


# --- A rule that is not entered, and commission work -------------------------------------------------
@pytest.mark.parametrize("language", ["fi", "en"])
def test_not_entered__the_figure_is_being_updated_and_nobody_is_sent_to_the_coordinator(language):
    check = _check(
        None,
        benefit="disability_pension",
        status=Status.NOT_ENTERED,
        bounds=(dt.date(2027, 1, 4), dt.date(2027, 1, 4)),
    )
    for function in (worker_sentence, worker_sentence_now, staff_line, staff_effect):
        text = _words(function, check, language).lower()
        assert "koordinaattori" not in text and "coordinator" not in text
        assert ("päivitetään" if language == "fi" else "being updated") in text
        assert "ohjaaja" not in text and "instructor" not in text
    assert _words(worker_sentence, check) == (
        "Työkyvyttömyyseläke: tämän ajan lukua päivitetään. Näet arvion tässä, kun se on valmis."
    )
    assert _words(staff_line, check, "en") == (
        "Disability pension: There is no figure for 4 January 2027 yet. It is being updated."
    )
    # The day of the missing figure is the day the gig counts on (its payment day) when known.
    paid_later = dataclasses.replace(check, counted_on=dt.date(2027, 1, 15))
    assert _words(staff_effect, paid_later) == "Päivälle 15.1.2027 ei ole vielä lukua. Luku päivitetään."


def test_commission_work__keeps_its_meaning_and_names_the_benefit():
    rule = _rule("unemployment_benefit", "commission_self_employment", period="none")
    check = _check(rule, status=Status.SELF_EMPLOYMENT)
    assert _words(worker_sentence, check) == (
        "Työttömyysetuus tai työmarkkinatuki: tämä keikka on toimeksiantotyötä. Sinulle se lasketaan "
        "yrittäjyydeksi. Etuutesi voi katketa joksikin aikaa. Puhu ohjaajasi kanssa ennen kuin otat keikan."
    )
    assert _words(staff_line, check) == (
        "Työttömyysetuus tai työmarkkinatuki: Toimeksiantotyö on yrittäjyyttä: etuus voi katketa selvityksen ajaksi."
    )


# --- Staff ---------------------------------------------------------------------------------------------
def test_staff_line__names_the_benefit_and_the_period_and_the_table_cell_only_the_effect():
    check = _check(UNEMPLOYMENT, status=Status.REDUCES, limit="0", reduction=D("15.00"))
    assert _words(staff_line, check) == (
        "Työttömyysetuus tai työmarkkinatuki · helmikuu 2026: Ei suojaosaa: ansiot pienentävät etuutta. "
        "Noin 15 euroa vähemmän."
    )
    assert _words(staff_effect, check) == "Ei suojaosaa: ansiot pienentävät etuutta. Noin 15 euroa vähemmän."
    housing = _check(HOUSING, status=Status.REDUCES, limit="0")
    assert _words(staff_effect, housing, "en") == "No earned-income deduction: all earnings count as income."
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    below = _check(PENSIONERS, status=Status.WITHIN, limit="1018", approved="488", bounds=year)
    assert _words(staff_line, below, "en") == (
        "Pensioner's housing allowance · year 2026: Below the reporting limit: 500 euros left."
    )


# --- The pages -----------------------------------------------------------------------------------------
def _visible(response) -> str:
    assert response.status_code == 200
    return visible(response)


def _pay(hours: str, day: dt.date) -> Decimal:
    rate = RateBook().worker_hourly_pay(contract_type=ContractType.EMPLOYMENT, day=day)
    return worker_pay(Decimal(hours), rate)


def _fi(amount: Decimal) -> str:
    text = f"{amount:.2f}".replace(".", ",")
    return text[:-3] if text.endswith(",00") else text


@pytest.mark.django_db
@freeze_time("2026-12-03 10:00:00")
def test_my_benefits_page__each_figure_names_its_benefit(client):
    worker = WorkerFactory()
    ReceivedBenefitFactory(worker=worker, benefit="disability_pension")
    ReceivedBenefitFactory(worker=worker, benefit="pensioners_housing_allowance")
    day = dt.date(2026, 12, 1)
    gig = GigFactory(
        date=day, planned_hours=Decimal("4"), order=OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT)
    )
    AssignmentFactory(
        gig=gig,
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal("4"),
        approved_hours=Decimal("4"),
    )
    client.force_login(worker.user)
    mark_session_mfa(client, worker.user)
    text = _visible(client.get(reverse("my_benefits:overview")))
    pay = _pay("4", day)
    assert "Etuudet, joita saat Työkyvyttömyyseläke Eläkkeensaajan asumistuki" in text  # the list stays
    assert "Rahasi: joulukuu 2026" in text
    assert (
        f"Työkyvyttömyyseläke, joulukuu 2026: tuloiksesi lasketaan {_fi(pay)} euroa; "
        f"rajaan jää {_fi(Decimal('990.90') - pay)} euroa."
    ) in text
    assert f"Eläkkeensaajan asumistuki, vuosi 2026: tuloiksesi lasketaan {_fi(pay)} euroa; ilmoitusrajaan jää" in text
    assert "Rajasi on" not in text


def _gig_offer(worker, day: dt.date):
    gig = GigFactory(
        date=day, planned_hours=Decimal("3"), order=OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT)
    )
    return AssignmentFactory(gig=gig, worker=worker, status=AssignmentStatus.OFFERED)


@pytest.mark.django_db
def test_gig_page__the_offer_names_the_benefit_and_the_period(client):
    worker = WorkerFactory()
    ReceivedBenefitFactory(worker=worker, benefit="disability_pension")
    day = dt.date(2026, 2, 2)  # paid on 13.2. by the payment schedule: February either way
    offer = _gig_offer(worker, day)
    client.force_login(worker.user)
    mark_session_mfa(client, worker.user)
    text = _visible(client.get(reverse("workers:gig", args=[offer.pk])))
    pay = _pay("3", day)
    assert (
        f"Työkyvyttömyyseläke, helmikuu 2026: ansaitset tällä keikalla {_fi(pay)} euroa; "
        f"rajaan jää {_fi(Decimal('990.90') - pay)} euroa."
    ) in text
    assert "Emme vielä tiedä" not in text and "koordinaattori" not in text.lower()


@pytest.mark.django_db
def test_gig_page__says_when_the_money_comes_and_where_it_counts(client, monkeypatch):
    from web.me import views

    worker = WorkerFactory()
    ReceivedBenefitFactory(worker=worker, benefit="disability_pension")
    offer = _gig_offer(worker, dt.date(2026, 1, 29))
    real = views.offer_foresight_for

    def with_payment_day(**kwargs):
        # The payment schedule puts the gig of 29.1. in the run of 15.2. (a Sunday: paid on Friday 13.2.).
        found = real(**kwargs)
        checks = tuple(
            dataclasses.replace(c, period_start=dt.date(2026, 2, 1), period_end=dt.date(2026, 2, 28))
            for c in found.checks
        )
        return dataclasses.replace(found, checks=checks, gig_paid_on=dt.date(2026, 2, 13))

    monkeypatch.setattr(views, "offer_foresight_for", with_payment_day)
    client.force_login(worker.user)
    mark_session_mfa(client, worker.user)
    text = _visible(client.get(reverse("workers:gig", args=[offer.pk])))
    assert "Saat rahat perjantaina 13.2. Ne lasketaan helmikuun tuloiksi." in text
    assert "Työkyvyttömyyseläke, helmikuu 2026: ansaitset tällä keikalla" in text


@pytest.mark.django_db
def test_gig_page__a_missing_rule_is_being_updated(client):
    worker = WorkerFactory()
    ReceivedBenefitFactory(worker=worker, benefit="disability_pension")
    offer = _gig_offer(worker, dt.date(2031, 3, 3))  # no disability pension limit is entered for 2031
    client.force_login(worker.user)
    mark_session_mfa(client, worker.user)
    text = _visible(client.get(reverse("workers:gig", args=[offer.pk])))
    assert "Työkyvyttömyyseläke: tämän ajan lukua päivitetään. Näet arvion tässä, kun se on valmis." in text
    assert "Emme vielä tiedä" not in text and "koordinaattori" not in text.lower()
