from django.http import Http404


def needs(request):
    raise Http404  # built by the "four user surfaces" issue
