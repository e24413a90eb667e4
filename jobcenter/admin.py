"""Admin of users and the email outbox, and the helpers every app's admin uses.

State changes in the admin go only through the services: an admin action calls one service per
selected object and reports each refusal (`DomainError.message`) as an error message. Actions
that need input (a reason, units, a date) first show a small form page (`form_action`).

Every app's admin builds on `ModelAdmin` and `TabularInline` below: their forms (and those of the
action pages) refuse invisible text-direction characters in text, like the pages' forms do
(`jobcenter.forms.NoBidiControlsMixin`; a test checks every registered admin).
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from jobcenter.errors import DomainError
from jobcenter.forms import text_safe_form
from jobcenter.models import OutboundEmail, User
from jobcenter.roles import Role, is_coordinator, roles_of

ROLE_LABELS = {
    Role.ADMINISTRATOR: _("administrator"),
    Role.COORDINATOR: _("coordinator"),
    Role.UNIT_STAFF: _("unit staff"),
    Role.WORKER: _("worker"),
    Role.CLIENT_CONTACT: _("client contact"),
}


# --- Text checks of the admin's forms --------------------------------------------------------------
class TextSafeAdminMixin:
    """The admin's change, add, list-edit and inline forms refuse bidirectional controls in text,
    whatever form class the admin declares or builds."""

    def get_form(self, request, obj=None, **kwargs):
        return text_safe_form(super().get_form(request, obj, **kwargs))

    def get_changelist_form(self, request, **kwargs):
        return text_safe_form(super().get_changelist_form(request, **kwargs))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = text_safe_form(formset.form)
        return formset


class ModelAdmin(TextSafeAdminMixin, admin.ModelAdmin):
    """The base of every model admin of the project."""

    # A rule's source address typed without a scheme is an official https page, not http (Django 6
    # assumes https too; 5.2 warns until it is said).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class TabularInline(TextSafeAdminMixin, admin.TabularInline):
    """The base of every inline of the project."""


# --- Helpers for actions that call services -------------------------------------------------------
class CoordinatorActionsMixin:
    """`@admin.action(permissions=["coordinate"])` shows an action to coordinators only."""

    def has_coordinate_permission(self, request) -> bool:
        return is_coordinator(request.user)


def run_service(
    modeladmin: admin.ModelAdmin,
    request,
    queryset,
    call: Callable[[object], object],
    *,
    done: Callable[[int], str],
) -> int:
    """Call `call(obj)` for each selected object. A refusal is shown per object and changes nothing
    for that object (each service runs in its own transaction). Returns how many succeeded."""
    succeeded = 0
    for obj in queryset:
        try:
            call(obj)
        except DomainError as err:
            modeladmin.message_user(request, f"{obj}: {err.message}", level=messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done(succeeded), level=messages.SUCCESS)
    return succeeded


def form_action(
    modeladmin: admin.ModelAdmin,
    request,
    queryset,
    *,
    action: str,
    form_class: type[forms.Form],
    title: str,
    intro: str,
    submit_label: str,
    call: Callable[[object, dict], object],
    done: Callable[[int], str],
    form_kwargs: dict | None = None,
):
    """An action with a confirmation page that asks for input (e.g. a reason) before it runs.

    The page posts back to the changelist with the same action and selection plus `_confirm`; the
    services run only when the form is valid, so e.g. a rejection without a reason is impossible.
    """
    form_kwargs = form_kwargs or {}
    form_class = text_safe_form(form_class)
    if request.POST.get("_confirm"):
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            run_service(modeladmin, request, queryset, lambda obj: call(obj, form.cleaned_data), done=done)
            return None  # back to the changelist, which shows the messages
    else:
        form = form_class(**form_kwargs)
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "submit_label": submit_label,
        "objects": list(queryset),
        "form": form,
        "action_name": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": opts,
        "app_label": opts.app_label,
        "media": modeladmin.media + form.media,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "admin/jobcenter/form_action.html", context)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        help_text=_("Saved in the history."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Write the reason."))
        return reason


class ReadOnlyAdminMixin:
    """Nobody adds, changes or deletes these rows in the admin, not even a superuser."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(ReadOnlyAdminMixin, TabularInline):
    """A history or related rows shown on the parent's page, never edited there."""

    extra = 0
    can_delete = False
    show_change_link = False


# --- Users ----------------------------------------------------------------------------------------
class UserCreationAdminForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "first_name", "last_name", "language")
        field_classes = {}

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("A user with this email address already exists."))
        return email


class UserChangeAdminForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = (
            "email",
            "password",
            "first_name",
            "last_name",
            "phone",
            "language",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
            "last_login",
            "date_joined",
        )
        field_classes = {}

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("A user with this email address already exists."))
        return email


@admin.register(User)
class UserAdmin(TextSafeAdminMixin, DjangoUserAdmin):
    """Users log in with their email address; there is no username."""

    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "phone", "language")}),
        (
            _("Permissions"),
            {
                "fields": ("roles", "is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "description": _(
                    "Roles come from records: a coordinator has the “Can coordinate the Jobcenter” "
                    "permission (or the Coordinators group), unit staff a unit membership, "
                    "a worker a worker profile, a client contact a contact row. "
                    "“Staff status” only opens this admin."
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "first_name",
                    "last_name",
                    "language",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = ("email", "first_name", "last_name", "is_staff", "is_superuser", "is_active", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "language")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("roles", "last_login", "date_joined")

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        found = roles_of(obj)
        return ", ".join(str(label) for role, label in ROLE_LABELS.items() if role in found) or "–"


# --- Outbox --------------------------------------------------------------------------------------
@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("created_at", "code", "to", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "code", "language")
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"
    fields = (
        "code",
        "to",
        "language",
        "subject",
        "body_text",
        "body_html",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    )


def n_done(message) -> Callable[[int], str]:
    """A success message with the number of objects:
    n_done(ngettext_lazy("%(count)d order: terms sent.", "%(count)d orders: terms sent.", "count")).
    The caller writes ngettext_lazy itself, as makemessages extracts only gettext's own names; the
    number named "count" picks the plural form when the message is formatted."""
    return lambda count: message % {"count": count}


# The figures API's tokens have their own admin module (it builds on the helpers above).
from jobcenter.api_tokens import admin as _api_tokens_admin  # noqa: E402, F401
