"""Small groups are never identifiable: no row under 5 people shows, and subtracting the shown rows
from a shown total (or from a shown service's row) never gives back exactly one hidden row."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from billing.results.figures import GroupFigures
from billing.results.suppression import SMALLEST_GROUP, suppress_breakdown, suppress_group, suppress_nested


def group(key: str, people: int, hours: int | None = None) -> GroupFigures:
    hours = Decimal(hours if hours is not None else people * 7)
    return GroupFigures(key, key, people, hours, hours * 12, people * 2, people, False)


def test_a_group_of_fewer_than_5_shows_nothing():
    [row] = suppress_breakdown([group("a", 4)], parent_shown=False)
    assert row.suppressed and row.people is row.hours is row.earnings is row.gigs is row.clients is None
    assert not suppress_group(group("t", SMALLEST_GROUP)).suppressed
    assert suppress_group(group("t", SMALLEST_GROUP - 1)).suppressed


def test_one_hidden_group_takes_the_next_smallest_with_it():
    rows = suppress_breakdown([group("a", 3), group("b", 12), group("c", 6), group("d", 30)])
    assert [r.key for r in rows if r.suppressed] == ["a", "c"]


def test_a_hidden_total_hides_its_rows():
    rows = suppress_breakdown([group("a", 2), group("b", 2)], parent_shown=False)
    assert all(r.suppressed for r in rows)


def _hidden_count(rows):
    return sum(r.suppressed for r in rows)


@pytest.mark.parametrize("seed", range(300))
def test_subtraction_never_reveals_a_single_hidden_group(seed):
    """Property: for random breakdowns, every shown parent hides zero or at least two children, so
    parent minus shown children is never one hidden child's figure; no shown row is small."""
    rnd = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    services = ["s1", "s2", "s3"][: rnd.randint(1, 3)]
    units = [
        (f"u{i}", rnd.choice(services), rnd.choice([1, 2, 3, 4, 5, 6, 8, 12, 20])) for i in range(rnd.randint(1, 7))
    ]
    service_rows = [group(s, sum(p for _, ps, p in units if ps == s)) for s in services]
    service_rows = [r for r in service_rows if r.people]
    total = suppress_group(group("total", sum(p for *_, p in units)))
    parent = {key: s for key, s, _ in units}
    shown_services, unit_rows = suppress_nested(
        [group(k, p) for k, _, p in units], service_rows, lambda g: parent[g.key], total_shown=not total.suppressed
    )

    for rows in (shown_services, unit_rows):
        assert all(r.people >= SMALLEST_GROUP for r in rows if not r.suppressed)
        if not total.suppressed:
            assert _hidden_count(rows) != 1
    for service in shown_services:
        if not service.suppressed:
            children = [r for r in unit_rows if parent[r.key] == service.key]
            assert _hidden_count(children) != 1
            # And the difference the reader can compute equals the hidden children's sum only.
            hidden_hours = service.hours - sum(r.hours for r in children if not r.suppressed)
            assert hidden_hours == sum(
                group(k, p).hours
                for k, s, p in units
                if s == service.key and k in {r.key for r in children if r.suppressed}
            )
