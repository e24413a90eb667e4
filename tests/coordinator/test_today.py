"""The coordinator's Today page through the Django test client: each section lists what waits (and
nothing else), hours are approved from the list with the order page's correction-and-reason rule,
terms are reminded and sent again from it (recorded in the history), the empty states, the menu's
count, who gets in, and where a coordinator lands after logging in.

Pages are read in English (`/en/…`); the `coordinator` fixture (this directory's conftest.py) logs a
coordinator in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.models import PaymentRunStatus
from jobcenter.models import OutboundEmail, OutboundEmailStatus
from orders.models import AssignmentStatus, OrderEvent, OrderStatus, OrderStatusChange
from tests.factories import (
    AdministratorFactory,
    AssignmentFactory,
    ClientContactFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    UnitStaffFactory,
    WorkerFactory,
)
from tests.factories.auth import give_totp, totp_code
from tests.factories.payments import approved_commission_work, draft_run, payment_details
from tests.factories.states import order_in
from tests.support.coordinator_pages import page, post, url

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factories' password


def _today(client) -> str:
    return page(client, url("today"))


def _section(html: str, key: str) -> str:
    """The HTML of one section of the page."""
    start = html.index(f'<section class="today-section" id="{key}"')
    return html[start : html.index("</section>", start)]


def _days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


# --- The sections ---------------------------------------------------------------------------------
def test_short_staffed__gigs_of_the_next_three_days_missing_workers(client, coordinator):
    today = timezone.localdate()
    short = GigFactory(date=today + dt.timedelta(days=1), workers_needed=2)
    AssignmentFactory(gig=short, accepted=True)
    full = GigFactory(date=today + dt.timedelta(days=2), workers_needed=1)
    AssignmentFactory(gig=full, accepted=True)
    later = GigFactory(date=today + dt.timedelta(days=6), workers_needed=1)
    only_proposed = GigFactory(date=today, workers_needed=1)
    AssignmentFactory(gig=only_proposed)  # proposed is not a yes: still short

    section = _section(_today(client), "short_staffed")

    assert f'id="today-gig-{short.pk}"' in section and "1 of 2" in section
    assert f'id="today-gig-{only_proposed.pk}"' in section
    assert f'id="today-gig-{full.pk}"' not in section
    assert f'id="today-gig-{later.pk}"' not in section
    assert f'href="/en/coordinator/gigs/{short.pk}/stand-in/"' in section
    assert f'href="/en/coordinator/orders/{short.order_id}/#gig-{short.pk}"' in section


def test_short_staffed__a_cancelled_gig_is_not_listed(client, coordinator):
    gig = GigFactory(date=timezone.localdate() + dt.timedelta(days=1))
    gig.cancelled_at = timezone.now()
    gig.cancellation_reason = "Asiakas perui."
    gig.save()

    assert f'id="today-gig-{gig.pk}"' not in _section(_today(client), "short_staffed")


def test_to_approve__lists_work_reported_done_only(client, coordinator):
    done = AssignmentFactory(done=True)
    approved = AssignmentFactory(done=True, status=AssignmentStatus.APPROVED, approved_hours=Decimal("3"))

    section = _section(_today(client), "to_approve")

    assert f'id="today-assignment-{done.pk}"' in section
    assert done.worker.display_name in section and "3.00 h" in section
    assert f'id="today-assignment-{approved.pk}"' not in section
    assert f'action="/en/coordinator/today/assignments/{done.pk}/approve/"' in section


def test_terms_unanswered__after_the_set_number_of_days(client, coordinator, settings):
    settings.JOBCENTER_TERMS_UNANSWERED_DAYS = 7
    old = order_in(OrderStatus.TERMS_SENT)
    type(old).objects.filter(pk=old.pk).update(terms_sent_at=_days_ago(9))
    fresh = order_in(OrderStatus.TERMS_SENT)
    type(fresh).objects.filter(pk=fresh.pk).update(terms_sent_at=_days_ago(2))

    section = _section(_today(client), "terms_unanswered")

    assert "Terms not answered in 7 days" in section
    assert f'id="today-terms-{old.pk}"' in section and "9 days ago" in section
    assert f'id="today-terms-{fresh.pk}"' not in section
    for action in ("today/orders/{}/remind/", "orders/{}/send-terms/", "orders/{}/cancel/?next="):
        assert f"/en/coordinator/{action.format(old.pk)}" in section


def test_terms_unanswered__the_setting_changes_the_days(client, coordinator, settings):
    settings.JOBCENTER_TERMS_UNANSWERED_DAYS = 1
    order = order_in(OrderStatus.TERMS_SENT)
    type(order).objects.filter(pk=order.pk).update(terms_sent_at=_days_ago(2))

    assert f'id="today-terms-{order.pk}"' in _section(_today(client), "terms_unanswered")


def test_new_orders__submitted_ones_only(client, coordinator):
    new = OrderFactory()
    sent = order_in(OrderStatus.TERMS_SENT)

    section = _section(_today(client), "new_orders")

    assert f'id="today-new-{new.pk}"' in section
    assert f'id="today-new-{sent.pk}"' not in section


def test_failed__emails_that_could_not_be_sent(client, coordinator):
    failed = OutboundEmail.objects.create(
        code="order_received", to="ei-perille@example.org", subject="Tilaus vastaanotettu", body_text="x",
        status=OutboundEmailStatus.FAILED,
    )  # fmt: skip
    sent = OutboundEmail.objects.create(
        code="order_received", to="perille@example.org", subject="x", body_text="x", status=OutboundEmailStatus.SENT
    )

    section = _section(_today(client), "failed")

    assert f'id="today-email-{failed.pk}"' in section and "ei-perille@example.org" in section
    assert f'href="/en/coordinator/emails/{failed.pk}/send-again/"' in section
    assert f'id="today-email-{sent.pk}"' not in section


def test_due__a_draft_payment_run_waits_for_approval(client, coordinator):
    worker = WorkerFactory()
    payment_details(worker)
    approved_commission_work(worker, timezone.localdate() - dt.timedelta(days=2))
    run = draft_run(by=coordinator)
    assert run.status == PaymentRunStatus.DRAFT

    section = _section(_today(client), "due")

    assert f'href="/en/billing/payment-runs/{run.pk}/"' in section
    assert "is a draft and waits for approval" in section


def test_empty__every_section_says_nothing_waits(client, coordinator):
    html = _today(client)

    for key in ("short_staffed", "to_approve", "terms_unanswered", "new_orders", "failed"):
        assert "Nothing waiting" in _section(html, key), key
    assert "0 things wait for you" in html


def test_capped__a_long_section_links_to_show_all(client, coordinator):
    for _n in range(12):
        OrderFactory()

    section = _section(_today(client), "new_orders")

    assert section.count('id="today-new-') == 10
    assert "Show all 12: All new orders" in section
    assert 'href="/en/coordinator/?status=submitted"' in section


# --- Approving from the list ----------------------------------------------------------------------
def test_approve__as_reported_from_the_list(client, coordinator):
    done = AssignmentFactory(done=True)

    html = post(client, url("today-approve", done.pk), {"hours": "", "reason": ""})

    done.refresh_from_db()
    assert done.status == AssignmentStatus.APPROVED and done.approved_hours == Decimal("3.00")
    assert f"{done.worker.display_name}: 3.00 hours approved." in html
    assert "<h1>Today</h1>" in html
    assert f'id="today-assignment-{done.pk}"' not in html


def test_approve__changed_hours_without_a_reason_are_refused(client, coordinator):
    done = AssignmentFactory(done=True)

    html = post(client, url("today-approve", done.pk), {"hours": "2", "reason": ""})

    done.refresh_from_db()
    assert done.status == AssignmentStatus.DONE
    assert "You changed the hours. Write the reason for the change." in html
    assert f'id="today-assignment-{done.pk}"' in html


def test_approve__changed_hours_with_a_reason(client, coordinator):
    done = AssignmentFactory(done=True)

    post(client, url("today-approve", done.pk), {"hours": "2,5", "reason": "Lähti aikaisemmin."})

    done.refresh_from_db()
    assert done.status == AssignmentStatus.APPROVED
    assert done.approved_hours == Decimal("2.50") and done.hours_correction_reason == "Lähti aikaisemmin."


def test_approve__hours_that_are_not_a_number_are_refused(client, coordinator):
    done = AssignmentFactory(done=True)

    post(client, url("today-approve", done.pk), {"hours": "kolme", "reason": "x"})

    done.refresh_from_db()
    assert done.status == AssignmentStatus.DONE


def test_approve__get_is_not_allowed(client, coordinator):
    assert client.get(url("today-approve", AssignmentFactory(done=True).pk)).status_code == 405


# --- Remind, send again ---------------------------------------------------------------------------
def test_remind__sends_the_reminder_and_records_it_in_the_history(client, coordinator):
    order = order_in(OrderStatus.TERMS_SENT)
    type(order).objects.filter(pk=order.pk).update(terms_sent_at=_days_ago(8))

    html = post(client, url("today-remind", order.pk))

    assert f"Order {order.number}: a reminder of the terms was sent to {order.contact.email}." in html
    email = OutboundEmail.objects.get(code="order_terms_reminder")
    assert email.to == order.contact.email and order.number in email.subject
    assert "/terms/" in email.body_text
    row = OrderStatusChange.objects.get(order=order, kind=OrderEvent.TERMS_RESENT)
    assert row.params == {"reminder": True} and row.by == coordinator
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT
    assert order.terms_sent_at > _days_ago(1)  # a new link: off the list for another N days
    assert f'id="today-terms-{order.pk}"' not in html


def test_remind__refused_when_the_terms_are_not_waiting(client, coordinator):
    order = order_in(OrderStatus.TERMS_ACCEPTED)

    html = post(client, url("today-remind", order.pk))

    assert "This order is not waiting for the terms to be accepted. No reminder was sent." in html
    assert not OutboundEmail.objects.filter(code="order_terms_reminder").exists()


def test_send_again__from_the_list_comes_back_to_today(client, coordinator):
    order = order_in(OrderStatus.TERMS_SENT)
    type(order).objects.filter(pk=order.pk).update(terms_sent_at=_days_ago(8))

    response = client.post(url("order-send-terms", order.pk), {"next": url("today") + "#terms_unanswered"})

    assert response.status_code == 302 and response["Location"] == url("today") + "#terms_unanswered"
    assert OrderStatusChange.objects.filter(order=order, kind=OrderEvent.TERMS_RESENT, params={}).exists()
    assert OutboundEmail.objects.filter(code="order_terms").count() == 1


# --- The menu -------------------------------------------------------------------------------------
def test_menu__today_first_with_the_count_of_things_waiting(client, coordinator):
    OrderFactory()
    AssignmentFactory(done=True)  # its order is being staffed, its gig yesterday

    html = page(client, url("dashboard"))

    nav = html[html.index('class="coordinator-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert nav.index("Today") < nav.index("Orders")
    assert '<span class="today-count">2<span class="visually-hidden"> waiting</span></span>' in nav


def test_menu__the_today_page_counts_afresh(client, coordinator):
    page(client, url("dashboard"))  # the menu's count, 0, cached
    OrderFactory()

    html = _today(client)

    assert '<span class="today-count">1<' in html


# --- Who gets in, where a coordinator lands -------------------------------------------------------
@pytest.mark.parametrize(
    "make_user",
    [lambda: WorkerFactory().user, UnitStaffFactory, lambda: ClientContactFactory(with_user=True).user],
    ids=["worker", "unit_staff", "client_contact"],
)
def test_other_roles__get_403_and_change_nothing(client, make_user):
    done = AssignmentFactory(done=True)
    order = order_in(OrderStatus.TERMS_SENT)
    client.force_login(make_user())

    assert client.get(url("today")).status_code == 403
    assert client.post(url("today-approve", done.pk), {"hours": ""}).status_code == 403
    assert client.post(url("today-remind", order.pk)).status_code == 403
    done.refresh_from_db()
    assert done.status == AssignmentStatus.DONE
    assert not OutboundEmail.objects.filter(code="order_terms_reminder").exists()


def test_anonymous__is_sent_to_login(client):
    response = client.get(url("today"))
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/?next=")


def test_administrator__gets_in(client):
    client.force_login(AdministratorFactory())
    assert client.get(url("today")).status_code == 200


def test_login__a_coordinator_lands_on_today(client):
    user = CoordinatorFactory()
    give_totp(user)

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

    assert response.status_code == 302 and response.url == "/coordinator/today/"
    assert client.get(response.url, follow=True).status_code == 200


def test_login__an_administrator_and_a_worker_land_on_the_front_page(rf):
    from jobcenter.adapters import AccountAdapter

    request = rf.get("/")
    for user in (AdministratorFactory(), WorkerFactory().user):
        request.user = user
        assert AccountAdapter(request).get_login_redirect_url(request) == "/"


def test_login__a_next_address_wins_over_today(client):
    user = CoordinatorFactory()
    give_totp(user)

    client.post("/accounts/login/?next=/coordinator/emails/", {"login": user.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

    assert response.status_code == 302 and response.url == "/coordinator/emails/"


# --- Redis down -----------------------------------------------------------------------------------
def test_cache_down__today_and_the_menu_still_count(client, coordinator):
    from tests.support.faults import cache_unreachable

    OrderFactory()
    with cache_unreachable():
        today = _today(client)
        orders = page(client, url("dashboard"))

    assert '<span class="today-count">1<' in today
    assert '<span class="today-count">1<' in orders
