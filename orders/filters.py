"""Filters for order lists. They only narrow a queryset the selector has already scoped to the user.

Every filter is optional, and an invalid value is ignored (django-filter leaves it out of
`cleaned_data`), so a hand-edited address never breaks a page. Filters that look at gigs or informed
units use subqueries, not joins, so the selector's per-order counts stay right.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import BidiSafeForm
from orders.models import ClientContact, ClientOrganisation, Gig, Order, OrderStatus, OrderUnitNotice
from units.models import Unit, WorkActivityService


class OrderFilterForm(BidiSafeForm):
    # Searches: invisible text-direction characters are dropped, not refused (a message about them in
    # a search box would only confuse, and no name has them).
    bidi_strip_fields = ("q", "client_name")


class DateFieldChoice:
    CREATED = "created"
    GIG = "gig"
    CHOICES = [(CREATED, _("Order received")), (GIG, _("Gig date"))]


class OrderFilter(django_filters.FilterSet):
    # A plain column: no join, so no DISTINCT (which made PostgreSQL sort every match, docs/performance.md).
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=OrderStatus.choices, distinct=False)
    task_type = django_filters.NumberFilter(label=_("task type"), field_name="task_type_id")
    # A chosen client (links from elsewhere: `?client=<id>`); the form offers `client_name` instead.
    client = django_filters.NumberFilter(label=_("client"), field_name="client_id")
    # Part of the client's name or business ID (a city has thousands of clients: no list to pick from).
    client_name = django_filters.CharFilter(label=_("client"), method="filter_client_name")
    q = django_filters.CharFilter(label=_("search"), method="search")
    # Orders a unit of this work-activity service was informed of.
    service = django_filters.ModelChoiceFilter(
        label=_("work-activity service"),
        queryset=WorkActivityService.objects.order_by("name"),
        method="filter_service",
        empty_label=_("All services"),
    )
    # Orders this unit was informed of.
    unit = django_filters.ModelChoiceFilter(
        label=_("unit informed"),
        queryset=Unit.objects.order_by("name"),
        method="filter_unit",
        empty_label=_("All units"),
    )
    # A date range over either the day the order arrived or the gigs' dates.
    date_field = django_filters.ChoiceFilter(
        label=_("date"),
        choices=DateFieldChoice.CHOICES,
        method="keep",
        empty_label=None,
    )
    date_from = django_filters.DateFilter(
        label=_("from"), method="filter_date_from", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = django_filters.DateFilter(
        label=_("to"), method="filter_date_to", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    class Meta:
        model = Order
        fields: list[str] = []
        form = OrderFilterForm

    def search(self, queryset, name, value):
        """Title, description, client's name or business ID, or the contact's name or email.

        Each table is searched on its own (a subquery), not through joins: on PostgreSQL each
        `icontains` is then a trigram index search (migration orders/0007), and the order rows are not
        joined to their client and contact just to be filtered (docs/performance.md).
        """
        value = value.strip()
        if not value:
            return queryset
        by_text = Order.objects.filter(Q(title__icontains=value) | Q(description__icontains=value)).values("pk")
        contacts = ClientContact.objects.filter(Q(name__icontains=value) | Q(email__icontains=value)).values("pk")
        return queryset.filter(
            Q(pk__in=by_text) | Q(client_id__in=_clients_matching(value)) | Q(contact_id__in=contacts)
        )

    def filter_client_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(client_id__in=_clients_matching(value))

    def filter_service(self, queryset, name, value):
        return queryset.filter(pk__in=OrderUnitNotice.objects.filter(unit__service=value).values("order_id"))

    def filter_unit(self, queryset, name, value):
        return queryset.filter(pk__in=OrderUnitNotice.objects.filter(unit=value).values("order_id"))

    def keep(self, queryset, name, value):
        return queryset  # read by the date filters below

    def _date_range(self, queryset):
        """Both ends at once: with gig dates, one gig must fall inside the whole range."""
        data = self.form.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if data.get("date_field") == DateFieldChoice.GIG:
            gigs = Gig.objects.live()
            if start:
                gigs = gigs.filter(date__gte=start)
            if end:
                gigs = gigs.filter(date__lte=end)
            return queryset.filter(pk__in=gigs.values("order_id"))
        if start:
            queryset = queryset.filter(created_at__date__gte=start)
        if end:
            queryset = queryset.filter(created_at__date__lte=end)
        return queryset

    def filter_date_from(self, queryset, name, value):
        return self._date_range(queryset)

    def filter_date_to(self, queryset, name, value):
        if self.form.cleaned_data.get("date_from"):
            return queryset  # already applied with the start date
        return self._date_range(queryset)


def _clients_matching(value: str):
    """Ids of the clients whose name or business ID contains `value` (any case), as a subquery."""
    return ClientOrganisation.objects.filter(Q(name__icontains=value) | Q(business_id__icontains=value)).values("pk")
