"""The demo data of `manage.py seed_demo`, one module per area.

- `context`: the seeding run's clock and what earlier steps created (units, staff, workers...);
- `logins`: the published password, TOTP secret and the logins printed at the end;
- `people`: services, units, their staff and the workers;
- `clients`: the client organisations and how a demo order is submitted;
- `steps`: each order step as one service call at its own moment;
- `orders_done`, `orders_open`: the demo orders, with work done and still ahead;
- `billing`: invoices, the city's monthly invoice, a credit note, payments, payouts, certificates;
- `benefits`: the workers' benefits, consents and clarifications;
- `run`: everything in order, in one transaction.
"""
