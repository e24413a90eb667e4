"""AUTHZ-3: field-level minimisation and no mass assignment.

- A sentinel in worker A's support needs (health data) and in their benefit notes never appears in
  any page, PDF or CSV that clients, other units' staff, other workers or visitors can reach (every
  GET of the URL matrix), nor in any email in the outbox after the staff actions of the matrix.
- No ModelForm uses `fields = "__all__"` or `exclude`.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

from tests.factories.auth import login_staff
from tests.support.url_matrix import MATRIX, STAFF_ROLES, world  # noqa: F401 - `world` is the fixture

SUPPORT_SENTINEL = "SENTINEL-TUEN-TARVE-7f3a"
BENEFIT_SENTINEL = "SENTINEL-ETUUS-19bd"
OUTSIDERS = ("anon", "worker_b", "staff_y", "client_p", "client_q")
PROJECT_APPS = ("jobcenter", "units", "workers", "orders", "billing", "benefits", "web")


@pytest.fixture
def sentinels(world):  # noqa: F811
    from benefits.models import BenefitNotes
    from workers.models import Worker

    Worker.objects.filter(pk=world.worker_a.pk).update(support_needs=SUPPORT_SENTINEL)
    BenefitNotes.objects.update_or_create(
        worker=world.worker_a, defaults={"text": BENEFIT_SENTINEL, "updated_by": world.users["coord"]}
    )
    return world


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _log_in(client, world, role):  # noqa: F811
    user = world.users[role]
    if user is None:
        return
    if role in STAFF_ROLES:
        login_staff(client, user)
    else:
        client.force_login(user)


@pytest.mark.django_db
@pytest.mark.parametrize("role", OUTSIDERS)
def test_special_category_data_never_reaches_outsiders(sentinels, client, role):
    _log_in(client, sentinels, role)
    leaks = []
    for name, entry in MATRIX.items():
        if entry.method != "GET":
            continue
        response = client.get(reverse(name, kwargs=entry.kwargs(sentinels)))
        body = _body(response)
        for sentinel in (SUPPORT_SENTINEL, BENEFIT_SENTINEL):
            if sentinel.encode() in body:
                leaks.append(f"{name} ({response.status_code}): {sentinel}")
    assert not leaks, f"{role} sees special-category data:\n  " + "\n  ".join(leaks)


@pytest.mark.django_db
def test_special_category_data_never_goes_into_emails(sentinels, client, django_capture_on_commit_callbacks):
    from jobcenter.models import OutboundEmail

    for role in ("coord", "staff_x", "worker_a"):
        _log_in(client, sentinels, role)
        with django_capture_on_commit_callbacks(execute=True):
            for name, entry in MATRIX.items():
                if entry.method == "POST" and entry.expected[role] in (200, 302):
                    client.post(reverse(name, kwargs=entry.kwargs(sentinels)), entry.data(sentinels))

    assert OutboundEmail.objects.exists(), "the staff actions should have queued some email"
    for email in OutboundEmail.objects.all():
        text = " ".join([email.subject, email.body_text, email.body_html])
        assert SUPPORT_SENTINEL not in text and BENEFIT_SENTINEL not in text, email.code


# --- No mass assignment ---------------------------------------------------------------------------
def _import_project_forms():
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            leaf = module.name.rsplit(".", 1)[-1]
            if app == "web" or leaf.startswith(("forms", "views")) or leaf == "admin":
                importlib.import_module(module.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_model_form_uses_all_fields_or_exclude():
    _import_project_forms()
    found = [
        cls
        for cls in _subclasses(forms.ModelForm)
        if cls.__module__.split(".")[0] in PROJECT_APPS and hasattr(cls, "Meta")
    ]
    wrong = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in found
        if getattr(cls.Meta, "fields", None) == forms.ALL_FIELDS or getattr(cls.Meta, "exclude", None) is not None
    ]
    assert found, "no project ModelForm found: the introspection is broken"
    assert not wrong, "List the fields explicitly (AUTHZ-3, no mass assignment): " + ", ".join(wrong)


@pytest.mark.django_db
def test_sentinel_control__the_home_units_staff_do_see_it_when_they_ask(sentinels, client):
    """The control of the tests above: the sentinel is in place, and a page that may show it does."""
    _log_in(client, sentinels, "staff_x")

    response = client.post(reverse("units:worker-support-needs", kwargs={"pk": sentinels.worker_a.pk}))

    assert SUPPORT_SENTINEL.encode() in _body(response)
