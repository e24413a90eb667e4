"""The login forms (password, and login by a code sent by email) under any input, as Hypothesis
properties: no input makes them fail, and neither a wrong password nor a guessed code logs in.
"""

from __future__ import annotations

from django.core.cache import cache
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from jobcenter.models import User
from tests.support.properties import ANY_TEXT, NASTY, PROPERTY


# --- Login and login by code ----------------------------------------------------------------------
class LoginProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_user(email="client@example.org", password="correct horse battery")

    def logged_in(self) -> bool:
        return "_auth_user_id" in self.client.session

    @PROPERTY
    @given(login=st.one_of(NASTY, ANY_TEXT, st.just("client@example.org")), password=st.one_of(NASTY, ANY_TEXT))
    def test_login_form_never_fails_and_never_lets_a_wrong_password_in(self, login, password):
        cache.clear()
        assume(password != "correct horse battery")
        response = self.client.post("/accounts/login/", {"login": login, "password": password})
        assert response.status_code in {200, 302, 429}
        assert not self.logged_in()

    @PROPERTY
    @given(email=st.one_of(NASTY, ANY_TEXT, st.just("client@example.org")), code=st.one_of(NASTY, ANY_TEXT))
    def test_login_by_code_never_fails_and_a_guessed_code_never_logs_in(self, email, code):
        cache.clear()
        response = self.client.post("/accounts/login/code/", {"email": email})
        assert response.status_code in {200, 302, 429}
        response = self.client.post("/accounts/login/code/confirm/", {"code": code})
        assert response.status_code in {200, 302, 429}
        assert not self.logged_in()
