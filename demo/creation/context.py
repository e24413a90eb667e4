"""The state of one seeding run: the clock, and what the earlier steps created.

The services stamp every record with the current time and refuse work in the past (a gig dated
before today, a "done" report before the gig's day). The demo's history is therefore entered with
the clock frozen (freezegun) at the moment each step happened: one frozen clock for the whole run,
moved from step to step, because starting freezegun scans every loaded module (about 20 ms).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.utils import timezone

from demo.creation.logins import DEMO_PASSWORD
from jobcenter.models import User
from jobcenter.services import user_create
from orders.models import Order, TaskType
from units.models import WorkActivityService
from workers.models import Worker, WorkerGroup

# Fixed namespace: the same demo order always gets the same submission key.
DEMO_NAMESPACE = uuid.UUID("6c1f5d0e-2b7a-4c36-9a51-0d3f8e8b7c21")


def order_key(key: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, key)


class DemoContext:
    def __init__(self):
        self.tz = ZoneInfo(settings.TIME_ZONE)
        # Read the real clock before it is frozen.
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.clock = None  # a started `freezegun.freeze_time`, set by `demo.creation.run`
        self.created = 0  # records this run created; 0 on a second run
        self.order_keys: list[uuid.UUID] = []
        self.services: dict[str, WorkActivityService] = {}
        self.units: dict = {}  # key -> Unit
        self.staff: dict[tuple[str, str], User] = {}  # (unit key, role) -> User
        self.workers: dict[str, Worker] = {}
        self.groups: dict[str, WorkerGroup] = {}
        self.task_types = {t.code: t for t in TaskType.objects.all()}
        self.admin: User | None = None
        self.coordinator: User | None = None
        self._password_hash = None

    # --- Time ------------------------------------------------------------------------------------
    def at(self, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
        """A moment `day` days from today (negative: in the past), local time; never in the future."""
        moment = dt.datetime.combine(self.date(day), dt.time(hour, minute), tzinfo=self.tz)
        if moment > self.now:
            raise CommandError(f"Internal error: a demo step is dated in the future ({moment}).")
        return moment

    def today_at(self, hour: int, minute: int = 0) -> dt.datetime:
        """Today at that time, or a minute ago when the seed runs earlier in the day."""
        moment = dt.datetime.combine(self.today, dt.time(hour, minute), tzinfo=self.tz)
        return min(moment, self.now - dt.timedelta(minutes=1))

    def date(self, day: int) -> dt.date:
        return self.today + dt.timedelta(days=day)

    def day_of(self, date: dt.date) -> int:
        """The inverse of `date`: how many days from today `date` is."""
        return (date - self.today).days

    @contextlib.contextmanager
    def frozen(self, moment: dt.datetime):
        """Run the block as if it were `moment` (the clock stays there until moved again)."""
        self.clock.move_to(moment)
        yield

    # --- Records ---------------------------------------------------------------------------------
    @property
    def password_hash(self) -> str:
        """The demo password hashed once: hashing 25 times would take most of the run."""
        if self._password_hash is None:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    def user(self, *, email: str, first_name: str, last_name: str, language: str = "fi", **extra) -> User:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_create(
                email=email,
                first_name=first_name,
                last_name=last_name,
                password_hash=self.password_hash,
                language=language,
                **extra,
            )
            self.created += 1
        return user

    def order(self, key: str) -> Order | None:
        """The demo order seeded under `key` (None when it does not exist)."""
        return Order.objects.filter(submission_key=order_key(key)).select_related("client").first()

    def unit_key(self, worker: Worker) -> str:
        return next(key for key, unit in self.units.items() if unit.pk == worker.home_unit_id)
