"""Changing the office's settings: its code and name, the deadline policy, the local
calendar overrides. Every change is logged (who, when, old and new); a change to the
policy or the calendar moves the due dates of the running clocks."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from xinfang.db import write
from xinfang.deadlines.policy import Policy, changed, preset
from xinfang.errors import (
    BadOfficeCode,
    BadYearSchedule,
    OfficeAlreadySet,
    OverrideNotFound,
    XinfangError,
)
from xinfang.store import writer
from xinfang.store.ledger import Ledger
from xinfang.texts import ref

_OFFICE_CODE = re.compile(r"^[A-Z0-9]{2,12}$")


def _set(ledger: Ledger, key: str, value: Any, officer: str) -> None:
    old = ledger.settings().get(key)
    ledger.db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value, ensure_ascii=False)],
    )
    ledger.db.execute(
        "INSERT INTO settings_log(key, old, new, officer, recorded_at) VALUES (?, ?, ?, ?, ?)",
        [key, json.dumps(old, ensure_ascii=False), json.dumps(value, ensure_ascii=False),
         officer, writer.now()],
    )


def set_office(ledger: Ledger, code: str, name: str, officer: str) -> dict[str, str]:
    """Set the office's code and name. Every case number carries the code: once a case
    is registered it no longer changes (the name may)."""
    code = code.strip().upper()
    if not _OFFICE_CODE.match(code):
        raise BadOfficeCode(code=code)
    with write(ledger.db):
        current = ledger.office()
        if current is not None and current["code"] != code:
            cases = ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0]
            if cases:
                raise OfficeAlreadySet(code=current["code"], cases=cases)
        _set(ledger, "office.code", code, officer)
        _set(ledger, "office.name", name.strip(), officer)
    return {"code": code, "name": name.strip()}


def add_category(ledger: Ledger, name: str, officer: str) -> str:
    """Add a category of the office's own to the list (beside the national one). Logged."""
    from xinfang.errors import CategoryExists
    from xinfang.vocab import normalize_category

    name = normalize_category(name)
    if not name:
        raise CategoryExists(name=name)
    with write(ledger.db):
        if name in ledger.categories():
            raise CategoryExists(name=name)
        _set(ledger, "categories.extra", [*ledger.settings().get("categories.extra", []), name],
             officer)
    return name


def set_policy(ledger: Ledger, key: str, value: str, unit: str | None, officer: str) -> Policy:
    """Change one policy item; the due dates of running clocks follow."""
    return _replace_policy(ledger, changed(ledger.policy, key, value, unit), officer)


def apply_preset(ledger: Ledger, name: str, officer: str) -> Policy:
    """A province's known deadline rules, all items at once."""
    return _replace_policy(ledger, preset(name), officer)


def _replace_policy(ledger: Ledger, new: Policy, officer: str) -> Policy:
    with write(ledger.db):
        old = ledger.policy.to_settings()
        for key, value in new.to_settings().items():
            if old.get(key) != value:
                _set(ledger, key, value, officer)
        ledger.settings_changed()
        writer.refresh_clocks(ledger)
    return new


def enter_year(ledger: Ledger, year: int, rest: list[dt.date], work: list[dt.date],
               source: str, officer: str) -> int:
    """A year's official schedule entered at once from the State Council's notice (放假
    调休安排, published each November–December): its rest days and make-up working days,
    and the notice it comes from. The year is published from then on; the due dates of
    running clocks follow (overdue ones too). Logged; returns how many cases moved."""
    source = source.strip()
    if not source:
        raise BadYearSchedule(problem=ref("calendar.year.no_source"))
    days = [*rest, *work]
    if not rest:
        raise BadYearSchedule(problem=ref("calendar.year.no_rest"))
    outside = sorted(d for d in days if d.year != year)
    if outside:
        raise BadYearSchedule(problem=ref("calendar.year.outside", year=year,
                                          day=outside[0]))
    both = sorted(set(rest) & set(work))
    if both:
        raise BadYearSchedule(problem=ref("calendar.year.both", day=both[0]))
    weekday_work = sorted(d for d in work if d.weekday() < 5)
    if weekday_work:
        raise BadYearSchedule(problem=ref("calendar.year.weekday_work", day=weekday_work[0]))
    with write(ledger.db):
        _set(ledger, f"calendar.year.{year}",
             {"rest": sorted(d.isoformat() for d in set(rest)),
              "work": sorted(d.isoformat() for d in set(work)), "source": source}, officer)
        ledger.settings_changed()
        return writer.refresh_clocks(ledger)


