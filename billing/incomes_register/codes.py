"""The Incomes Register's code values that our earnings payment reports use, each in one place.

Where each value was found, and which could not be confirmed from the register's own published
texts, is written in docs/incomes-register.md ("Codes"). In short:

- 336 Työkorvaus (commission fee) and 402 Ennakonpidätys (withholding): the register's list of
  income types of wages, confirmed.
- Identifier types 1 (business ID, Y-tunnus) and 2 (Finnish personal identity code): the
  register's error-code texts name them so, confirmed from a copy of that list.
- Delivery data type 100 (earnings payment reports), action codes 1 (new report) and
  2 (replacement report), FaultyControl 1: the meaning of each field is confirmed, the number
  values are NOT confirmed from an official text (they are the values the shared example and
  independent implementations use). Check them against the register's code sets before the first
  production delivery.
"""

from __future__ import annotations

# Income types (tulolaji) of the earnings payment report.
INCOME_TYPE_COMMISSION_FEE = 336  # Työkorvaus
INCOME_TYPE_WITHHOLDING = 402  # Ennakonpidätys

# DeliveryData/DeliveryDataType: the record is earnings payment reports (new and replacement).
DELIVERY_DATA_TYPE_EARNINGS_PAYMENT_REPORTS = 100

# DeliveryData/FaultyControl: the register saves the faultless reports and rejects only the faulty
# ones, so one bad report does not hold back the reports of thousands of other workers.
FAULTY_CONTROL_SAVE_FAULTLESS_REPORTS = 1

# Id/Type of a payer, a delivery's owner, creator and sender, and an income earner.
ID_TYPE_BUSINESS_ID = 1
ID_TYPE_PERSONAL_IDENTITY_CODE = 2

# ReportData/ActionCode.
ACTION_NEW_REPORT = 1
ACTION_REPLACEMENT_REPORT = 2

# DeliveryData/Source: the system that made the file (String30).
SOURCE = "Jobcenter"
