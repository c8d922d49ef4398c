"""British date and time formats: 24-hour clock, as British businesses print times."""

DATE_FORMAT = "l j F Y"
SHORT_DATE_FORMAT = "j M"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "l j F"
YEAR_MONTH_FORMAT = "F Y"
