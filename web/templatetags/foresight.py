"""Words for the foresight: a short line for staff and plain sentences for the worker.

Every figure says which benefit and which period it is about ("Työkyvyttömyyseläke, helmikuu 2026:
..."), because a worker may get two benefits and a limit without its benefit means nothing. Where
no euro estimate can be made (the housing allowances), the sentence says what to report and to
whom instead of showing a figure. A missing rule is "being updated", never a task for the reader.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext, pgettext_lazy

from benefits.foresight import Foresight, LimitCheck, Status, period_bounds
from benefits.models import IncomeCounting, ReportTo, RuleKind, RulePeriod
from billing.pricing import round_cents
from jobcenter.templatetags.plain import WEEKDAYS_ON, euros, hours, plain_date, plain_date_year, plain_month

register = template.Library()

# A month as the word before "income" in "counted as February's income": Finnish needs the genitive
# ("helmikuun tuloiksi"), which the month name of a date format does not give.
MONTHS_OF = [
    pgettext_lazy("counted as income of month", "January"),
    pgettext_lazy("counted as income of month", "February"),
    pgettext_lazy("counted as income of month", "March"),
    pgettext_lazy("counted as income of month", "April"),
    pgettext_lazy("counted as income of month", "May"),
    pgettext_lazy("counted as income of month", "June"),
    pgettext_lazy("counted as income of month", "July"),
    pgettext_lazy("counted as income of month", "August"),
    pgettext_lazy("counted as income of month", "September"),
    pgettext_lazy("counted as income of month", "October"),
    pgettext_lazy("counted as income of month", "November"),
    pgettext_lazy("counted as income of month", "December"),
]

# To whom the work is reported, as whole sentences: the receiver is inflected in Finnish
# ("Kelalle", "eläkelaitoksellesi"), so a label cannot be put into one sentence.
REPORT_TO = {
    ReportTo.KELA: gettext_lazy("Tell Kela about the work."),
    ReportTo.UNEMPLOYMENT_FUND: gettext_lazy("Tell the unemployment fund or Kela about the work."),
    ReportTo.PENSION_PROVIDER: gettext_lazy("Tell your pension provider about the work."),
    ReportTo.SOCIAL_SERVICES: gettext_lazy("Tell Kela about the work in your application for social assistance."),
    "": gettext_lazy("Tell the payer of the benefit about the work."),
}
REPORT_TO_WITHIN = {
    ReportTo.KELA: ngettext_lazy(
        "Tell Kela about the work within %(days)s day.", "Tell Kela about the work within %(days)s days.", "days"
    ),
    ReportTo.UNEMPLOYMENT_FUND: ngettext_lazy(
        "Tell the unemployment fund or Kela about the work within %(days)s day.",
        "Tell the unemployment fund or Kela about the work within %(days)s days.",
        "days",
    ),
    ReportTo.PENSION_PROVIDER: ngettext_lazy(
        "Tell your pension provider about the work within %(days)s day.",
        "Tell your pension provider about the work within %(days)s days.",
        "days",
    ),
    ReportTo.SOCIAL_SERVICES: ngettext_lazy(
        "Tell Kela about the work in your application for social assistance within %(days)s day.",
        "Tell Kela about the work in your application for social assistance within %(days)s days.",
        "days",
    ),
    "": ngettext_lazy(
        "Tell the payer of the benefit about the work within %(days)s day.",
        "Tell the payer of the benefit about the work within %(days)s days.",
        "days",
    ),
}

# Periods, in the order the payment sentence prefers them: the shortest period says most.
PERIOD_ORDER = (RulePeriod.MONTH, RulePeriod.FOUR_WEEKS, RulePeriod.YEAR)


# --- Periods ---------------------------------------------------------------------------------------
@register.filter
def period_words(check: LimitCheck) -> str:
    """ "June 2026", "4 weeks 2.6.–29.6.2026", "Year 2026" (a table cell)."""
    if check.period == RulePeriod.MONTH:
        return plain_month(check.period_start)
    if check.period == RulePeriod.FOUR_WEEKS:
        return _four_weeks(check.period_start, check.period_end)
    if check.period == RulePeriod.YEAR:
        return _("Year %(year)s") % {"year": check.period_start.year}
    return ""


def _four_weeks(start: dt.date, end: dt.date) -> str:
    return _("4 weeks %(start)s–%(end)s") % {"start": plain_date(start), "end": plain_date_year(end)}


def _period_in_sentence(check: LimitCheck) -> str:
    """The period inside a sentence: "helmikuu 2026", "4 viikkoa 2.6.–29.6.2026", "vuosi 2026"."""
    if check.period == RulePeriod.YEAR:
        return pgettext("period in a sentence", "year %(year)s") % {"year": check.period_start.year}
    return period_words(check)


def _lead(check: LimitCheck) -> dict[str, str]:
    return {"benefit": check.benefit_label, "period": _period_in_sentence(check)}


# --- Staff -----------------------------------------------------------------------------------------
@register.filter
def staff_line(check: LimitCheck) -> str:
    """One line for the staff and the coordinator, naming the benefit and the period."""
    effect = staff_effect(check)
    period = _period_in_sentence(check)
    if not period:
        return pgettext("staff line without a period", "%(benefit)s: %(effect)s") % {
            "benefit": check.benefit_label,
            "effect": effect,
        }
    return pgettext("staff line", "%(benefit)s · %(period)s: %(effect)s") % {
        "benefit": check.benefit_label,
        "period": period,
        "effect": effect,
    }


@register.filter
def staff_effect(check: LimitCheck) -> str:
    """The effect alone, for a table whose row already names the benefit and the period."""
    if check.status == Status.NOT_ENTERED:
        # The day whose rule is missing: the gig's payment day for most benefits, else its date.
        day = check.counted_on or check.period_start
        return _("There is no figure for %(day)s yet. It is being updated.") % {"day": plain_date_year(day)}
    if check.status == Status.SELF_EMPLOYMENT:
        return _("Commission work counts as self-employment: the benefit can stop while it is investigated.")
    if check.status == Status.REDUCES:
        if check.kind == RuleKind.EARNED_INCOME_DEDUCTION:
            return _("No earned-income deduction: all earnings count as income.")
        text = _("No protected amount: earnings reduce the benefit.")
        if check.reduction:
            text += " " + _("About %(amount)s less.") % {"amount": euros(check.reduction)}
        return text
    if check.status == Status.REPORT:
        return _("The increase in income must be reported to Kela (%(limit)s a year or more).") % {
            "limit": euros(check.limit)
        }
    if check.status == Status.OVER:
        text = _("Over the limit by %(excess)s.") % {"excess": euros(check.excess)}
        if check.reduction:
            text += " " + _("The benefit is reduced by about %(amount)s.") % {"amount": euros(check.reduction)}
        return text
    if check.kind == RuleKind.REPORTABLE_INCREASE:
        text = _("Below the reporting limit: %(headroom)s left") % {"headroom": euros(check.headroom)}
    else:
        text = _("Within the limit: %(headroom)s left") % {"headroom": euros(check.headroom)}
    if check.headroom_hours is not None:
        text += " " + _("(about %(hours)s)") % {"hours": hours(check.headroom_hours)}
    return text + "."


# --- The worker ------------------------------------------------------------------------------------
@register.filter
def worker_sentence(check: LimitCheck) -> str:
    """Plain words for the worker on a gig offer: short sentences, everyday words, what happens to
    the worker's money and what to do, as the worker may read Finnish as a second language."""
    return capfirst(_worker_sentence(check, with_gig=True))


