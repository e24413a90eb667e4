"""The buttons of "En pääse": the worker's on her gig, the unit's for a gig not come to or a freed place."""

from django import template
from django.utils import timezone

from orders.gig_times import gig_starts_at
from orders.services.absence import can_say_cant_come
from orders.states import AssignmentStatus

register = template.Library()


@register.filter
def cant_come_open(gig) -> bool:
    """`{% if gig|cant_come_open %}` on the worker's gig (with its `assignment_status`)."""
    return can_say_cant_come(gig.assignment_status, gig)


@register.filter
def cant_come_for_her_open(assignment) -> bool:
    """Staff may say "En pääse" for the worker (she phoned them) on a gig she took, before it starts."""
    return assignment.status == AssignmentStatus.ACCEPTED and timezone.now() < gig_starts_at(assignment.gig)


@register.filter
def no_show_open(assignment) -> bool:
    """Staff may note a gig not come to: the worker took it and its start has passed."""
    return assignment.status == AssignmentStatus.ACCEPTED and timezone.now() >= gig_starts_at(assignment.gig)


@register.filter
def stand_in_open(assignment) -> bool:
    """The worker could not come and the gig's day has not passed: a stand-in may be looked for."""
    return assignment.status == AssignmentStatus.CANT_COME and assignment.gig.date >= timezone.localdate()
