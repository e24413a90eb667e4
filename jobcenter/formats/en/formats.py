"""English of a Helsinki service: day first (2 December 2026, 2.12.2026), a 24-hour clock (10:00)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
# Never month first: 12/02/2026 is not taken as 2 December, or as anything.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%d %B %Y", "%d %b %Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M:%S"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1

CLOCK_FORMAT = "H:i"
CLOCK_HOUR_FORMAT = "H:i"
CLOCK_PREFIX = "{}"
