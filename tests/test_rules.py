"""The pure rules of DOMAIN.md §4–§5 on hand-made data: clock states (overdue, lapsed,
due soon across holidays), repeat petitions, collective and major visits, escalation."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xinfang import rules
from xinfang.deadlines.calendar import WorkCalendar
from xinfang.deadlines.clocks import DUTIES, WINDOWS
from xinfang.vocab import OPEN

D = dt.date
CALENDAR = WorkCalendar()
ID_A = "11010519491231002X"
ID_B = "371526196601318579"
PHONE = "13812345678"


def state(clock: str, due: dt.date, as_of: dt.date, *, stopped: dt.date | None = None,
          warning: int = 3) -> str:
    return rules.clock_state(clock, due, stopped, as_of, warning, CALENDAR)


# Clock states ---------------------------------------------------------------------------


@pytest.mark.parametrize("clock", DUTIES)
def test_a_duty_due_today_is_not_overdue_the_day_after_it_is(clock):
    due = D(2026, 11, 16)
    assert state(clock, due, due) == "due_soon"
    assert state(clock, due, due + dt.timedelta(days=1)) == "overdue"
    assert state(clock, due, D(2027, 3, 1)) == "overdue"


@pytest.mark.parametrize("clock", WINDOWS)
def test_a_window_past_its_end_lapses_and_is_never_overdue(clock):
    due = D(2026, 11, 16)
    assert state(clock, due, due) == "due_soon"
    assert state(clock, due, due + dt.timedelta(days=1)) == "lapsed"
    assert state(clock, due, D(2027, 3, 1)) == "lapsed"


@pytest.mark.parametrize("clock", [*DUTIES, *WINDOWS])
def test_a_stopped_clock_is_stopped_whatever_the_date(clock):
    due = D(2026, 11, 16)
    assert state(clock, due, D(2026, 12, 31), stopped=D(2026, 11, 20)) == "stopped"
    assert state(clock, due, D(2026, 11, 1), stopped=D(2026, 11, 2)) == "stopped"


@pytest.mark.parametrize(
    "as_of, due, expected",
    [
        # Monday 11-23: Tue, Wed, Thu are the three working days of the window.
        (D(2026, 11, 23), D(2026, 11, 26), "due_soon"),
        (D(2026, 11, 23), D(2026, 11, 27), "running"),
        # Friday 11-27: the weekend does not count; Mon, Tue, Wed do.
        (D(2026, 11, 27), D(2026, 12, 2), "due_soon"),
        (D(2026, 11, 27), D(2026, 12, 3), "running"),
        # National Day 10-01…10-07 is rest; Saturday 10-10 is a make-up working day.
        (D(2026, 9, 30), D(2026, 10, 9), "due_soon"),  # 10-08, 10-09
        (D(2026, 9, 30), D(2026, 10, 10), "due_soon"),  # 10-08, 10-09, 10-10
        (D(2026, 9, 30), D(2026, 10, 12), "running"),  # 10-12 is the 4th working day
        (D(2026, 10, 5), D(2026, 10, 8), "due_soon"),  # as of a holiday
        # Spring Festival 02-15…02-23 is rest; Saturday 02-14 is a make-up working day.
        (D(2026, 2, 13), D(2026, 2, 24), "due_soon"),  # 02-14, 02-24
        (D(2026, 2, 13), D(2026, 2, 25), "due_soon"),  # 02-14, 02-24, 02-25
        (D(2026, 2, 13), D(2026, 2, 26), "running"),
        (D(2026, 2, 12), D(2026, 2, 24), "due_soon"),  # 02-13, 02-14, 02-24
        (D(2026, 2, 11), D(2026, 2, 24), "running"),  # 02-12, 02-13, 02-14, 02-24
    ],
)
def test_due_soon_is_three_working_days(as_of, due, expected):
    assert state("forward", due, as_of) == expected


def test_the_warning_window_is_policy():
    as_of, due = D(2026, 11, 23), D(2026, 11, 27)  # the 4th working day
    assert state("handle", due, as_of, warning=3) == "running"
    assert state("handle", due, as_of, warning=4) == "due_soon"
    assert state("handle", D(2026, 11, 24), as_of, warning=0) == "running"


@settings(max_examples=200, deadline=None)
@given(
    clock=st.sampled_from([*DUTIES, *WINDOWS]),
    due=st.dates(D(2026, 1, 1), D(2026, 12, 31)),
    offset=st.integers(-60, 60),
)
def test_overdue_exactly_when_a_duty_is_past_its_due_date(clock, due, offset):
    as_of = due + dt.timedelta(days=offset)
    result = state(clock, due, as_of)
    assert (result == "overdue") == (clock in DUTIES and as_of > due)
    assert (result == "lapsed") == (clock in WINDOWS and as_of > due)
    if as_of <= due:
        assert result in ("due_soon", "running")


# Repeat petitions (the scorer and the chains: tests/test_repeats.py) ----------------


@pytest.mark.parametrize(
    "statuses, flags",
    [
        *[([status], ["repeat", "repeat_being_handled"]) for status in OPEN],
        (["closed"], ["repeat"]),
        (["reviewed"], ["repeat"]),
        (["rejected"], ["repeat"]),
        (["redirected"], ["repeat"]),
        (["final"], ["repeat", "repeat_final"]),
        (["final", "accepted"], ["repeat", "repeat_being_handled", "repeat_final"]),
        (["closed", "closed"], ["repeat"]),
    ],
)
def test_repeat_flags(statuses, flags):
    assert rules.repeat_flags(iter(statuses)) == flags


# Collective visits, major reports, escalation --------------------------------------------


@pytest.mark.parametrize("headcount, expected", [(1, False), (4, False), (5, True), (40, True)])
def test_collective_from_five(headcount, expected):
    assert rules.is_collective(headcount, 5) is expected


def test_the_collective_headcount_is_policy():
    assert rules.is_collective(5, 10) is False
    assert rules.is_collective(10, 10) is True


@pytest.mark.parametrize(
    "people, headcount, expected",
    [(6, 30, True), (5, 30, False), (1, 30, False), (6, 6, True)],
)
def test_more_than_five_representatives_of_a_group_is_warned(people, headcount, expected):
    assert rules.too_many_representatives(people, headcount, 5, 5) is expected


@pytest.mark.parametrize(
    "headcount, flags, expected",
    [
        (5, [], True),
        (4, [], False),
        (1, ["to_province"], True),
        (1, ["to_beijing"], True),
        (4, ["escalated", "repeat", "final"], False),
    ],
)
def test_major(headcount, flags, expected):
    assert rules.is_major(headcount, flags, 5) is expected


@pytest.mark.parametrize(
    "days_overdue, chain, escalated, expected",
    [
        (15, 1, False, False),  # more than 15 days, not 15
        (16, 1, False, True),
        (0, 2, False, False),
        (0, 3, False, True),  # a chain of three petitions
        (3, 5, False, True),
        (40, 1, True, False),  # already escalated
        (0, 4, True, False),
    ],
)
def test_needs_escalation(days_overdue, chain, escalated, expected):
    assert rules.needs_escalation(days_overdue, chain, escalated, 15, 3) is expected
