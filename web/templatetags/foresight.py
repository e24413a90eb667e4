"""Words for the foresight: a short line for staff and plain sentences for the worker."""

from __future__ import annotations

from django import template
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from benefits.foresight import LimitCheck, Status
from benefits.models import RulePeriod
from jobcenter.templatetags.plain import euros, hours, plain_date, plain_date_year, plain_month

register = template.Library()


@register.filter
def period_words(check: LimitCheck) -> str:
    """ "June 2026", "4 weeks 2.6.–29.6.2026", "Year 2026"."""
    if check.period == RulePeriod.MONTH:
        return plain_month(check.period_start)
    if check.period == RulePeriod.FOUR_WEEKS:
        return _("4 weeks %(start)s–%(end)s") % {
            "start": plain_date(check.period_start),
            "end": plain_date_year(check.period_end),
        }
    if check.period == RulePeriod.YEAR:
        return _("Year %(year)s") % {"year": check.period_start.year}
    return ""


@register.filter
def staff_line(check: LimitCheck) -> str:
    """One line for the staff and the coordinator."""
    if check.status == Status.NOT_ENTERED:
        return _("No limit is entered for this date. Ask the coordinator to add it in the rules.")
    if check.status == Status.SELF_EMPLOYMENT:
        return _("Commission work counts as self-employment: the benefit can stop while it is investigated.")
    if check.status == Status.REDUCES:
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
    text = _("Within the limit: %(headroom)s left") % {"headroom": euros(check.headroom)}
    if check.headroom_hours is not None:
        text += " " + _("(about %(hours)s)") % {"hours": hours(check.headroom_hours)}
    return text + "."


@register.filter
def worker_sentence(check: LimitCheck) -> str:
    """Plain words for the worker on a gig offer: short sentences, everyday words, what happens to
    the worker's money and what to do, as the worker may read Finnish as a second language."""
    return capfirst(_worker_sentence(check, with_gig=True))


@register.filter
def worker_sentence_now(check: LimitCheck) -> str:
    """The same for the worker's own overview, where there is no gig to decide on."""
    return capfirst(_worker_sentence(check, with_gig=False))


def _worker_sentence(check: LimitCheck, *, with_gig: bool) -> str:
    advice = _("Talk to your instructor before you accept.") if with_gig else _("Talk to your instructor.")
    if check.status == Status.NOT_ENTERED:
        return _("We do not know your earnings limit for this time yet.") + " " + advice
    if check.status == Status.SELF_EMPLOYMENT:
        return (
            _(
                "This gig is commission work. For you it counts as working for yourself. "
                "Your benefit can stop for a while."
            )
            + " "
            + advice
        )
    facts = {"when": period_words(check), "total": euros(check.total)}
    if with_gig:
        parts = [_("%(when)s: after this gig you would have earned %(total)s.") % facts]
    else:
        parts = [_("%(when)s: your approved and coming gigs come to %(total)s.") % facts]
    if check.status == Status.REDUCES:
        parts.append(_("Every euro you earn makes your benefit smaller."))
        if check.reduction:
            parts.append(_("Your benefit would be about %(amount)s smaller.") % {"amount": euros(check.reduction)})
        parts.append(advice)
    elif check.status == Status.REPORT:
        parts += [_("Tell Kela about your work."), advice]
    elif check.status == Status.OVER:
        parts += [_("Your limit is %(limit)s.") % {"limit": euros(check.limit)}, advice]
    else:
        parts += [
            _("Your limit is %(limit)s.") % {"limit": euros(check.limit)},
            _("You can still earn %(headroom)s.") % {"headroom": euros(check.headroom)},
        ]
    return " ".join(str(part) for part in parts)
