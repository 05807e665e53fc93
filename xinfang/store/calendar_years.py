"""The ledger's copy of each year's official holiday schedule, per version of the
`holidays` package, so that commands which only read need not import it (≈ 0.3 s).
A ledger opened to write keeps the copy; one opened to read only computes it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import sqlite_utils

from xinfang.db import write
from xinfang.deadlines.calendar import YearSchedule, official_year


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
