"""Shared pieces of the benchmark: logged-in sessions without a login form, and the pages to drive.

Run inside Django (`django.setup()` done by the caller). Sessions are made the way a real login
leaves them: Django's auth keys, and allauth's authentication records with a password *and* an MFA
step (staff pages need the second factor, see jobcenter/middleware.py), so the benchmark measures
the pages, not the login flow.
"""

from __future__ import annotations

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count, Q
from django.utils import timezone


def session_key_for(user) -> str:
    """A stored session in which `user` logged in with a password and a TOTP code just now."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    now = time.time()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    store["account_authentication_methods_user"] = str(user.pk)
    store.create()
    return store.session_key


def pick_targets(sessions_per_role: int = 4) -> dict:
    """The users and addresses the benchmark drives, chosen from the data (deterministically).

    - coordinator: the dashboard with filters, order pages of busy orders and the invoice preview
      of the approved orders with the most gigs;
    - unit staff of the biggest unit: the proposal page of a coming gig of an order being staffed;
    - workers with the most gigs: their gig list (/me/);
    - when plans change: the stand-in pages of the unit and the coordinator for the same coming gigs,
      the coordinator's message page (who gets it, by which channel) of gigs someone took, and the
      reminder's answer page (no login) of accepted assignments.
    """
    from django.urls import reverse
    from django.utils import translation

    from jobcenter.models import User
    from orders.models import (
        Assignment,
        AssignmentStatus,
        ClientContact,
        Gig,
        Order,
        OrderStatus,
        OrderUnitNotice,
        TaskType,
    )
    from orders.tokens_answer import make_answer_token
    from units.models import Unit, UnitMembership
    from workers.models import Worker

    translation.activate(settings.LANGUAGE_CODE)
    coordinators = list(
        User.objects.filter(user_permissions__codename="coordinate", is_active=True).order_by("pk")[:sessions_per_role]
    )
    big_unit = Unit.objects.annotate(n=Count("workers")).order_by("-n", "pk").first()
    staff = [
        m.user for m in UnitMembership.objects.active().filter(unit=big_unit).select_related("user").order_by("pk")
    ][:sessions_per_role]
    today = timezone.localdate()
    informed = OrderUnitNotice.objects.filter(unit=big_unit).values("order_id")
    gigs = list(
        Gig.objects.filter(order__status=OrderStatus.STAFFING, order__in=informed, date__gte=today)
        .order_by("date", "pk")
        .values_list("order_id", "pk")[:20]
    )
    busiest = list(
        Worker.objects.filter(is_active=True, user__is_active=True)
        .annotate(n=Count("assignments", filter=Q(assignments__gig__date__gte=today)))
        .order_by("-n", "pk")
        .values_list("user_id", flat=True)[:sessions_per_role]
    )
    workers = list(User.objects.filter(pk__in=busiest).order_by("pk"))
    orders = list(
        Order.objects.filter(status__in=[OrderStatus.STAFFING, OrderStatus.SCHEDULED, OrderStatus.CLOSED])
        .annotate(n=Count("gigs"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[:20]
    )
    # The invoice preview of the approved orders with the most work: the drafts at city scale.
    approved = list(
        Order.objects.filter(status=OrderStatus.APPROVED)
        .annotate(n=Count("gigs"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[:20]
    )
    # Gigs from tomorrow on that someone took (a gig of today may be over, and its link gone): the
    # message page, and the answer link of each accepted worker.
    taken = list(
        Assignment.objects.filter(status=AssignmentStatus.ACCEPTED, gig__date__gt=today, gig__cancelled_at=None)
        .select_related("gig")
        .order_by("gig__date", "pk")[:20]
    )
    # The client's account: the contacts with a login of the organisations with the most orders.
    contacts = list(
        User.objects.filter(
            pk__in=ClientContact.objects.filter(user__isnull=False, is_active=True, user__is_active=True)
            .annotate(n=Count("organisation__orders"))
            .order_by("-n", "pk")
            .values_list("user_id", flat=True)[:sessions_per_role]
        ).order_by("pk")
    )
    account = reverse("orders:client-account")
    task_type = TaskType.objects.order_by("pk").first()
    service_id = big_unit.service_id
    dashboard = reverse("coordinator:dashboard")
    dashboard_urls = [
        dashboard,
        f"{dashboard}?status=staffing",
        f"{dashboard}?status=submitted&status=terms_sent",
        f"{dashboard}?task_type={task_type.pk}",
        f"{dashboard}?unit={big_unit.pk}",
        f"{dashboard}?service={service_id}&status=scheduled",
        f"{dashboard}?q=Oy",
        f"{dashboard}?date_field=gig&date_from={today:%Y-%m-%d}",
        f"{dashboard}?date_field=created&date_from={today.replace(day=1):%Y-%m-%d}",
        f"{dashboard}?page=40",
    ]
    return {
        "coordinator_sessions": [session_key_for(u) for u in coordinators],
        "staff_sessions": [session_key_for(u) for u in staff],
        "client_sessions": [session_key_for(u) for u in contacts],
        "today_urls": [reverse("coordinator:today")],
        "client_account_urls": [account, f"{account}?page=2"],
        "worker_sessions": [session_key_for(u) for u in workers],
        "dashboard_urls": dashboard_urls,
        "order_urls": [reverse("coordinator:order", args=[pk]) for pk in orders],
        "invoice_preview_urls": [reverse("billing:invoice-preview", args=[pk]) for pk in approved],
        "propose_urls": [reverse("units:propose", args=[o, g]) for o, g in gigs],
        "propose_ids": gigs,
        "unit_stand_in_urls": [reverse("units:stand-in", args=[o, g]) for o, g in gigs],
        "coordinator_stand_in_urls": [reverse("coordinator:stand-in", args=[g]) for _o, g in gigs],
        "gig_message_urls": [reverse("coordinator:gig-message", args=[a.gig_id]) for a in taken],
        "answer_urls": [reverse("workers:gig-answer", kwargs={"token": make_answer_token(a)}) for a in taken],
        "staff_user_ids": [u.pk for u in staff],
        "worker_urls": [reverse("workers:my-gigs")],
        "order_form_url": reverse("orders:request"),
        "trivial_url": "/bench/trivial/",
        "big_unit": {"id": big_unit.pk, "workers": big_unit.n, "name": big_unit.name},
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
    }
