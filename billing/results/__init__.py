"""The results report (what the Jobcenter's work came to), with small groups suppressed.

Public: `ResultsFilter`, `results_report`, and the frozen figures it returns.
"""

from billing.results.figures import (
    Cancellations,
    FirstAndRepeat,
    GroupFigures,
    Rating,
    ResultsFilter,
    ResultsReport,
    UnitShare,
)
from billing.results.report import results_report
from billing.results.suppression import SMALLEST_GROUP

__all__ = [
    "SMALLEST_GROUP",
    "Cancellations",
    "FirstAndRepeat",
    "GroupFigures",
    "Rating",
    "ResultsFilter",
    "ResultsReport",
    "UnitShare",
    "results_report",
]
