from django.http import Http404


def my_gigs(request):
    raise Http404  # built by the "four user surfaces" issue
