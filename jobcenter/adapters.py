from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the coordinator and the units, never by self-signup."""

    def is_open_for_signup(self, request) -> bool:
        return False
