from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the coordinator and the units, never by self-signup."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_stages(self) -> list[str]:
        # A passkey never makes an emailed-code login ask for it (a lost phone must not lock a worker out).
        from jobcenter.login_stages import jobcenter_login_stages

        return jobcenter_login_stages(super().get_login_stages())
