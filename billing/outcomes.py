"""The outcomes report: where workers went next (steps of outcome kinds started in a period), by kind
and by home unit, with the small-group rule.

A group of fewer than 5 people is shown hidden (the one `HIDDEN_LABEL`), and so is, in every line
(a kind's row, a unit's column, the totals), one more group whenever a single hidden one could
otherwise be worked out by subtracting the shown groups from the line's total (complementary
suppression). The raw counts come from `workers.selectors_paths`; nothing here shows a count
without passing the rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from billing.results.suppression import HIDDEN_LABEL
from workers.models_paths import PathStepKind
from workers.selectors_paths import outcome_counts, outcome_people_per_unit, outcome_people_total

SMALL_GROUP = 5
# One text for every hidden group, small or hidden to protect a small one: two texts would tell which
# is which, and with the totals that can give a small group's number away (6 = "≥ 5" + "< 5" is 5 + 1).
# The same text as the results report's, defined once there.
FEWER_THAN = HIDDEN_LABEL
TOTAL = "total"


@dataclass
class Cell:
    people: int
    hidden: bool = False

    @property
    def shown(self):
        return FEWER_THAN if self.hidden else self.people


def _protect_line(cells: list[Cell], total: Cell) -> bool:
    """One line (its cells and its total, which the cells add up to): when exactly one member is
    hidden, the shown ones would give it away, so hide one more (the smallest group with people,
    else an empty group, else the total). True when something was hidden."""
    if sum(1 for c in [*cells, total] if c.hidden) != 1:
        return False
    candidates = sorted((c for c in cells if not c.hidden and c.people), key=lambda c: c.people)
    candidates = candidates or [c for c in cells if not c.hidden]
    if candidates:
        candidates[0].hidden = True
        return True
    if not total.hidden:
        total.hidden = True
        return True
    return False


def suppress(rows: dict, row_totals: dict, column_totals: dict, total: Cell) -> None:
    """Hide small groups in place: `rows[r][c]` cells, `row_totals[r]`, `column_totals[c]`, `total`."""
    everything = [c for row in rows.values() for c in row.values()]
    for cell in [*everything, *row_totals.values(), *column_totals.values(), total]:
        if 0 < cell.people < SMALL_GROUP:
            cell.hidden = True
    columns = list(column_totals)
    for _round in range(100):  # each round hides at least one more cell, or ends
        changed = False
        for r, row in rows.items():
            changed |= _protect_line([row[c] for c in columns], row_totals[r])
        for c in columns:
            changed |= _protect_line([rows[r][c] for r in rows], column_totals[c])
        changed |= _protect_line(list(row_totals.values()), total)
        changed |= _protect_line(list(column_totals.values()), total)
        if not changed:
            return


@dataclass
class OutcomeReport:
    start: dt.date
    end: dt.date
    kinds: list[tuple[int, str]]
    units: list[tuple[int, str]]
    rows: dict[int, dict[int, Cell]] = field(default_factory=dict)
    kind_totals: dict[int, Cell] = field(default_factory=dict)
    unit_totals: dict[int, Cell] = field(default_factory=dict)
    total: Cell = field(default_factory=lambda: Cell(0))

    def table(self) -> list[tuple[str, list[Cell], Cell]]:
        """(kind name, its cells in the units' order, its total), for a page or a file."""
        return [(name, [self.rows[k][u] for u, _n in self.units], self.kind_totals[k]) for k, name in self.kinds]

    def unit_total_cells(self) -> list[Cell]:
        return [self.unit_totals[u] for u, _n in self.units]


def outcome_report(*, start: dt.date, end: dt.date, unit_id: int | None = None) -> OutcomeReport:
    """The report for start..end (inclusive), of one home unit or all. Four queries, whatever the data."""
    counts = outcome_counts(start=start, end=end, unit_id=unit_id)
    per_unit = outcome_people_per_unit(start=start, end=end, unit_id=unit_id)
    kinds = [(k.pk, k.name) for k in PathStepKind.objects.outcomes().order_by("ordering", "pk")]
    units = sorted({(c.unit_id, c.unit_name) for c in counts}, key=lambda u: (u[1], u[0]))
    report = OutcomeReport(start=start, end=end, kinds=kinds, units=units)
    found = {(c.kind_id, c.unit_id): c.people for c in counts}
    for k, _name in kinds:
        report.rows[k] = {u: Cell(found.get((k, u), 0)) for u, _n in units}
        report.kind_totals[k] = Cell(sum(found.get((k, u), 0) for u, _n in units))
    for u, _n in units:
        report.unit_totals[u] = Cell(per_unit.get(u, 0))
    report.total = Cell(outcome_people_total(start=start, end=end, unit_id=unit_id))
    suppress(report.rows, report.kind_totals, report.unit_totals, report.total)
    return report
