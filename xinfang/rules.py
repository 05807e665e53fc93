"""The rules of DOMAIN.md §5 as pure functions over plain data (no database handle)."""

from __future__ import annotations

import datetime as dt

from xinfang.deadlines import Calendar, working_days_between
from xinfang.lifecycle import DUTIES


def clock_state(
    clock: str,
    due_on: dt.date,
    stopped_on: dt.date | None,
    as_of: dt.date,
    warning_days: int,
    calendar: Calendar,
) -> str:
    """`stopped`, `overdue` (a duty past its due date), `lapsed` (a window past its end),
    `due_soon` (due within the warning window of working days) or `running`.

    Due today is not overdue; the day after is.
    """
    if stopped_on is not None:
        return "stopped"
    if as_of > due_on:
        return "overdue" if clock in DUTIES else "lapsed"
    if working_days_between(as_of, due_on, calendar) <= warning_days:
        return "due_soon"
    return "running"