@register.filter
def worker_sentence_now(check: LimitCheck) -> str:
    """The same for the worker's own overview, where there is no gig to decide on."""
    return capfirst(_worker_sentence(check, with_gig=False))


def report_sentence(check: LimitCheck) -> str:
    """ "Kerro työstä Kelalle 14 päivän kuluessa.": to whom, and the deadline when the rule has one."""
    rule = check.rule
    to = (rule.report_to if rule is not None else "") or ""
    if to not in REPORT_TO:
        to = ""
    days = rule.report_within_days if rule is not None else None
    if days:
        return str(REPORT_TO_WITHIN[to] % {"days": days})
    return str(REPORT_TO[to])


def gig_reduction(check: LimitCheck) -> Decimal | None:
    """How much this gig's own euros reduce the benefit, rounded to cents as pay is; None when the
    rule gives no rate. Over a protected amount only the part of the gig above it counts."""
    rate = check.rule.reduction_rate if check.rule is not None else None
    if rate is None:
        return None
    counted = check.this_gig
    if check.kind == RuleKind.PROTECTED_EARNINGS:
        counted = min(check.this_gig, check.excess)
    return round_cents(counted * rate)


def _worker_sentence(check: LimitCheck, *, with_gig: bool) -> str:
    advice = _("Talk to your instructor before you accept.") if with_gig else _("Talk to your instructor.")
    if check.status == Status.NOT_ENTERED:
        text = _("%(benefit)s: the figure for this time is being updated.") % {"benefit": check.benefit_label}
        later = _("You will see the estimate here when it is ready.")  # outside the f-string: extracted
        return f"{text} {later}"
    if check.status == Status.SELF_EMPLOYMENT:
        text = _(
            "%(benefit)s: this gig is commission work. For you it counts as working for yourself. "
            "Your benefit can stop for a while."
        ) % {"benefit": check.benefit_label}
        return f"{text} {advice}"
    if check.status == Status.REPORT:
        text = _("%(benefit)s, %(period)s: your income goes up so much that it must be reported.") % _lead(check)
        return f"{text} {report_sentence(check)}"
    if check.status == Status.REDUCES and check.reduction is None:
        # The earned-income deduction is abolished: all earnings count, but only the payer can say how much.
        text = _("%(benefit)s: all the money you earn counts as income.") % {"benefit": check.benefit_label}
        return f"{text} {report_sentence(check)}"

    parts = [_earned(check, with_gig=with_gig)]
    if check.status in (Status.REDUCES, Status.OVER):
        if check.status == Status.OVER:
            parts.append(_over(check))
        reduction = gig_reduction(check) if with_gig and check.this_gig else check.reduction
        if reduction:
            earned = check.this_gig if with_gig and check.this_gig else check.total
            parts.append(_("Your benefit gets about %(amount)s smaller.") % {"amount": euros(reduction)})
            if earned > reduction:
                parts.append(_("You are %(amount)s better off.") % {"amount": euros(earned - reduction)})
        if check.status == Status.OVER:
            if check.kind == RuleKind.EARNINGS_LIMIT:
                parts.append(_("Then your benefit can stop for a while."))
            elif check.kind == RuleKind.EARNED_INCOME_DEDUCTION:
                parts.append(_("The money over the limit makes your benefit smaller."))
                parts.append(report_sentence(check))
            parts.append(advice)
    return " ".join(str(part) for part in parts)


