"""The form for a worker's bank account and identity code, used by the coordinator's and the unit's page.

The fields start empty: the current values are never put into the page (it shows them masked).
An empty field keeps the current value; the "remove" boxes clear one. The checks are the
service's own functions (`billing.services.payment_details`), so the page says in plain words
what is wrong before anything is saved, and the service checks again whoever calls it.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from billing.services.payment_details import (
    KEEP,
    bic_problem,
    normalize_bic,
    normalize_iban,
    normalize_identity_code,
)
from jobcenter.forms import HdsForm

# Field names that the views hide from Django's error reports (`sensitive_post_parameters`).
SENSITIVE_FIELDS = ("iban", "bic", "personal_identity_code")

_CODE_INPUT = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}


class PaymentDetailsForm(HdsForm):
    iban = forms.CharField(
        label=_("New account number (IBAN)"),
        required=False,
        max_length=50,  # 34 characters and the spaces a person types between the groups
        help_text=_("Write it only when the account changes. An empty field keeps the current account."),
        widget=forms.TextInput(attrs=_CODE_INPUT),
    )
    bic = forms.CharField(
        label=_("BIC of the bank"),
        required=False,
        max_length=14,
        help_text=_("Needed only for an account outside Finland."),
        widget=forms.TextInput(attrs=_CODE_INPUT),
    )
    remove_iban = forms.BooleanField(label=_("Remove the account number"), required=False)
    personal_identity_code = forms.CharField(
        label=_("New personal identity code"),
        required=False,
        max_length=20,
        help_text=_("Write it only when it is missing or wrong. An empty field keeps the current code."),
        widget=forms.TextInput(attrs=_CODE_INPUT),
    )
    remove_identity_code = forms.BooleanField(label=_("Remove the identity code"), required=False)

    def __init__(self, *args, current_iban_country: str = "", **kwargs):
        # The country of the account that stays when no new one is typed ("" when there is none):
        # whether a BIC is needed depends on it. The masked value shows the country anyway.
        self.current_iban_country = current_iban_country
        super().__init__(*args, **kwargs)

    def clean_iban(self) -> str:
        return normalize_iban(self.cleaned_data.get("iban"))

    def clean_bic(self) -> str:
        return normalize_bic(self.cleaned_data.get("bic"))

    def clean_personal_identity_code(self) -> str:
        return normalize_identity_code(self.cleaned_data.get("personal_identity_code"))

    def clean(self):
        data = super().clean()
        iban, code = data.get("iban"), data.get("personal_identity_code")
        if iban and data.get("remove_iban"):
            self.add_error("remove_iban", _("Write a new account number or remove it, not both."))
        if code and data.get("remove_identity_code"):
            self.add_error("remove_identity_code", _("Write a new identity code or remove it, not both."))
        if "iban" in data and "bic" in data and not self.errors:
            account = "" if data.get("remove_iban") else (iban or self.current_iban_country)
            problem = bic_problem(account, data["bic"])
            if problem:
                self.add_error("bic", problem)
        return data

    def service_values(self) -> dict[str, str | None]:
        """The cleaned form as the service takes it: None keeps a value, "" clears it."""
        data = self.cleaned_data
        if data.get("remove_iban"):
            iban = ""
        else:
            iban = data.get("iban") or KEEP
        if data.get("remove_identity_code"):
            code = ""
        else:
            code = data.get("personal_identity_code") or KEEP
        return {"iban": iban, "bic": data.get("bic", ""), "personal_identity_code": code}
