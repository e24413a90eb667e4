"""Domain errors. Every refusal carries a message a person understands (shown as-is in the UI)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A business rule refused the action. `message` is safe to show to the user."""

    default_message = _("This action is not possible.")

    def __init__(self, message: str | None = None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class TransitionNotAllowed(DomainError):
    """The object's current state does not allow the requested change."""

    def __init__(self, *, label: str, current: str, target: str, message: str | None = None):
        self.current = current
        self.target = target
        super().__init__(
            message
            or _("%(label)s is “%(current)s”, so it cannot be changed to “%(target)s”.")
            % {"label": label, "current": current, "target": target}
        )


class ActionNotPermitted(DomainError, PermissionDenied):
    """The acting user's role does not allow the action (a 403 in views)."""

    default_message = _("You do not have permission to do this.")