def _earned(check: LimitCheck, *, with_gig: bool) -> str:
    """The first sentence: the benefit, the period, what is earned and, within a limit, what is left."""
    facts = {**_lead(check), "gig": euros(check.this_gig), "total": euros(check.total)}
    within = check.status == Status.WITHIN and check.headroom is not None
    if within:
        facts["headroom"] = euros(check.headroom)
        reporting = check.kind == RuleKind.REPORTABLE_INCREASE
        if with_gig and reporting:
            return (
                _(
                    "%(benefit)s, %(period)s: you earn %(gig)s with this gig; "
                    "%(headroom)s is left under the reporting limit."
                )
                % facts
            )
        if with_gig:
            return (
                _("%(benefit)s, %(period)s: you earn %(gig)s with this gig; %(headroom)s is left under the limit.")
                % facts
            )
        if reporting:
            return (
                _(
                    "%(benefit)s, %(period)s: %(total)s counts as your income; "
                    "%(headroom)s is left under the reporting limit."
                )
                % facts
            )
        return (
            _("%(benefit)s, %(period)s: %(total)s counts as your income; %(headroom)s is left under the limit.") % facts
        )
    if with_gig:
        return _("%(benefit)s, %(period)s: you earn %(gig)s with this gig.") % facts
    return _("%(benefit)s, %(period)s: %(total)s counts as your income.") % facts


