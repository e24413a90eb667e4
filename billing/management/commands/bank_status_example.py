"""`manage.py bank_status_example <run id>`: the status report a bank would return for a run's file.

For the demo and for training, where no bank answers: it reads the approved run's bank file and
writes the bank's status report (ISO 20022 pain.002.001.03, the German banks' SEPA profile that the
upload checks) to standard output or a file, ready to be uploaded on the run's page. It changes
nothing in the database.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from billing.bank_files.pain001 import credit_transfer_xml, transfers_of
from billing.bank_files.simulated import status_report_for
from billing.models import PaymentRun, PaymentRunStatus


class Command(BaseCommand):
    help = (
        "Write the bank's status report (pain.002.001.03) for an approved payment run's bank file, as a "
        "bank would return it: by default every payment went through; --reject N rejects the first N "
        "payments of the file (reason --reason, AC04 'account closed' by default), --reject-all the whole "
        "file. Upload the result on the run's page to mark its payments paid or rejected. Writes to "
        "standard output unless --output is given; changes nothing in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("run_id", type=int, help="The id of an approved payment run.")
        parser.add_argument(
            "--reject", type=int, default=0, metavar="N", help="Reject the first N payments of the file."
        )
        parser.add_argument("--reject-all", action="store_true", help="Reject the whole file (the group status RJCT).")
        parser.add_argument(
            "--reason",
            default="AC04",
            help="The ISO reason code of the rejections (AC04 account closed, AC01 wrong IBAN, AM04 no funds, ...).",
        )
        parser.add_argument(
            "--message-id", default=None, help="The report's MsgId (default: one derived from the answer)."
        )
        parser.add_argument("--output", type=Path, default=None, help="Write the report to this file.")

    def handle(self, *args, run_id: int, reject: int, reject_all: bool, reason: str, message_id, output, **options):
        run = PaymentRun.objects.filter(pk=run_id).first()
        if run is None:
            raise CommandError(f"There is no payment run {run_id}.")
        if run.status != PaymentRunStatus.APPROVED or not run.message_id:
            raise CommandError(f"Payment run {run_id} is {run.status}: only an approved run has a bank file.")
        reason = reason.strip().upper()
        if not 1 <= len(reason) <= 4:
            raise CommandError("A reason code has one to four characters, such as AC04.")
        transfers = list(transfers_of(run))
        if not 0 <= reject <= len(transfers):
            raise CommandError(f"The run's file has {len(transfers)} payments: --reject takes 0 to {len(transfers)}.")
        pain001 = run.bank_file.read() if run.bank_file else credit_transfer_xml(run)
        try:
            content = status_report_for(
                pain001,
                rejected={payout.end_to_end_id: reason for payout in transfers[:reject]},
                message_id=message_id,
                group_rejected=reason if reject_all else "",
            )
        except ValueError as error:  # e.g. a --message-id outside the SEPA characters
            raise CommandError(str(error)) from None
        if output is None:
            self.stdout.write(content.decode("utf-8"), ending="")
        else:
            output.write_bytes(content)
            self.stderr.write(f"Wrote the status report of payment run {run_id} to {output}.")
