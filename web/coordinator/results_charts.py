"""The results page's bar charts, drawn on the server as inline SVG (no scripts under the CSP).

Every position is worked out here so the template only places what it is given. The charts are
hidden from screen readers: the table beside each one carries the same figures. A hidden group has
no bar, only the hidden label, so a bar's length never gives a hidden figure away.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats

from billing.results import GroupFigures, UnitShare
from billing.results.suppression import HIDDEN_LABEL

CHART_WIDTH = 320  # px of the longest bar
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 170  # px for the group's name left of the bars
VALUE_ROOM = 300  # px right of the longest bar, for the value or the hidden label


@dataclass(frozen=True)
class Bar:
    label: str
    value: str  # as shown
    y: int
    width: int
    suppressed: bool
    text_y: int
    value_x: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    width: int
    bar_x: int = LABEL_WIDTH
    label_chars: int = 22


def bar_chart(
    rows: list[tuple[str, Decimal | None, bool]],
    *,
    scale: Decimal | None = None,
    suffix: str = "",
    label_width: int = LABEL_WIDTH,
    label_chars: int = 22,
) -> Chart:
    """(label, value, suppressed) rows as horizontal bars, the longest `CHART_WIDTH` (or `scale` is)."""
    longest = scale or max((v for _label, v, hidden in rows if v and not hidden), default=0)
    bars = []
    for n, (label, value, hidden) in enumerate(rows):
        width = min(int(CHART_WIDTH * value / longest), CHART_WIDTH) if value and longest and not hidden else 0
        if not hidden:
            width = max(width, 1)  # a shown zero still has a mark next to its value
        shown = str(HIDDEN_LABEL) if hidden else ("–" if value is None else f"{formats.number_format(value)}{suffix}")
        y = n * (BAR_HEIGHT + BAR_GAP)
        bars.append(Bar(label, shown, y, width, hidden, y + 16, label_width + width + 6))
    return Chart(
        bars=bars,
        height=max(len(bars) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT),
        width=label_width + CHART_WIDTH + VALUE_ROOM,
        bar_x=label_width,
        label_chars=label_chars,
    )


def hours_chart(groups: list[GroupFigures]) -> Chart:
    """Hours per group; a suppressed group has no bar, only the hidden label."""
    return bar_chart([(g.label, g.hours, g.suppressed) for g in groups])


def period_label(share: UnitShare) -> str:
    start, end = share.period_start, share.period_end
    return f"{start.day}.{start.month}.{start.year}–{end.day}.{end.month}.{end.year}"


def share_chart(shares: list[UnitShare]) -> Chart:
    """Each unit's share of its clients who worked, against 100 % (or the largest share, if over)."""
    largest = max((s.share_percent for s in shares if s.share_percent is not None), default=Decimal(0))
    return bar_chart(
        [(f"{s.label} {period_label(s)}", s.share_percent, s.suppressed) for s in shares],
        scale=max(Decimal(100), largest),
        suffix=" %",
        label_width=260,
        label_chars=36,
    )