def _over(check: LimitCheck) -> str:
    return _("%(excess)s is over the limit.") % {"excess": euros(check.excess)}


# --- When the money comes and where it counts --------------------------------------------------------
@register.filter
def payment_words(foresight: Foresight | None) -> str:
    """ "Saat rahat maanantaina 15.2. Ne lasketaan helmikuun tuloiksi.": once per gig, when the day
    the pay comes is known; a benefit that counts the work by its own day in another period says so."""
    if foresight is None or foresight.gig_paid_on is None or foresight.gig_paid_on <= foresight.day:
        # Pay always comes after the work; a payment "on the day of the work" means no schedule is known.
        return ""
    paid_on = foresight.gig_paid_on
    same_year = paid_on.year == foresight.day.year
    day = _("%(weekday)s %(date)s") % {
        "weekday": WEEKDAYS_ON[paid_on.weekday()],
        "date": plain_date(paid_on) if same_year else plain_date_year(paid_on),
    }
    # A Finnish date ends in a full stop ("13.2."), which is also the end of the sentence.
    parts = [(_("You get the money %(day)s.") % {"day": day}).replace("..", ".")]

    with_period = [check for check in foresight.checks if check.rule is not None and check.period in PERIOD_ORDER]
    by_payment = [check for check in with_period if check.counts_by == IncomeCounting.PAYMENT_DATE]
    if by_payment:
        first = min(by_payment, key=lambda check: PERIOD_ORDER.index(check.period))
        parts.append(_counted_as(first.period, paid_on, foresight.day, benefit=None))
    named: set[str] = set()
    for check in with_period:
        if check.counts_by != IncomeCounting.WORK_DATE or check.benefit in named:
            continue
        work_day = check.counted_on or foresight.day
        start, end = period_bounds(check.period, work_day)
        if start <= paid_on <= end:
            continue  # the same period as the payment: nothing more to say
        named.add(check.benefit)
        parts.append(_counted_as(check.period, work_day, foresight.day, benefit=check.benefit_label))
    return " ".join(str(part) for part in parts)


def _counted_as(period: str, day: dt.date, gig_day: dt.date, *, benefit: str | None) -> str:
    """ "Ne lasketaan helmikuun tuloiksi." or, for one benefit, "Työkyvyttömyyseläke: työ lasketaan
    tammikuun tuloiksi." The year is named when it is not the gig's."""
    start, end = period_bounds(period, day)
    if period == RulePeriod.MONTH:
        month = str(MONTHS_OF[day.month - 1])
        if day.year != gig_day.year:
            month = f"{month} {day.year}"
        facts = {"month": month, "benefit": benefit}
        if benefit:
            return _("%(benefit)s: the work counts as income for %(month)s.") % facts
        return _("It counts as income for %(month)s.") % facts
    if period == RulePeriod.FOUR_WEEKS:
        facts = {"start": plain_date(start), "end": plain_date_year(end), "benefit": benefit}
        if benefit:
            return _("%(benefit)s: the work counts as income for the four weeks %(start)s–%(end)s.") % facts
        return _("It counts as income for the four weeks %(start)s–%(end)s.") % facts
    facts = {"year": day.year, "benefit": benefit}
    if benefit:
        return _("%(benefit)s: the work counts as income for the year %(year)s.") % facts
    return _("It counts as income for the year %(year)s.") % facts
