"""The administrator makes a token of the figures API in the admin and sees its secret once, and
revokes it there; nobody else gets to the tokens."""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from jobcenter.api_tokens.models import ApiToken
from jobcenter.api_tokens.services import api_token_create, api_token_revoke
from jobcenter.errors import ActionNotPermitted
from tests.factories import AdministratorFactory, CoordinatorFactory
from tests.factories.auth import login_staff
from tests.support.api import api_token

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:jobcenter_apitoken_changelist"


@pytest.fixture
def admin_user():
    return AdministratorFactory()


@pytest.fixture
def admin_client(client, admin_user):
    login_staff(client, admin_user)
    return client


def test_token_admin__making_a_token_shows_its_secret_once_and_keeps_only_the_hash(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:jobcenter_apitoken_add"), {"name": "City reporting", "scope": "figures"}
    )

    assert response.status_code == 200
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith("jcf_") and len(secret) > 40
    assert secret in response.content.decode()
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.created_by == admin_user and token.name == "City reporting"
    assert "no-store" in response["Cache-Control"]
    # Not shown again: the token's own page has no secret on it.
    page = admin_client.get(reverse("admin:jobcenter_apitoken_change", args=[token.pk])).content.decode()
    assert secret not in page and token.secret_hash not in page


def test_token_admin__revoke_action_stops_the_token(admin_client, client):
    token, secret = api_token()

    response = admin_client.post(
        reverse(CHANGELIST), {"action": "revoke", helpers.ACTION_CHECKBOX_NAME: [token.pk], "index": 0}, follow=True
    )

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "1 avain peruttu." in response.content.decode()  # the admin in Finnish, the default language


def test_token_admin__the_list_and_change_pages_open_and_nothing_can_be_deleted(admin_client):
    token, _secret = api_token()

    assert admin_client.get(reverse(CHANGELIST)).status_code == 200
    page = admin_client.get(reverse("admin:jobcenter_apitoken_change", args=[token.pk]))
    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode()  # read-only once made
    assert admin_client.get(reverse("admin:jobcenter_apitoken_delete", args=[token.pk])).status_code == 403


def test_token_admin__a_coordinator_does_not_see_the_tokens(client):
    coordinator = CoordinatorFactory(is_staff=True)
    login_staff(client, coordinator)

    assert client.get(reverse(CHANGELIST)).status_code == 403


def test_token_services__only_an_administrator_makes_or_revokes(admin_user):
    coordinator = CoordinatorFactory()
    with pytest.raises(ActionNotPermitted):
        api_token_create(name="x", created_by=coordinator)
    token, _secret = api_token_create(name="x", created_by=admin_user)
    with pytest.raises(ActionNotPermitted):
        api_token_revoke(token=token, by=coordinator)
    assert api_token_revoke(token=token, by=admin_user) is True
    assert api_token_revoke(token=token, by=admin_user) is False
