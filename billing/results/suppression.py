"""Small groups are never identifiable: the one place the report's suppression rules live.

A group of fewer than `SMALLEST_GROUP` people shows no figures at all (people, hours, euros, gigs
and clients), because hours or euros of two or three named-by-context people are as telling as
their count. Hiding one group is not enough when the total is shown: the total minus the shown
groups would give the hidden group's figures back. So a breakdown never has exactly one hidden
group: when it would, the next-smallest group is hidden too (complementary suppression), and the
difference then only tells the sum of two or more groups. The same holds inside every parent
whose figure is shown (the units of one service against that service's row).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from django.utils.translation import gettext_lazy

from billing.results.figures import GroupFigures

SMALLEST_GROUP = 5
# The one text every page and file shows for a hidden figure, whether its group is small or hidden
# to protect a small one: two texts would tell which is which, and with the totals that gives a
# small group's number away. "fewer than 5" alone would be untrue of a large group hidden with it.
# The number is SMALLEST_GROUP (and billing.outcomes.SMALL_GROUP); a literal so it is translated.
HIDDEN_LABEL = gettext_lazy("hidden (protects a group of fewer than 5)")


def hidden(group: GroupFigures) -> GroupFigures:
    return dataclasses.replace(group, people=None, hours=None, earnings=None, gigs=None, clients=None, suppressed=True)


def is_small(people: int | None) -> bool:
    return people is None or people < SMALLEST_GROUP


def suppress_group(group: GroupFigures) -> GroupFigures:
    """A single figure (the total): hidden when small."""
    return hidden(group) if is_small(group.people) else group


def suppress_breakdown(groups: Iterable[GroupFigures], *, parent_shown: bool = True) -> list[GroupFigures]:
    """The rows of one breakdown of a parent figure, with small rows and their complement hidden.

    When the parent is hidden, every row is hidden too: the rows would add up to it.
    """
    groups = list(groups)
    if not parent_shown:
        return [hidden(g) for g in groups]
    out = [hidden(g) if is_small(g.people) else g for g in groups]
    if sum(g.suppressed for g in out) == 1 and len(out) > 1:
        shown = [i for i, g in enumerate(out) if not g.suppressed]
        # The next-smallest group: fewest people, then fewest hours (the least information lost).
        smallest = min(shown, key=lambda i: (out[i].people, out[i].hours or 0, out[i].key))
        out[smallest] = hidden(out[smallest])
    return out


def suppress_nested(
    children: list[GroupFigures],
    parents: list[GroupFigures],
    parent_of: Callable[[GroupFigures], str],
    *,
    total_shown: bool = True,
) -> tuple[list[GroupFigures], list[GroupFigures]]:
    """Parents (services) and their children (units), each breakdown suppressed against the total
    and the children within each parent; order kept. Returns (parents, children).

    A hidden parent hides all its children (they would add up to it). A shown parent whose only
    hidden child has no shown sibling to hide with it is hidden itself (it would equal the child).
    Each pass only hides more rows, so the loop ends.
    """
    # Within each parent first, then across the total: hiding a sibling keeps the loss in one service.
    parents = suppress_breakdown(parents, parent_shown=total_shown)
    children = [hidden(c) if is_small(c.people) or not total_shown else c for c in children]
    while True:
        before = [r.suppressed for r in (*parents, *children)]
        by_parent: dict[str, list[int]] = {}
        for i, child in enumerate(children):
            by_parent.setdefault(parent_of(child), []).append(i)
        for p_index, parent in enumerate(parents):
            indexes = by_parent.get(parent.key, [])
            rows = suppress_breakdown([children[i] for i in indexes], parent_shown=not parent.suppressed)
            for i, row in zip(indexes, rows, strict=True):
                children[i] = row
            if not parent.suppressed and sum(r.suppressed for r in rows) == 1:
                parents[p_index] = hidden(parent)  # its lone hidden child would show through it
        parents = suppress_breakdown(parents, parent_shown=total_shown)
        children = suppress_breakdown(children, parent_shown=total_shown)
        if [r.suppressed for r in (*parents, *children)] == before:
            return parents, children