def days_of(text: str) -> list[dt.date]:
    """`2027-01-01` or a range `2027-01-01..2027-01-03` (both ends included)."""
    from xinfang.dates import parse_date

    first, _, last = text.partition("..")
    start = parse_date(first.strip())
    end = parse_date(last.strip()) if last else start
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def read_year_schedule(text: str) -> tuple[list[dt.date], list[dt.date], str]:
    """A year's schedule from a small file, a line each: `rest DATE[..DATE]` (放假),
    `work DATE` (调休上班), `source TEXT` (the notice); `#` begins a comment."""
    rest: list[dt.date] = []
    work: list[dt.date] = []
    source = ""
    words = {"rest": "rest", "放假": "rest", "休": "rest", "work": "work", "上班": "work",
             "班": "work", "source": "source", "来源": "source", "文号": "source"}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        head, _, rest_of_line = line.partition(" ")
        kind = words.get(head.strip().lower())
        try:
            if kind == "source" and rest_of_line.strip():
                source = rest_of_line.strip()
            elif kind in ("rest", "work") and rest_of_line.strip():
                found = [d for part in rest_of_line.replace(",", " ").split()
                         for d in days_of(part)]
                (rest if kind == "rest" else work).extend(found)
            else:
                raise ValueError(line)
        except (ValueError, XinfangError):
            raise BadYearSchedule(problem=ref("calendar.year.bad_line", line=number,
                                              text=line)) from None
    return rest, work, source


def year_differences(ledger: Ledger, year: int) -> dict[str, list[str]] | None:
    """How `holidays`' schedule of a year the office entered differs from the entered
    one, once `holidays` has published it (None before, or when nothing was entered):
    the entered schedule stays; the differences are for the officer to look at."""
    from xinfang.deadlines.calendar import official_year

    entered = ledger.entered_year(year)
    if entered is None:
        return None
    package = official_year(year)
    if not package.published:
        return None
    return {"rest_only_entered": sorted(d.isoformat() for d in entered.rest - package.rest),
            "rest_only_holidays": sorted(d.isoformat() for d in package.rest - entered.rest),
            "work_only_entered": sorted(d.isoformat() for d in entered.makeup - package.makeup),
            "work_only_holidays": sorted(d.isoformat() for d in package.makeup - entered.makeup)}


def _log_override(ledger: Ledger, day: dt.date, new: dict[str, Any] | None,
                  officer: str) -> None:
    """Every change to a local override is logged (key `calendar.override.<day>`), so
    that a report as of a past day counts with the calendar then in force."""
    row = ledger.db.execute("SELECT working, reason, officer, recorded_at FROM "
                            "calendar_overrides WHERE day = ?", [day.isoformat()]).fetchone()
    old = None if row is None else {"working": bool(row[0]), "reason": row[1],
                                    "officer": row[2], "recorded_at": row[3]}
    ledger.db.execute(
        "INSERT INTO settings_log(key, old, new, officer, recorded_at) VALUES (?, ?, ?, ?, ?)",
        [f"calendar.override.{day.isoformat()}", json.dumps(old, ensure_ascii=False),
         json.dumps(new, ensure_ascii=False), officer, writer.now()])


def add_override(ledger: Ledger, day: dt.date, working: bool, reason: str,
                 officer: str) -> None:
    """A local extra working day or rest day; the due dates of running clocks follow."""
    with write(ledger.db):
        _log_override(ledger, day, {"working": working, "reason": reason, "officer": officer,
                                    "recorded_at": writer.now()}, officer)
        ledger.db.execute(
            "INSERT INTO calendar_overrides(day, working, reason, officer, recorded_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(day) DO UPDATE SET working = excluded.working, "
            "reason = excluded.reason, officer = excluded.officer, "
            "recorded_at = excluded.recorded_at",
            [day.isoformat(), int(working), reason, officer, writer.now()],
        )
        ledger.settings_changed()
        writer.refresh_clocks(ledger)


def remove_override(ledger: Ledger, day: dt.date, officer: str) -> None:
    with write(ledger.db):
        _log_override(ledger, day, None, officer)
        cursor = ledger.db.execute(
            "DELETE FROM calendar_overrides WHERE day = ?", [day.isoformat()]
        )
        if cursor.rowcount == 0:
            raise OverrideNotFound(date=day, year=day.year)
        ledger.settings_changed()
        writer.refresh_clocks(ledger)


# Case numbers given out, carried over a restore ---------------------------------------

NUMBERS_GIVEN = "numbers.given"


def numbers_given(conn: sqlite3.Connection) -> dict[int, int]:
    """The highest case number given out in each year before the ledger was last
    restored from a backup (numbers the restored ledger never gives again)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", [NUMBERS_GIVEN]).fetchone()
    return {int(year): int(seq) for year, seq in json.loads(row[0]).items()} if row else {}


def carry_numbers_given(path: Path, given: dict[int, int], officer: str) -> None:
    """Record in the ledger at `path` (a restored copy, not yet in place) the highest
    number given out in each year by the ledger it replaces."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        old = numbers_given(conn)
        merged = {str(year): max(seq, old.get(year, 0)) for year, seq in sorted(given.items())}
        value = json.dumps(merged)
        conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO "
                     "UPDATE SET value = excluded.value", [NUMBERS_GIVEN, value])
        conn.execute("INSERT INTO settings_log(key, old, new, officer, recorded_at) "
                     "VALUES (?, ?, ?, ?, ?)",
                     [NUMBERS_GIVEN, json.dumps({str(k): v for k, v in old.items()}), value,
                      officer, writer.now()])
        conn.execute("COMMIT")
    finally:
        conn.close()
