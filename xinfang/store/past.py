"""The ledger as it stood at the end of a past day (`--as-of`): a copy in memory holding
only the cases received by then and the state their events acted on up to that day give,
under the policy and the calendar then in force (the settings' log says what each was).

Every report reads it as it reads the ledger itself, so the overdue report, `list
--overdue`, a work list and the figures' open counts as of a day all agree with a replay
of the ledger to that day. The copy is never written back.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

import sqlite_utils

from xinfang.store import writer
from xinfang.store.ledger import Ledger


def as_of(ledger: Ledger, day: dt.date | None) -> Ledger:
    """The ledger at the end of `day`; the ledger itself for today, a day to come or
    none (a day to come only counts days left from it)."""
    if day is None or day >= ledger.today:
        return ledger
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    ledger.db.conn.backup(memory)
    past = Ledger(sqlite_utils.Database(memory), today=day, writable=False)
    log = [tuple(row) for row in past.db.execute(
        "SELECT key, old, new, recorded_at FROM settings_log ORDER BY id")]
    writer.as_it_stood(past, day, settings_then(log, past.settings(), day), log)
    return past


# The settings a past day is counted under: the policy's items, the local overrides and
# the official schedules the office entered.
_DATED_SETTINGS = ("clock.", "number.", "calendar.override.", "calendar.year.")


def settings_then(log: list[tuple[Any, ...]], now: dict[str, Any],
                  day: dt.date) -> dict[str, Any]:
    """The settings in force at the end of `day`: today's, with every change logged
    after that day undone, latest first. `log` rows are (key, old, new, recorded_at) as
    JSON, in the order they were made."""
    out = dict(now)
    for key, old, _new, recorded in reversed(log):
        if recorded[:10] <= day.isoformat():
            break
        if not key.startswith(_DATED_SETTINGS):
            continue
        value = json.loads(old) if old is not None else None
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out
