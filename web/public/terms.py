from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache

from billing.cancellation import rule_on
from billing.selectors_estimate import order_estimate
from jobcenter.errors import DomainError
from orders import services
from orders.client_links import make_client_order_token
from orders.forms import TermsAcceptanceForm
from orders.models import Order, OrderStatus
from orders.tokens import read_terms_token


@never_cache
def terms_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the signed link in the terms email: read the terms, confirm billing, accept.

    A tampered, expired or already used link shows a clear page and changes nothing.
    """
    try:
        link = read_terms_token(token)
    except signing.SignatureExpired:
        return render(request, "orders/terms_link_problem.html", {"problem": "expired"}, status=410)
    except signing.BadSignature:
        return render(request, "orders/terms_link_problem.html", {"problem": "invalid"}, status=404)
    order = Order.objects.select_related("client", "contact", "terms").filter(pk=link.order_id).first()
    if order is None:
        return render(request, "orders/terms_link_problem.html", {"problem": "invalid"}, status=404)
    if order.status != OrderStatus.TERMS_SENT:
        problem = "used" if order.terms_accepted_at else "closed"
        return render(request, "orders/terms_link_problem.html", {"problem": problem, "order": order}, status=410)
    if order.terms_sent_at is None or int(order.terms_sent_at.timestamp()) != link.sent_stamp:
        # A newer email replaced this link.
        return render(request, "orders/terms_link_problem.html", {"problem": "replaced"}, status=410)

    translation.activate(order.language)
    request.LANGUAGE_CODE = order.language
    form = TermsAcceptanceForm(request.POST or None, instance=order.client)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                billing = {name: form.cleaned_data[name] for name in form.Meta.fields}
                services.client_billing_update(organisation_id=order.client_id, **billing)
                services.order_accept_terms(
                    order_id=order.pk,
                    terms_version=link.terms_version,
                    accepted_name=form.cleaned_data["accepted_name"],
                )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            order.refresh_from_db()
            # The order's own link: its gigs, and cancelling one, without logging in.
            link = reverse("orders:client-link", args=[make_client_order_token(order)])
            return render(request, "orders/terms_accepted.html", {"order": order, "client_link": link})
    return render(
        request,
        "orders/terms_accept.html",
        {
            "order": order,
            "form": form,
            "terms_text": order.terms.text_in(order.language),
            # The dated cancellation rule in force, stated with the terms the client accepts.
            "cancellation_rule": rule_on(timezone.localdate()),
            # The price of each work date with its VAT, and the estimate the PDF will keep.
            "estimate": order_estimate(order),
        },
    )
