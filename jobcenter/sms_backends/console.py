"""Development and tests: a text message is written to standard output (the worker's log), never sent."""

from __future__ import annotations

import sys
import threading

from jobcenter.sms_backends.base import SmsMessage


class ConsoleSmsBackend:
    # One message is written whole even when two threads send at once.
    _lock = threading.Lock()

    def __init__(self, stream=None):
        self.stream = stream

    def send(self, message: SmsMessage) -> str:
        stream = self.stream or sys.stdout
        with self._lock:
            stream.write(f"SMS {message.reference} to {message.to}\n{message.text}\n{'-' * 40}\n")
            stream.flush()
        return f"console-{message.reference}"
