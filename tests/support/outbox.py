"""The email outbox's test tools: a real SMTP server stub, Django's SMTP backend pointed at it
(the `smtp` fixture), a queued email, and the coordinator's outbox pages.

A pytest plugin (the root conftest lists it in `pytest_plugins`), so every module has `smtp`.
"""

from __future__ import annotations

import socket
import threading

import pytest
from django.urls import reverse
from django.utils import translation

from jobcenter.models import OutboundEmail


# --- A real SMTP server, scripted ------------------------------------------------------------------
class SmtpStub:
    """A minimal SMTP server on 127.0.0.1 in a thread. `answers` says how each message's end of DATA
    is answered, in turn: "250" accepts it (recorded in `accepted`), "451"/"550" refuse it, "block"
    records that the message arrived (`arrived`) and then never answers. After the list, "250"."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.accepted: list[bytes] = []
        self.refused: list[bytes] = []
        self.arrived = threading.Event()
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _next_answer(self) -> str:
        with self._lock:
            return self.answers.pop(0) if self.answers else "250"

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _addr = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket):
        conn.settimeout(30)
        reader = conn.makefile("rb")
        try:
            conn.sendall(b"220 stub ESMTP\r\n")
            while not self._stop.is_set():
                line = reader.readline()
                if not line:
                    return
                command = line.strip().upper()
                if command.startswith((b"EHLO", b"HELO")):
                    conn.sendall(b"250 stub\r\n")
                elif command.startswith((b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                    conn.sendall(b"250 OK\r\n")
                elif command == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    data = b""
                    while (chunk := reader.readline()) not in (b".\r\n", b""):
                        data += chunk
                    answer = self._next_answer()
                    if answer == "block":
                        self.arrived.set()
                        self._stop.wait(120)  # the client waits for an answer that never comes
                        return
                    if answer == "250":
                        self.accepted.append(data)
                        conn.sendall(b"250 queued\r\n")
                    else:
                        self.refused.append(data)
                        conn.sendall(f"{answer} {'try again later' if answer < '500' else 'no such user'}\r\n".encode())
                elif command == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"502 not implemented\r\n")
        except OSError:
            return
        finally:
            conn.close()

    def close(self):
        self._stop.set()
        self._sock.close()


@pytest.fixture
def smtp(settings):
    """A fresh SMTP stub, and Django's SMTP backend pointed at it (in this process)."""
    stub = SmtpStub()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = stub.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield stub
    stub.close()


def queued(to: str = "client@example.org", **fields) -> OutboundEmail:
    """An email in the outbox, waiting to be sent unless `fields` say otherwise."""
    return OutboundEmail.objects.create(code="test", to=to, subject="Tilaus vastaanotettu", body_text="Hei!", **fields)


def outbox_url(*args, name="emails"):
    """The coordinator's outbox page (or another `coordinator:` page by `name`), in English."""
    with translation.override("en"):
        return reverse(f"coordinator:{name}", args=args)
