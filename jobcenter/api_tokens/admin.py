"""The administrator's page of the API tokens: make one (its secret is shown once), revoke one.

Only administrators see the tokens. A token is made and revoked only through the services
(`jobcenter.api_tokens.services`); nothing else about a token can be changed, and a token is never
deleted, so the list keeps who made which token and when it was last used."""

from __future__ import annotations

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from jobcenter.admin import ModelAdmin, n_done, run_service
from jobcenter.api_tokens.models import ApiToken
from jobcenter.api_tokens.services import api_token_create, api_token_revoke
from jobcenter.roles import is_administrator


@admin.register(ApiToken)
class ApiTokenAdmin(ModelAdmin):
    list_display = ("name", "scope", "created_by", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("name",)
    actions = ("revoke",)
    add_fields = ("name", "scope")
    shown_fields = ("name", "scope", "created_by", "created_at", "last_used_at", "revoked_at")

    # --- Administrators only, and no deleting ------------------------------------------------------
    def has_module_permission(self, request) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        # The change page only shows the token; the revoke action needs this permission.
        return is_administrator(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else self.shown_fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.shown_fields

    # --- Making a token: through the service, and the secret shown once --------------------------
    def save_model(self, request, obj, form, change):
        if change:
            return  # every field is read-only once the token exists
        token, secret = api_token_create(name=obj.name, scope=obj.scope, created_by=request.user)
        obj.pk = token.pk
        obj.secret_hash, obj.created_by, obj.created_at = token.secret_hash, token.created_by, token.created_at
        obj._state.adding = False
        obj._secret_once = secret

    def response_add(self, request, obj, post_url_continue=None):
        # The secret is in this one response only (never in a message, the session or a log):
        # the page says to copy it now. The response is not cached (jobcenter.headers).
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Copy the token now"),
            "token": obj,
            "secret": obj._secret_once,
            "opts": opts,
            "app_label": opts.app_label,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/jobcenter/apitoken/secret_once.html", context)

    # --- Revoking ---------------------------------------------------------------------------------
    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        run_service(
            self,
            request,
            queryset.filter(revoked_at__isnull=True),
            lambda token: api_token_revoke(token=token, by=request.user),
            done=n_done(ngettext_lazy("%(count)d token revoked.", "%(count)d tokens revoked.", "count")),
        )
