"""allauth's login stages as Jobcenter needs them (`jobcenter.adapters.AccountAdapter.get_login_stages`).

allauth asks for the second factor after any login of a user who has one, a passkey included. A
worker logs in with an emailed code; if her passkey made that code login ask for the passkey too,
a lost or broken phone would lock her out of her gigs. So after a code (or password) login only an
authenticator app (TOTP) is asked for, as before; a passkey is optional: it logs her in from the
login page ("Sign in with a passkey", a strong session from the start) or opens her figures later,
and without it she gets a weak session, just without the figures until the unit helps.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage
from allauth.mfa.utils import is_mfa_enabled

ALLAUTH_AUTHENTICATE_STAGE = "allauth.mfa.stages.AuthenticateStage"


class AuthenticatorAppStage(AuthenticateStage):
    """allauth's second-factor stage (same key and page), asked only of users with an authenticator app."""

    def _should_handle(self, request) -> bool:
        if self.login.user is None or not is_mfa_enabled(self.login.user, [Authenticator.Type.TOTP]):
            return False
        return super()._should_handle(request)


def jobcenter_login_stages(stages: list[str]) -> list[str]:
    """allauth's list with its second-factor stage replaced by ours."""
    ours = f"{__name__}.{AuthenticatorAppStage.__name__}"
    return [ours if path == ALLAUTH_AUTHENTICATE_STAGE else path for path in stages]
