"""Reading dates as officers and paper registers write them (DOMAIN.md §7)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xinfang.dates import parse_date, today
from xinfang.errors import BadDate

JAN4 = dt.date(2026, 1, 4)


@pytest.mark.parametrize(
    "text",
    [
        "2026-01-04",
        "2026/1/4",
        "2026/01/04",
        "2026.01.04",
        "2026.1.4",
        "20260104",
        "2026年1月4日",
        "2026年01月04日",
        "2026年1月4",  # 日 left off
        "2026-1-4",
        # full-width digits and punctuation typed with an IME
        "２０２６－０１－０４",
        "２０２６／１／４",
        "２０２６．０１．０４",
        "２０２６０１０４",
        "２０２６年１月４日",
        # stray spaces, ASCII and ideographic
        " 2026-01-04 ",
        "2026 - 01 - 04",
        "2026年 1月 4日",
        "\u30002026年1月4日\u3000",
        "\t2026/1/4\n",
    ],
)
def test_every_register_form_reads_the_same_day(text):
    assert parse_date(text) == JAN4


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "2026-02-30",  # no such day
        "2026-13-01",
        "2026-00-10",
        "26-1-4",  # two-digit year
        "2026-1",
        "202614",
        "2026010",
        "2026-01-04 12:00",
        "2026年1月4日上午",
        "4/1/2026",
    ],
)
def test_unreadable_dates_are_refused_with_the_forms_that_work(text):
    with pytest.raises(BadDate) as info:
        parse_date(text)
    message = info.value.message("zh")
    assert "2026-11-23" in message and "2026年11月23日" in message
    assert info.value.exit_code == 2  # a usage error: the officer typed it wrong


def test_leap_day():
    assert parse_date("2028-02-29") == dt.date(2028, 2, 29)
    with pytest.raises(BadDate):
        parse_date("2026-02-29")


@pytest.mark.parametrize(
    "text, offset",
    [("today", 0), ("今天", 0), ("TODAY", 0), ("yesterday", -1), ("昨天", -1), (" 昨天 ", -1)],
)
def test_relative_words(text, offset):
    base = dt.date(2026, 3, 1)
    assert parse_date(text, relative_to=base) == base + dt.timedelta(days=offset)


def test_relative_words_default_to_the_fixed_today():
    # conftest fixes XINFANG_TODAY at 2026-11-23.
    assert today() == dt.date(2026, 11, 23)
    assert parse_date("昨天") == dt.date(2026, 11, 22)


def test_xinfang_today_accepts_any_form(monkeypatch):
    monkeypatch.setenv("XINFANG_TODAY", "２０２６年２月３日")
    assert today() == dt.date(2026, 2, 3)


def test_without_xinfang_today_it_is_the_real_day(monkeypatch):
    monkeypatch.delenv("XINFANG_TODAY")
    assert today() == dt.date.today()


@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_form_round_trips(day):
    forms = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        day.strftime("%Y.%m.%d"),
        day.strftime("%Y%m%d"),
        f"{day.year}年{day.month}月{day.day}日",
        day.isoformat().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-"}),
    ]
    for form in forms:
        assert parse_date(form) == day, form
