"""Due-date arithmetic (DOMAIN.md §4): pure functions over a calendar, no ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xinfang.deadlines.arithmetic import days_left, due_date, working_days_between
from xinfang.deadlines.calendar import Override, WorkCalendar
from xinfang.rules import clock_state

D = dt.date
CAL = WorkCalendar()  # China's official schedule, no local overrides


@dataclass
class WeekendCalendar:
    """Saturdays and Sundays are rest days, plus any listed; every year published."""

    rest: set[dt.date] = field(default_factory=set)
    published: frozenset[int] | None = None

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.rest

    def is_published(self, year: int) -> bool:
        return self.published is None or year in self.published


# Every worked example of DOMAIN.md §4 (national policy) -----------------------------------

WORKED_EXAMPLES = [
    # start, length, unit, extension, due, why
    (D(2026, 9, 28), 15, "days", 0, D(2026, 10, 13), "plain"),
    (D(2026, 9, 20), 15, "days", 0, D(2026, 10, 8), "10-05…07 National Day holiday"),
    (D(2026, 2, 1), 15, "days", 0, D(2026, 2, 24), "02-16…02-23 Spring Festival"),
    (D(2026, 4, 20), 15, "days", 0, D(2026, 5, 6), "05-05 Labour Day holiday"),
    (D(2026, 8, 1), 60, "days", 0, D(2026, 9, 30), "handle, plain"),
    (D(2026, 8, 1), 60, "days", 30, D(2026, 10, 30), "handle 60 + 30 extension"),
    (D(2026, 9, 30), 5, "workdays", 0, D(2026, 10, 13), "objection; 10-10 make-up day"),
    (D(2026, 2, 12), 3, "workdays", 0, D(2026, 2, 24), "02-14 (Sat) make-up day"),
    (D(2026, 12, 20), 15, "days", 0, D(2027, 1, 4), "crosses into unpublished 2027"),
]


@pytest.mark.parametrize(
    "start, length, unit, extension, due, why",
    WORKED_EXAMPLES,
    ids=[f"{row[0]}+{row[1]}{row[2]}+{row[3]}" for row in WORKED_EXAMPLES],
)
def test_domain_worked_examples(start, length, unit, extension, due, why):
    result = due_date(start, length, unit, CAL, extension)
    assert result.due_on == due, why
    assert CAL.is_working_day(result.due_on)


@pytest.mark.parametrize("start, length, unit, extension, due, why", WORKED_EXAMPLES[:-1])
def test_worked_examples_in_2026_are_published(start, length, unit, extension, due, why):
    assert due_date(start, length, unit, CAL, extension).unpublished_years == ()


@pytest.mark.skipif(CAL.is_published(2027),
                    reason="the installed holidays package now carries 2027's official schedule")
def test_year_without_published_schedule_is_reported():
    result = due_date(D(2026, 12, 20), 15, "days", CAL)
    assert result.due_on == D(2027, 1, 4)
    assert result.unpublished_years == (2027,)
    assert CAL.is_published(2026)
    assert not CAL.is_published(2027)


def test_national_day_roll_lists_the_days_stepped_over():
    result = due_date(D(2026, 9, 20), 15, "days", CAL)
    assert result.skipped == (D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7))


def test_plain_period_skips_nothing():
    result = due_date(D(2026, 9, 28), 15, "days", CAL)
    assert result.skipped == ()
    assert (result.start, result.length, result.unit, result.extra_days) == (
        D(2026, 9, 28), 15, "days", 0)


def test_make_up_working_days_count_in_working_day_periods():
    # 2026-10-10 is a Saturday on which offices work (调休上班): after 10-08 and 10-09 it is
    # the 3rd working day; Monday 10-12 is the 4th and Tuesday 10-13 the 5th.
    result = due_date(D(2026, 9, 30), 5, "workdays", CAL)
    assert D(2026, 10, 10) not in result.skipped
    assert D(2026, 10, 11) in result.skipped  # an ordinary Sunday
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 13), CAL) == 5
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 10), CAL) == 3


# Counting rules, on a plain weekend-only calendar ------------------------------------------


def test_starting_day_is_not_counted():
    cal = WeekendCalendar()
    # Monday + 1 day = Tuesday, not Monday.
    assert due_date(D(2026, 6, 1), 1, "days", cal).due_on == D(2026, 6, 2)
    assert due_date(D(2026, 6, 1), 1, "workdays", cal).due_on == D(2026, 6, 2)


def test_period_ending_on_a_weekend_ends_on_monday():
    cal = WeekendCalendar()
    # Monday 2026-06-01 + 5 days = Saturday → Monday 2026-06-08.
    result = due_date(D(2026, 6, 1), 5, "days", cal)
    assert result.due_on == D(2026, 6, 8)
    assert result.skipped == (D(2026, 6, 6), D(2026, 6, 7))


def test_rest_days_inside_a_calendar_day_period_are_counted():
    cal = WeekendCalendar(rest={D(2026, 6, 3)})
    # A holiday in the middle does not lengthen a period of calendar days.
    assert due_date(D(2026, 6, 1), 3, "days", cal).due_on == D(2026, 6, 4)


@pytest.mark.parametrize(
    "start, length, due",
    [
        (D(2026, 6, 1), 5, D(2026, 6, 8)),  # Mon + 5 working days = next Mon
        (D(2026, 6, 5), 1, D(2026, 6, 8)),  # Fri + 1 working day = Mon
        (D(2026, 6, 6), 1, D(2026, 6, 8)),  # Sat start: Mon is the first working day
        (D(2026, 6, 1), 10, D(2026, 6, 15)),
    ],
)
def test_working_day_periods_end_on_the_nth_working_day(start, length, due):
    cal = WeekendCalendar()
    result = due_date(start, length, "workdays", cal)
    assert result.due_on == due
    assert working_days_between(start, due, cal) == length


def test_working_day_period_skips_every_rest_day_inside():
    cal = WeekendCalendar(rest={D(2026, 6, 3)})
    result = due_date(D(2026, 6, 1), 5, "workdays", cal)
    assert result.due_on == D(2026, 6, 9)
    assert result.skipped == (D(2026, 6, 3), D(2026, 6, 6), D(2026, 6, 7))


def test_working_days_between():
    cal = WeekendCalendar()
    assert working_days_between(D(2026, 6, 1), D(2026, 6, 1), cal) == 0
    assert working_days_between(D(2026, 6, 5), D(2026, 6, 1), cal) == 0
    assert working_days_between(D(2026, 6, 5), D(2026, 6, 7), cal) == 0  # Sat, Sun
    assert working_days_between(D(2026, 6, 5), D(2026, 6, 8), cal) == 1
    assert working_days_between(D(2026, 6, 1), D(2026, 6, 12), cal) == 9


def test_extension_is_added_before_the_roll():
    cal = WeekendCalendar()
    # 2026-09-29 + 60 = Saturday 2026-11-28. With one day of extension the period ends
    # on Sunday 11-29 and rolls to Monday 11-30; adding the day after rolling would
    # wrongly give Tuesday 12-01.
    assert due_date(D(2026, 9, 29), 60, "days", cal).due_on == D(2026, 11, 30)
    assert due_date(D(2026, 9, 29), 60, "days", cal, extra_days=1).due_on == D(2026, 11, 30)
    assert due_date(D(2026, 9, 29), 60, "days", cal, extra_days=3).due_on == D(2026, 12, 1)


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        due_date(D(2026, 6, 1), 5, "weeks", WeekendCalendar())


def test_unpublished_years_are_every_year_the_period_touches():
    cal = WeekendCalendar(published=frozenset({2026}))
    assert due_date(D(2026, 12, 1), 10, "days", cal).unpublished_years == ()
    assert due_date(D(2026, 12, 20), 30, "days", cal).unpublished_years == (2027,)
    assert due_date(D(2027, 1, 5), 5, "days", cal).unpublished_years == (2027,)


def test_days_left():
    assert days_left(D(2026, 11, 30), D(2026, 11, 23)) == 7
    assert days_left(D(2026, 11, 23), D(2026, 11, 23)) == 0
    assert days_left(D(2026, 11, 20), D(2026, 11, 23)) == -3


@pytest.mark.parametrize(
    "clock, as_of, expected",
    [
        ("forward", D(2026, 6, 1), "running"),
        ("forward", D(2026, 6, 9), "due_soon"),  # 3 working days before the due date
        ("forward", D(2026, 6, 12), "due_soon"),  # due today is not overdue
        ("forward", D(2026, 6, 13), "overdue"),  # the day after is
        ("objection", D(2026, 6, 13), "lapsed"),  # a window lapses, it is never overdue
        ("review_request", D(2026, 7, 1), "lapsed"),
        ("handle", D(2026, 7, 1), "overdue"),
    ],
)
def test_clock_state(clock, as_of, expected):
    due = D(2026, 6, 12)  # a Friday
    assert clock_state(clock, due, None, as_of, 3, WeekendCalendar()) == expected


def test_stopped_clock_is_never_overdue():
    state = clock_state("forward", D(2026, 6, 12), D(2026, 6, 20), D(2026, 7, 1), 3,
                        WeekendCalendar())
    assert state == "stopped"


# Local overrides -------------------------------------------------------------------------


def _rest(day: dt.date) -> dict[dt.date, Override]:
    return {day: Override(day, False, "停电")}


def test_extra_rest_day_on_the_due_date_moves_it():
    cal = WorkCalendar(_rest(D(2026, 10, 13)))
    assert due_date(D(2026, 9, 28), 15, "days", cal).due_on == D(2026, 10, 14)


def test_extra_working_day_on_a_weekend_holds_the_due_date():
    # 2026-06-01 + 5 = Saturday 06-06: normally rolled to Monday 06-08.
    assert due_date(D(2026, 6, 1), 5, "days", CAL).due_on == D(2026, 6, 8)
    cal = WorkCalendar({D(2026, 6, 6): Override(D(2026, 6, 6), True, "集中接访日")})
    assert due_date(D(2026, 6, 1), 5, "days", cal).due_on == D(2026, 6, 6)


def test_override_beats_the_official_schedule():
    # National Day is a holiday, but an office may declare it a working day.
    cal = WorkCalendar({D(2026, 10, 5): Override(D(2026, 10, 5), True, "值班")})
    assert cal.is_working_day(D(2026, 10, 5))
    assert due_date(D(2026, 9, 20), 15, "days", cal).due_on == D(2026, 10, 5)


def test_extra_rest_day_lengthens_a_working_day_period():
    cal = WorkCalendar(_rest(D(2026, 10, 12)))
    assert due_date(D(2026, 9, 30), 5, "workdays", cal).due_on == D(2026, 10, 14)


# Invariants (Hypothesis) ----------------------------------------------------------------

starts = st.dates(min_value=D(2015, 1, 1), max_value=D(2027, 6, 30))
lengths = st.integers(min_value=1, max_value=90)
extras = st.integers(min_value=0, max_value=30)


@settings(max_examples=150, deadline=None)
@given(start=starts, length=lengths, extra=extras)
def test_calendar_day_due_date_invariants(start, length, extra):
    result = due_date(start, length, "days", CAL, extra)
    plain_end = start + dt.timedelta(days=length + extra)
    assert CAL.is_working_day(result.due_on)
    assert result.due_on >= plain_end
    # It is the first working day on or after the plain end: every day stepped over is a
    # rest day, and they are exactly the days between.
    between = [plain_end + dt.timedelta(days=i) for i in range((result.due_on - plain_end).days)]
    assert list(result.skipped) == between
    assert not any(CAL.is_working_day(day) for day in between)


@settings(max_examples=150, deadline=None)
@given(start=starts, length=st.integers(min_value=1, max_value=30))
def test_working_day_due_date_invariants(start, length):
    result = due_date(start, length, "workdays", CAL)
    assert CAL.is_working_day(result.due_on)
    assert result.due_on >= start + dt.timedelta(days=length)
    assert working_days_between(start, result.due_on, CAL) == length
    # One day earlier would not be enough.
    assert working_days_between(start, result.due_on - dt.timedelta(days=1), CAL) == length - 1
    assert all(not CAL.is_working_day(day) for day in result.skipped)


@settings(max_examples=100, deadline=None)
@given(start=starts, length=lengths, extra=extras)
def test_extension_equals_a_longer_period(start, length, extra):
    assert (due_date(start, length, "days", CAL, extra).due_on
            == due_date(start, length + extra, "days", CAL).due_on)


@settings(max_examples=100, deadline=None)
@given(start=starts, length=lengths, unit=st.sampled_from(["days", "workdays"]))
def test_later_start_never_gives_an_earlier_due_date(start, length, unit):
    today = due_date(start, length, unit, CAL).due_on
    tomorrow = due_date(start + dt.timedelta(days=1), length, unit, CAL).due_on
    assert tomorrow >= today


@settings(max_examples=100, deadline=None)
@given(start=starts, length=lengths, unit=st.sampled_from(["days", "workdays"]))
def test_rest_override_on_the_due_date_moves_it_later(start, length, unit):
    due = due_date(start, length, unit, CAL).due_on
    moved = due_date(start, length, unit, WorkCalendar(_rest(due))).due_on
    assert moved > due
    assert CAL.is_working_day(moved)


@settings(max_examples=100, deadline=None)
@given(
    start=starts,
    length=lengths,
    unit=st.sampled_from(["days", "workdays"]),
    offset=st.integers(min_value=1, max_value=60),
    working=st.booleans(),
)
def test_override_after_the_due_date_changes_nothing(start, length, unit, offset, working):
    due = due_date(start, length, unit, CAL).due_on
    day = due + dt.timedelta(days=offset)
    cal = WorkCalendar({day: Override(day, working, "x")})
    assert due_date(start, length, unit, cal).due_on == due


@settings(max_examples=100, deadline=None)
@given(start=starts, length=lengths)
def test_working_override_on_the_plain_end_stops_the_roll(start, length):
    plain_end = start + dt.timedelta(days=length)
    cal = WorkCalendar({plain_end: Override(plain_end, True, "加班")})
    assert due_date(start, length, "days", cal).due_on == plain_end


def test_the_holidays_version_is_the_installed_one():
    # The ledger keeps each year's schedule per `holidays` version: read without
    # importlib.metadata, it must still be exactly the version pip installed.
    from importlib.metadata import version

    from xinfang.deadlines.calendar import holidays_version

    assert holidays_version() == version("holidays")
