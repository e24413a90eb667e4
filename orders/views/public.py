"""The client's public pages: the order form and the feedback form behind the emailed link."""

from django.http import Http404


def order_request(request):
    raise Http404  # built by the "four user surfaces" issue


def order_request_done(request, pk):
    raise Http404


def feedback(request, token):
    raise Http404
