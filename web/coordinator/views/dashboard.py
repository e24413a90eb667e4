"""The coordinator's order list: filters, state tabs, pages."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from orders.models import OrderStatus
from orders.selectors import order_dashboard_for
from web.coordinator.forms import dress_filter_form
from web.coordinator.select_render import render_selects_in_python
from web.coordinator.views.actions import order_actions
from web.coordinator.views.base import PAGE_SIZE, STATUS_TONES, CoordinatorView, CountedPaginator, _query


def _dress_row(order, *, back: str) -> None:
    """One row's actions: the first primary one as a button, the others in the row's menu.

    POST actions are buttons of the page's one form (`form=` and `formaction=`), so a row carries no
    CSRF token or hidden inputs of its own: rendering them per row was most of the page's time."""
    actions = order_actions(order)
    primary = next((action for action in actions if action.primary), None)
    next_query = f"?next={quote(back, safe='')}"
    rows = []
    for action in actions:
        href = action.url if action.post or "#" in action.url else action.url + next_query
        rows.append({"label": action.label, "url": href, "post": action.post})
    order.primary_action = rows[actions.index(primary)] if primary else None
    order.more_actions = [row for row, action in zip(rows, actions, strict=True) if action is not primary]
    order.tone = STATUS_TONES.get(order.status, "")


# --- The order list -------------------------------------------------------------------------------
class DashboardView(CoordinatorView):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest) -> HttpResponse:
        board = order_dashboard_for(user=request.user, filters=request.GET)
        # Dressed before `board.orders` validates the form: its widgets read the query (one state at a time).
        form = render_selects_in_python(dress_filter_form(board.form, status_choices=OrderStatus.choices))
        selected = [s for s in request.GET.getlist("status") if s in OrderStatus.values]
        current = selected[0] if len(selected) == 1 else ""
        tabs = [
            {
                "label": _("All"),
                "count": board.total,
                "url": _query(request, status=None, page=None),
                "current": not selected,
            }
        ] + [
            {
                "label": label,
                "count": board.counts[value],
                "url": _query(request, status=value, page=None),
                "current": value == current,
            }
            for value, label in OrderStatus.choices
        ]
        page = CountedPaginator(board.orders, PAGE_SIZE, count=board.count).get_page(request.GET.get("page"))
        back = request.get_full_path()
        for order in page.object_list:
            _dress_row(order, back=back)
        pages = [
            {"number": number, "url": _query(request, page=number), "current": number == page.number}
            if isinstance(number, int)
            else {"ellipsis": True}
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ]
        filtered = any(
            request.GET.get(name)
            for name in ("q", "client", "client_name", "service", "unit", "date_from", "date_to", "task_type")
        )
        context = {
            "form": form,
            "tabs": tabs,
            "current_status": current,
            "current_label": OrderStatus(current).label if current else "",
            "page": page,
            "pages": pages,
            "prev_url": _query(request, page=page.previous_page_number()) if page.has_previous() else "",
            "next_url": _query(request, page=page.next_page_number()) if page.has_next() else "",
            "filtered": filtered,
            "chosen_client": board.client,
            "remove_client_url": _query(request, client=None, page=None),
            "clear_url": _query(request, q=None, client=None, client_name=None, service=None, unit=None,
                                date_field=None, date_from=None, date_to=None, task_type=None, page=None),
        }  # fmt: skip
        return render(request, "coordinator/dashboard.html", context)


dashboard = DashboardView.as_view()
