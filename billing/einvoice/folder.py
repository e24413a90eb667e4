"""The shipped e-invoice transport: each message as one file in an outbound folder, which the
operator's SFTP client collects (JOBCENTER_EINVOICE_OUTBOX_DIR).

A file appears whole or not at all: the message is written to a hidden temporary file in the same
folder, flushed to disk, then linked under its final name. Linking, unlike renaming, refuses a name
that exists, so a message never replaces one that the operator has not collected yet. A collector
must skip names starting with a dot (the temporary files).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from billing.einvoice.transport import OutboundMessage, PermanentTransportError, Receipt, TemporaryTransportError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(message: OutboundMessage) -> str:
    """One name per invoice: its number, and the message id when that differs."""
    number = _UNSAFE.sub("_", message.invoice_number).strip("._") or "invoice"
    ident = _UNSAFE.sub("_", message.message_id).strip("._")
    return f"finvoice_{number}.xml" if ident in ("", number) else f"finvoice_{number}_{ident}.xml"


class FolderTransport:
    def __init__(self, directory: str | os.PathLike | None = None) -> None:
        self.directory = Path(directory or settings.JOBCENTER_EINVOICE_OUTBOX_DIR)

    def send(self, message: OutboundMessage) -> Receipt:
        name = file_name(message)
        final = self.directory / name
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=self.directory)
        except OSError as exc:
            raise TemporaryTransportError(f"{type(exc).__name__}: {exc}") from exc
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(message.content)
                stream.flush()
                os.fsync(stream.fileno())
            os.link(temporary, final)
            _sync_directory(self.directory)
        except FileExistsError:
            raise PermanentTransportError(
                _("The file %(name)s is already in the outbound folder and has not been collected yet.")
                % {"name": name}
            ) from None
        except OSError as exc:
            raise TemporaryTransportError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
        return Receipt(message_id=message.message_id, location=name)


def _sync_directory(directory: Path) -> None:
    """Make the new name itself durable (the file's data was synced before it was linked)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # not every platform opens directories; the data is on disk already
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
