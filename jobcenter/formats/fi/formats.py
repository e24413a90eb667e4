"""Finnish: 2. joulukuuta 2026 and 2.12.2026, klo 10.00, klo 10–13, 2,50."""

DATE_FORMAT = "j. E Y"
SHORT_DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = "j. E Y \\k\\l\\o G.i"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
TIME_FORMAT = "G.i"
MONTH_DAY_FORMAT = "j.n."
YEAR_MONTH_FORMAT = "F Y"
# What the formats show is what a form takes back; ISO (a date input's value) is added by Django.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y"]
TIME_INPUT_FORMATS = ["%H.%M", "%H:%M", "%H.%M.%S", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M.%S", "%d.%m.%y %H.%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1

CLOCK_FORMAT = "G.i"
CLOCK_HOUR_FORMAT = "G"
CLOCK_PREFIX = "klo {}"
