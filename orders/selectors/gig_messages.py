"""Who gets a message to everyone on a gig, and by which channel. The coordinator's page shows this
list before sending and the service sends to exactly it (`orders.services.gig_messages`).

- every worker who took the gig (accepted), by her own choice of email and text message;
- the staff member of her unit who comes along (email);
- the client's contact person, only when the sender asks for it (email).

Each person once: a staff member along with two workers, or a contact who is also that staff
member, gets one message.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

from orders.models import Assignment, AssignmentStatus, Gig
from orders.selectors.changes import ROLE_LABELS
from workers.contact import EMAIL, SMS, worker_channels
from workers.models import Worker

CHANNEL_LABELS = {
    (EMAIL,): pgettext_lazy("message channel", "email"),
    (SMS,): pgettext_lazy("message channel", "text message"),
    (EMAIL, SMS): pgettext_lazy("message channel", "email and text message"),
}


@dataclass(frozen=True)
class MessageRecipient:
    role: str  # "worker", "staff" or "client" (orders.selectors.changes.ROLE_LABELS)
    name: str
    email: str
    language: str
    channels: tuple[str, ...] = (EMAIL,)
    phone: str = ""  # where a text message goes (a worker who gets them)
    worker: Worker | None = None

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role])

    @property
    def channel_label(self) -> str:
        return str(CHANNEL_LABELS[self.channels])


def gig_message_recipients(*, gig: Gig, include_client: bool) -> list[MessageRecipient]:
    """Who a message about `gig` reaches (see the module's docstring), workers first."""
    accepted = list(
        Assignment.objects.filter(gig=gig, status=AssignmentStatus.ACCEPTED)
        .select_related("worker__user", "support_person")
        .defer("worker__support_needs")
        .order_by("worker__user__last_name", "worker__user__first_name", "pk")
    )
    found: list[MessageRecipient] = []
    seen: set[str] = set()

    def add(recipient: MessageRecipient) -> None:
        key = recipient.email.lower()
        if recipient.email and key not in seen:
            seen.add(key)
            found.append(recipient)

    for a in accepted:
        worker, user = a.worker, a.worker.user
        channels = worker_channels(worker)
        phone = user.phone if SMS in channels else ""
        add(MessageRecipient("worker", worker.display_name, user.email, user.language or "fi", channels, phone, worker))
    for a in accepted:
        if a.support_person_id:
            person = a.support_person
            add(
                MessageRecipient("staff", person.get_full_name() or person.email, person.email, person.language or "fi")
            )
    if include_client:
        order = gig.order
        add(MessageRecipient("client", order.contact.name, order.contact.email, order.language or "fi"))
    return found
