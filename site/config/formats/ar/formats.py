"""Arabic formats for Tawasul, over Django's `ar` locale.

Dates use the Arabic comma (،), never the Latin one: "2 ديسمبر 2026، 00:38".
Numbers use Western digits, as Jordanian government sites do, grouped by three
with a comma and with a point for decimals (CLDR's Arabic with Latin digits);
Django's own `ar` locale groups with a point, which reads as a decimal (1.234).
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
