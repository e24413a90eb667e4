"""Run a Celery process (beat or a worker) with the application's clock moved, for the tests that
need a real process at a chosen moment (tests/orders/test_reminders_beat.py).

    python -m tests.support.frozen_clock 2031-03-03T16:00:05+02:00 <queue> -A jobcenter worker ...

The clock is moved as the demo moves it (demo/creation/run.py): freezegun, here ticking on from the
given moment. Only what the application reads is moved (`timezone.now()`, signed links, the
outbox's times): Celery, kombu, redis-py and billiard keep the real clock for their timers, socket
timeouts and schedules, because freezegun answers with the real time when the caller is one of
them (its ignore list, looked up two frames up the stack: the caller and its caller).

`<queue>` becomes the app's default queue, so beat's tasks and the tasks they queue stay with the
test's own workers, never the session worker's queue or another run's.
"""

from __future__ import annotations

import sys

# Libraries whose own reads of the clock stay real.
REAL_CLOCK = ["celery", "kombu", "redis", "billiard", "amqp", "vine", "click", "socket", "selectors", "ssl"]


def main(argv: list[str]) -> None:
    moment, queue, *celery_args = argv
    import freezegun
    import freezegun.api

    freezegun.api.call_stack_inspection_limit = 2
    freezegun.freeze_time(moment, tick=True, ignore=REAL_CLOCK).start()

    from jobcenter.celery import app

    app.conf.task_default_queue = queue
    from celery.__main__ import main as celery_main

    sys.argv = ["celery", *celery_args]
    celery_main()


if __name__ == "__main__":
    main(sys.argv[1:])
