"""Reading dates the way officers and paper registers write them (DOMAIN.md §7)."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata

from xinfang.errors import BadDate, FutureDate, TooEarly
from xinfang.texts import Ref

# No petition office registered anything earlier: a date before it is a typing mistake
# (`0001-01-01`, `1026-11-20`), refused on the command line and in a register alike.
EARLIEST = dt.date(1950, 1, 1)

_SEPARATED = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_RELATIVE = {"today": 0, "今天": 0, "yesterday": -1, "昨天": -1}


def today() -> dt.date:
    """Today's date; `XINFANG_TODAY` fixes it (for training sessions and tests)."""
    fixed = os.environ.get("XINFANG_TODAY")
    if fixed:
        return parse_date(fixed, relative_to=dt.date.today())
    return dt.date.today()


def check_happened(on: dt.date, what: Ref, today: dt.date) -> None:
    """A date of something that happened at the office: not after today, not before
    `EARLIEST`."""
    if on > today:
        raise FutureDate(what=what, date=on, today=today)
    if on < EARLIEST:
        raise TooEarly(what=what, date=on, year=EARLIEST.year)


def parse_date(text: str, *, relative_to: dt.date | None = None) -> dt.date:
    """Read `2026-01-04`, `2026/1/4`, `2026.01.04`, `20260104`, `2026年1月4日`,
    full-width digits and stray spaces; also 今天/昨天 (today/yesterday)."""
    # NFKC turns full-width digits and punctuation (２０２６－０１－０４) into ASCII.
    cleaned = unicodedata.normalize("NFKC", str(text)).strip()
    if cleaned.lower() in _RELATIVE:
        base = relative_to or today()
        return base + dt.timedelta(days=_RELATIVE[cleaned.lower()])
    match = _SEPARATED.match(cleaned) or _COMPACT.match(cleaned)
    if match is None:
        raise BadDate(text=text)
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadDate(text=text) from None
