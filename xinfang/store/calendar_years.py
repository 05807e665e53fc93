"""The ledger's copy of each year's official holiday schedule, per version of the
`holidays` package, so that commands which only read need not import it (≈ 0.3 s).
A ledger opened to write keeps the copy; one opened to read only computes it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable

import sqlite_utils

from xinfang.db import write
from xinfang.deadlines.calendar import Override, WorkCalendar, YearSchedule, official_year


def year_schedule(db: sqlite_utils.Database, year: int, source: str, *,
                  keep: bool) -> YearSchedule:
    """The year's schedule from the copy made with `holidays` version `source`, else
    made anew (and, with `keep`, copied into the ledger)."""
    row = db.execute(
        "SELECT source, published, rest, makeup FROM calendar_years WHERE year = ?", [year]
    ).fetchone()
    if row is not None and row[0] == source:
        return YearSchedule(year, bool(row[1]),
                            frozenset(map(dt.date.fromisoformat, json.loads(row[2]))),
                            frozenset(map(dt.date.fromisoformat, json.loads(row[3]))))
    schedule = official_year(year)
    if keep:
        try:
            with write(db):
                db.execute(
                    "INSERT OR REPLACE INTO calendar_years(year, source, published, rest, "
                    "makeup) VALUES (?, ?, ?, ?, ?)",
                    [year, source, int(schedule.published),
                     json.dumps(sorted(d.isoformat() for d in schedule.rest)),
                     json.dumps(sorted(d.isoformat() for d in schedule.makeup))],
                )
        except sqlite3.OperationalError:
            pass  # busy or read-only: the copy is only a shortcut, the schedule is right
    return schedule


def entered_year(db: sqlite_utils.Database, year: int) -> YearSchedule | None:
    """The year's official schedule as the office entered it from the State Council's
    notice (`settings.enter_year`), if it did: it stands over `holidays`' version."""
    row = db.execute("SELECT value FROM settings WHERE key = ?",
                     [f"calendar.year.{year}"]).fetchone()
    if row is None:
        return None
    value = json.loads(row[0])
    return YearSchedule(year, True, frozenset(map(dt.date.fromisoformat, value["rest"])),
                        frozenset(map(dt.date.fromisoformat, value["work"])))


def work_calendar(db: sqlite_utils.Database, version: Callable[[], str], *,
                  keep: bool) -> WorkCalendar:
    """The calendar a ledger counts its deadlines with: each year's official schedule (as
    the office entered it, else the copy made with `holidays` version `version()`) and
    the ledger's local overrides."""
    rows = db.execute("SELECT day, working, reason FROM calendar_overrides").fetchall()
    overrides = {
        dt.date.fromisoformat(day): Override(dt.date.fromisoformat(day), bool(working), reason)
        for day, working, reason in rows
    }

    def schedule(year: int) -> YearSchedule:
        entered = entered_year(db, year)
        if entered is not None:
            return entered
        return year_schedule(db, year, version(), keep=keep)

    return WorkCalendar(overrides, schedule)
