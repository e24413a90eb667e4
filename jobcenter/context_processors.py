from django.utils.functional import SimpleLazyObject

from jobcenter.roles import roles_of


def roles(request):
    """`roles` in every template: e.g. `{% if "coordinator" in roles %}`. Evaluated only when used."""
    return {"roles": SimpleLazyObject(lambda: roles_of(getattr(request, "user", None)))}
