"""The city-wide dataset of `manage.py seed_cityscale` for the performance work, written fast.

At `--scale 1`: 60 units (one of them with 500 workers), 5,000 workers, 3,000 client
organisations, 50,000 orders, about 150,000 gigs and 300,000 assignments, about 40,000 invoices,
and their history, feedback, payouts, certificates, access-log entries and benefit profiles, in
proportion. `--scale 0.1` makes a tenth of it.

Rows are written in bulk: PostgreSQL's COPY (one statement per table), `executemany` elsewhere.
The services are *not* used (they would take hours at this size); the command writes what they
would have written, so the data is consistent with the rules they enforce:

- an order's state follows `ORDER_NEXT_STATES` and its history rows walk that path;
- gigs exist only from `terms_accepted` on, assignments follow `ASSIGNMENT_NEXT_STATES` and agree
  with their order (a scheduled order's places are filled, a done order's work is reported, ...);
- the workers on a gig come from the units informed of its order, each once per gig;
- invoices are frozen copies with lines per order and gig date at the price list and VAT of the
  work date, numbered from the `JC` series without gaps, with valid references; monthly clients
  get one collective invoice per month; the orders of the previous month are approved and not yet
  invoiced, one for every client, so the month-end run has work for every client. Every order in
  invoiced or closed has approved work (its assignments are approved, and every unit has workers),
  so every one of them is on one of these invoices: an order is never set invoiced without one;
- the payouts of the work up to three months ago were paid before payment runs existed (paid, no
  run); the last two months' approved commission work is unpaid, so a payment run has work for
  nearly every worker (about 98 % at scale 1);
- workers' bank accounts and identity codes have valid check digits (`demo.identifiers`); one in
  200 workers has no account and another one no identity code, so a run holds them out; two users
  have the paying role (`jobcenter.pay_workers`) to approve runs;
- business IDs have valid check digits; all email addresses are on `.example` domains.

Reproducible: a fixed random seed (`--seed`). Accounts have unusable passwords (the benchmark
logs in by creating sessions, see bench/sessions.py). Refuses a database that already has workers
or orders unless `--force` (which empties the domain tables first, keeping the reference data),
and refuses to run with DEBUG off unless `--allow-without-debug` (a benchmark server).

The parts: `base` (sizes, the bulk writer, the run's clock), `words` (names and titles), `people`,
`orders`, `invoices`, `documents` (payouts, certificates, access log, benefits), put together in
`generator`.
"""

from demo.cityscale.base import SEED
from demo.cityscale.generator import CityScale, empty_domain_tables

__all__ = ["SEED", "CityScale", "empty_domain_tables"]
