"""US English date and time formats."""

DATE_FORMAT = "l, F j, Y"
SHORT_DATE_FORMAT = "M j"
TIME_FORMAT = "g:i A"
MONTH_DAY_FORMAT = "l, F j"
YEAR_MONTH_FORMAT = "F Y"
