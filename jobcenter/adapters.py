from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the coordinator and the units, never by self-signup."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        # A coordinator starts the day on Today, the work queue; everyone else on the front page.
        # (A `next` given to the login page wins: allauth asks this only without one.)
        from django.urls import reverse

        from jobcenter.roles import is_administrator, is_coordinator

        user = getattr(request, "user", None)
        if user is not None and is_coordinator(user) and not is_administrator(user):
            return reverse("coordinator:today")
        return super().get_login_redirect_url(request)

    def get_login_stages(self) -> list[str]:
        # A passkey never makes an emailed-code login ask for it (a lost phone must not lock a worker out).
        from jobcenter.login_stages import jobcenter_login_stages

        return jobcenter_login_stages(super().get_login_stages())
