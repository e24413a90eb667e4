"""Rules health: a benefit a worker receives whose rules run out within three months is named, with
the first day missing, to coordinators on their pages and to administrators in the admin."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from benefits.models import Benefit, BenefitRule
from benefits.selectors.rules_health import add_months, rule_gaps, rule_gaps_cached
from tests.factories.accounts import AdministratorFactory, CoordinatorFactory
from tests.factories.benefits import ReceivedBenefitFactory
from tests.factories.workers import WorkerFactory
from tests.support.pages import visible

pytestmark = pytest.mark.django_db

NOV_2026 = "2026-11-15 10:00:00"  # the 2026 limit ends 31.12.2026, three months reach 15.2.2027
SENTENCE = "Disability pension: no figure for “Earnings limit” is entered from 1.1.2027."


def test_add_months__keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


@freeze_time(NOV_2026)
def test_a_received_benefit_whose_limit_runs_out_is_a_gap_from_its_first_missing_day():
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION)
    ReceivedBenefitFactory(benefit=Benefit.UNEMPLOYMENT_BENEFIT)  # its rules hold with no end

    with CaptureQueriesContext(connection) as queries:
        gaps = rule_gaps(today=dt.date(2026, 11, 15))

    with translation.override("en"):
        assert [(g.benefit, g.label, g.missing_from, g.kind_label) for g in gaps] == [
            (Benefit.DISABILITY_PENSION, "Disability pension", dt.date(2027, 1, 1), "Earnings limit")
        ]
    with translation.override("fi"):
        assert (gaps[0].label, gaps[0].kind_label) == ("Työkyvyttömyyseläke", "Tuloraja")
    assert len(queries) == 2


@freeze_time(NOV_2026)
def test_the_coordinators_pages_read_the_rules_health_from_the_cache_until_a_rule_changes():
    from benefits.models import BenefitRule, RuleKind

    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION)
    assert rule_gaps_cached(today=dt.date(2026, 11, 15))[0].missing_from == dt.date(2027, 1, 1)
    with CaptureQueriesContext(connection) as queries:
        rule_gaps_cached(today=dt.date(2026, 11, 15))
    assert len(queries) == 0

    BenefitRule.objects.create(
        benefit=Benefit.DISABILITY_PENSION,
        kind=RuleKind.EARNINGS_LIMIT,
        period="month",
        amount="1000.00",
        valid_from=dt.date(2027, 1, 1),
        source="test",
    )
    assert rule_gaps_cached(today=dt.date(2026, 11, 15)) == []


@freeze_time("2026-06-15 10:00:00")
def test_a_shortened_row_is_found_and_the_same_two_queries_with_many_workers():
    BenefitRule.objects.filter(benefit=Benefit.DISABILITY_PENSION, valid_from=dt.date(2026, 1, 1)).update(
        valid_to=dt.date(2026, 7, 31)
    )
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION)
    assert [g.missing_from for g in rule_gaps(today=dt.date(2026, 6, 15))] == [dt.date(2026, 8, 1)]

    for _ in range(5):
        ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION, worker=WorkerFactory())
    with CaptureQueriesContext(connection) as queries:
        rule_gaps(today=dt.date(2026, 6, 15))
    assert len(queries) == 2


@freeze_time("2026-06-15 10:00:00")
def test_no_gap_no_rule_today_and_benefits_nobody_receives():
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION)
    assert rule_gaps(today=dt.date(2026, 6, 15)) == []  # covered until 31.12.2026

    BenefitRule.objects.filter(benefit=Benefit.DISABILITY_PENSION).delete()
    (gap,) = rule_gaps(today=dt.date(2026, 6, 15))
    assert (gap.missing_from, gap.kind_label) == (dt.date(2026, 6, 15), "")


@freeze_time(NOV_2026)
def test_a_benefit_that_ended_or_starts_later_than_three_months_is_not_checked():
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION, ended_on=dt.date(2026, 10, 31))
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION, worker=WorkerFactory(), started_on=dt.date(2027, 3, 1))
    assert rule_gaps(today=dt.date(2026, 11, 15)) == []
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION, worker=WorkerFactory(), started_on=dt.date(2027, 2, 1))
    assert len(rule_gaps(today=dt.date(2026, 11, 15))) == 1


@freeze_time(NOV_2026)
@pytest.mark.parametrize("page", ["coordinator:dashboard", "billing:invoice-list"])
def test_the_coordinator_pages_name_the_benefit_and_the_date(client, page):
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION)
    client.force_login(CoordinatorFactory(language="en"))

    with translation.override("en"):
        text = visible(client.get(reverse(page)))

    assert SENTENCE in text
    assert "Ask an administrator to add it in the rules." in text  # a coordinator has no admin access


@freeze_time("2026-06-15 10:00:00")
def test_no_warning_when_the_rules_are_complete(client):
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION)
    client.force_login(CoordinatorFactory(language="en"))

    with translation.override("en"):
        text = visible(client.get(reverse("coordinator:dashboard")))

    assert "is entered from" not in text


@freeze_time(NOV_2026)
def test_the_admin_index_and_the_rules_list_show_it_to_a_superuser_with_a_link_to_the_rules(client):
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION)
    client.force_login(AdministratorFactory(language="en"))

    with translation.override("en"):
        rules_url = reverse("admin:benefits_benefitrule_changelist")
        index = client.get(reverse("admin:index"))
        changelist = client.get(rules_url)

    for response in (index, changelist):
        assert response.status_code == 200
        assert SENTENCE in visible(response)
        assert f'href="{rules_url}?benefit__exact=disability_pension"' in response.content.decode()
    assert "not confirmed" in visible(changelist)  # the 2025 and 2026 limits


@freeze_time("2026-06-15 10:00:00")
def test_the_admin_index_shows_nothing_when_the_rules_are_complete(client):
    ReceivedBenefitFactory(benefit=Benefit.DISABILITY_PENSION)
    client.force_login(AdministratorFactory(language="en"))

    with translation.override("en"):
        text = visible(client.get(reverse("admin:index")))

    assert "is entered from" not in text
