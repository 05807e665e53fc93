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
from xinfang.errors import BadOfficeCode, OfficeAlreadySet, OverrideNotFound
from xinfang.store import writer
from xinfang.store.ledger import Ledger

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


def add_override(ledger: Ledger, day: dt.date, working: bool, reason: str,
                 officer: str) -> None:
    """A local extra working day or rest day; the due dates of running clocks follow."""
    with write(ledger.db):
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
