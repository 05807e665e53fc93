"""Clocks (DOMAIN.md §4): which clocks are duties and which are windows, starting a
clock under the office's policy, recomputing a running one when the policy or the
calendar changes, and what a clock's dates mean as of a day.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from xinfang.deadlines.arithmetic import Calendar, due_date
from xinfang.deadlines.policy import Policy

# Duties bind the office or a unit and become overdue; windows are time allowed to a
# unit or to the petitioner and simply lapse.
DUTIES = ("forward", "notify", "handle", "report", "review", "recheck", "lead", "task")
WINDOWS = ("objection", "review_request", "recheck_request", "evaluation")


def duty_sql() -> str:
    """The duty clocks as an SQL list, for the queries that read them from an index."""
    return ", ".join(f"'{code}'" for code in DUTIES)


@dataclass
class Clock:
    clock: str
    started_on: dt.date
    length: int
    unit: str
    due_on: dt.date
    extra_days: int = 0
    stopped_on: dt.date | None = None
    late: bool = False  # stopped after its due date
    fixed: bool = False  # due date set by hand (an assignment's report-by date)
    # Who owes it when not the case's responsible unit: a leader's 化解时限 is the
    # leader's, a joint meeting's task the unit's it names (DOMAIN.md §9).
    owner: str | None = None

    @property
    def running(self) -> bool:
        return self.stopped_on is None

    @property
    def duty(self) -> bool:
        return self.clock in DUTIES


@functools.lru_cache(maxsize=1 << 16)
def _cached_due(start: dt.date, length: int, unit: str, calendar: Calendar,
                extra_days: int) -> dt.date:
    return due_date(start, length, unit, calendar, extra_days).due_on


def due_on(start: dt.date, length: int, unit: str, calendar: Calendar,
           extra_days: int = 0) -> dt.date:
    """`due_date(...).due_on`, remembered per calendar object: a ledger's calendar is
    replaced, never changed, when an override is added or removed."""
    try:
        return _cached_due(start, length, unit, calendar, extra_days)
    except TypeError:  # a calendar that cannot be a cache key
        return due_date(start, length, unit, calendar, extra_days).due_on


def start_clock(code: str, on: dt.date, policy: Policy, calendar: Calendar,
                extra_days: int = 0) -> Clock:
    """A clock starting on `on` with the policy's length for it."""
    if code not in policy.clocks:
        # No policy length (an assignment's report-by date): the act itself sets the due date.
        return Clock(code, on, 0, "days", on, extra_days)
    rule = policy.rule(code)
    return Clock(code, on, rule.length, rule.unit,
                 due_on(on, rule.length, rule.unit, calendar, extra_days), extra_days)


def refresh_due(clock: Clock, policy: Policy, calendar: Calendar) -> None:
    """Recompute a running clock under the current policy and calendar. A stopped clock
    keeps the due date it had: what was due when stays explainable."""
    if clock.fixed or not clock.running:
        return
    rule = policy.rule(clock.clock)
    clock.length, clock.unit = rule.length, rule.unit
    clock.due_on = due_on(clock.started_on, clock.length, clock.unit, calendar, clock.extra_days)


def next_due(clocks: Iterable[Clock]) -> dt.date | None:
    """The earliest due date of the running duties: what the case's next deadline is."""
    duties = [clock.due_on for clock in clocks if clock.running and clock.duty]
    return min(duties) if duties else None


def due_soon_until(as_of: dt.date, warning_days: int, calendar: Calendar) -> dt.date:
    """The last due date that is "due soon" on `as_of`: due dates up to the day before
    the first working day past the warning window, so a fixed date on a rest day right
    after the window counts as it does in `rules.clock_state`."""
    beyond = due_date(as_of, warning_days + 1, "workdays", calendar).due_on
    return beyond - dt.timedelta(days=1)


def unpublished_years(started_on: dt.date, due: dt.date, calendar: Calendar) -> list[int]:
    """The years a running clock spans whose official schedule is not yet published:
    its due date may still move."""
    return [year for year in range(started_on.year, due.year + 1)
            if not calendar.is_published(year)]
