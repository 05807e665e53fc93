"""Due-date arithmetic (DOMAIN.md §4), pure given a calendar.

- The starting day is not counted: a period of N days ends on start + N.
- Extension days (handling) and hearing days (recheck) are added before the roll.
- If that last day is a rest day, the period ends on the next working day.
- A period of N working days ends on the N-th working day after the start day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

ONE_DAY = dt.timedelta(days=1)


class Calendar(Protocol):
    # Hashable: due dates are remembered per calendar (deadlines.clocks.due_on).
    def __hash__(self) -> int: ...
    def is_working_day(self, day: dt.date) -> bool: ...
    def is_published(self, year: int) -> bool: ...


@dataclass(frozen=True)
class Due:
    """A due date and how it was reached."""

    start: dt.date
    length: int
    unit: str  # "days" | "workdays"
    extra_days: int
    due_on: dt.date
    # Rest days stepped over: for calendar days the roll at the end, for working days
    # every rest day inside the period.
    skipped: tuple[dt.date, ...] = field(default=())
    unpublished_years: tuple[int, ...] = field(default=())


def due_date(
    start: dt.date, length: int, unit: str, calendar: Calendar, extra_days: int = 0
) -> Due:
    """The last day of a period of `length` `unit` starting on `start` (not counted)."""
    skipped: list[dt.date] = []
    if unit == "days":
        day = start + dt.timedelta(days=length + extra_days)
        while not calendar.is_working_day(day):
            skipped.append(day)
            day += ONE_DAY
    elif unit == "workdays":
        day = start
        remaining = length + extra_days
        while remaining > 0:
            day += ONE_DAY
            if calendar.is_working_day(day):
                remaining -= 1
            else:
                skipped.append(day)
    else:
        raise ValueError(f"unknown unit {unit!r}")
    years = range(start.year, day.year + 1)
    unpublished = tuple(year for year in years if not calendar.is_published(year))
    return Due(start, length, unit, extra_days, day, tuple(skipped), unpublished)


def days_left(due_on: dt.date, as_of: dt.date) -> int:
    """Calendar days from `as_of` to the due date: 0 on the due day, negative when overdue."""
    return (due_on - as_of).days


def working_days_between(start: dt.date, end: dt.date, calendar: Calendar) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if calendar.is_working_day(day):
            count += 1
    return count
