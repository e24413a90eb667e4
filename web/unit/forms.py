"""Forms of the unit staff pages. They check the shape of the input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.forms import HdsForm, HdsFormMixin
from orders import forms as orders_forms
from orders.hours import MESSAGES, hours_field
from units.models import SupportMode

NOTE_MAX = 1000
REASON_MAX = 300


class UnitFilterForm(HdsForm):
    """Narrow a list to one of the user's units, and search it (`q` only where a page offers it)."""

    bidi_strip_fields = ("q",)  # a search: invisible text-direction characters dropped, not refused

    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All my units")), *((unit.pk, unit.name) for unit in units)]

    def value(self, name: str):
        return self.cleaned_data.get(name) if self.is_valid() else None


class _SupportFields(HdsForm):
    """How the unit supports the worker(s) on the gig: shared by one worker's and a group's proposal."""

    support = forms.ChoiceField(
        label=_("Support during the gig"),
        choices=SupportMode.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    support_person = forms.TypedChoiceField(
        label=_("Supporting staff member"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    skills_checked = forms.BooleanField(label=_("Skills checked"), required=False)
    interest_note = forms.CharField(
        label=_("The worker's interest"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_("For example: “Wants to try window washing; has done it in the unit.”"),
    )

    def __init__(self, *args, unit, staff, default_support: str, default_person: int | None, **kwargs):
        initial = {"support": default_support, "support_person": default_person, **kwargs.pop("initial", {})}
        super().__init__(*args, initial=initial, **kwargs)
        self.unit = unit
        field = self.fields["support_person"]
        field.choices = [("", _("Nobody named yet")), *((person.user_id, person.name) for person in staff)]
        # A person outside the list (e.g. another unit's staff) is refused here, and again by the service.
        message = _("Choose a staff member of %(unit)s.") % {"unit": unit.name}
        field.error_messages = {**field.error_messages, "invalid_choice": message.replace("%", "%%")}

    def _check_support(self, cleaned: dict) -> dict:
        if not cleaned.get("support"):
            self.add_error("support", _("Choose how the worker is supported."))
        if cleaned.get("support") == SupportMode.NONE:
            cleaned["support_person"] = None
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "support": data["support"],
            "support_person_id": data.get("support_person"),
            "skills_checked": bool(data.get("skills_checked")),
            "interest_note": data.get("interest_note", ""),
        }


class ProposalForm(_SupportFields):
    """One candidate worker on the propose page (prefix `w<worker pk>`). Checked only when chosen."""

    selected = forms.BooleanField(required=False)
    commission_explained = forms.BooleanField(
        label=_(
            "If the worker gets unemployment benefit: I explained that commission work counts as "
            "self-employment, and they still want this gig."
        ),
        required=False,
    )

    def __init__(self, *args, worker, **kwargs):
        super().__init__(*args, **kwargs)
        self.worker = worker
        self.fields["selected"].label = pgettext_lazy("propose worker", "Propose %(name)s") % {
            "name": worker.display_name
        }

    @property
    def is_selected(self) -> bool:
        return self.is_bound and bool(self["selected"].data)

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "commission_explained": bool(self.cleaned_data.get("commission_explained"))}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("selected"):
            self._check_support(cleaned)
        return cleaned


class GroupProposalForm(_SupportFields):
    """Propose every active member of one worker group (prefix `g<group pk>`)."""

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["interest_note"].label = _("The workers' interest")
        self.fields["interest_note"].help_text = ""

    def clean(self):
        return self._check_support(super().clean())


class GigForm(HdsFormMixin, orders_forms.GigForm):
    """A date agreed with the client: the gig form (`orders.forms.GigForm`), in the unit pages' words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_hours"].label = _("Hours")
        self.fields["planned_hours"].help_text = _("How many hours the work takes, for example 2 or 2.5.")
        self.fields["notes"].help_text = _("For example where to meet and whom to ask for.")


class SupportNeedsForm(HdsForm):
    """The optional reason typed before looking at a worker's support needs (kept in the access log)."""

    reason = forms.CharField(
        label=_("Why do you need the support needs now? (optional)"),
        required=False,
        max_length=REASON_MAX,
        help_text=_("Every look is recorded in the access log with your name."),
    )


class ReportHoursForm(HdsForm):
    """The hours worked, reported by unit staff for the worker: the same rule as the worker's own."""

    hours = hours_field(
        label=_("Hours worked"),
        error_messages={"required": MESSAGES["invalid"]},
    )


class DeclineForm(HdsForm):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(HdsForm):
    reason = forms.CharField(
        label=_("Why is the worker taken off the gig?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why the worker is taken off the gig.")},
    )
