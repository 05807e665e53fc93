"""Keeping a ledger sound: the integrity check, online backup and restore."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xinfang.cases import lifecycle
from xinfang.deadlines.clocks import DUTIES, Clock, refresh_due
from xinfang.errors import XinfangError
from xinfang.store.ledger import Ledger
from xinfang.texts import ref


class BadBackup(XinfangError):
    """… is not a usable xinfang ledger backup: …."""


class BackupExists(XinfangError):
    """… exists; a backup never overwrites a file."""


def check(ledger: Ledger, progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """Everything that must hold in a sound ledger; returns the findings (empty = sound).

    SQLite's own integrity and foreign-key checks, the full-text index, the append-only
    triggers on events, and for every case: its stored state equals the replay of its
    events, every running clock's due date equals a recomputation, and the stored next
    due date is the earliest running duty clock.
    """
    db = ledger.db
    findings: list[dict[str, Any]] = []

    def found(problem: str, case: str | None = None, detail: str = "") -> None:
        findings.append({"case": case, "problem": problem, "detail": detail})

    try:
        db.execute("INSERT INTO cases_fts(cases_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as err:
        found("fts_index", detail=str(err))
    # The rest reads one snapshot: officers may be registering while the check runs, and
    # a case seen half before and half after their commit is not a problem of the ledger.
    # (The full-text check above writes, so it runs before the snapshot is taken.)
    db.conn.execute("BEGIN")
    try:
        result = [row[0] for row in db.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            found("integrity_check", detail="; ".join(result[:20]))
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
            found("foreign_key_check", detail=f"{table} row {rowid} → {parent}")
        triggers = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name in ("events_no_update", "events_no_delete"):
            if name not in triggers:
                found("append_only_trigger_missing", detail=name)
        total = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        duties = set(DUTIES)
        for done, (case_id, number, next_due) in enumerate(
            db.execute("SELECT id, number, next_due_on FROM cases ORDER BY id").fetchall(), start=1
        ):
            stored = ledger.stored_state(case_id)
            replayed = ledger.replayed_state(case_id)
            for difference in lifecycle.differences(stored, replayed):
                found("state_differs_from_events", number, difference)
            for clock in stored.clocks:
                if clock.running and not clock.fixed:
                    fresh = Clock(clock.clock, clock.started_on, clock.length, clock.unit,
                                  clock.due_on, clock.extra_days)
                    refresh_due(fresh, ledger.policy, ledger.calendar)
                    if fresh.due_on != clock.due_on:
                        found("due_date_differs", number,
                              f"{clock.clock}: {clock.due_on} != {fresh.due_on}")
            running = [c.due_on.isoformat() for c in stored.clocks if c.running and c.clock in duties]
            if (min(running) if running else None) != next_due:
                found("next_due_differs", number, f"{next_due} != {min(running) if running else None}")
            if progress and done % 1000 == 0:
                progress(done, total)
    finally:
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")
    return findings


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    """SQLite's online backup: a consistent copy even while others write."""
    fd = os.open(target_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
        # One self-contained file: opening it later leaves no -wal/-shm files beside it.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    os.chmod(target_path, 0o600)


def backup(ledger: Ledger, path: str | os.PathLike) -> Path:
    """Write a backup of the ledger to `path` (mode 0600), checked after writing."""
    path = Path(path)
    if path.exists():
        raise BackupExists(path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    _copy(ledger.db.conn, path)
    _verify(path)
    return path


def _read_only(path: Path) -> str:
    """A read-only SQLite URI for `path`. The name is percent-encoded: `#`, `?` and `%`
    in a file name (`备份#1.db`) would otherwise be read as parts of the URI."""
    return path.absolute().as_uri() + "?mode=ro"


def _verify(path: Path) -> None:
    """A backup must be a sound SQLite file holding an xinfang ledger this version reads."""
    from xinfang.store.migrations import known_names

    if not path.is_file():
        raise BadBackup(path=str(path), reason=ref("backup.no_such_file"))
    try:
        conn = sqlite3.connect(_read_only(path), uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BadBackup(path=str(path), reason=ref("backup.damaged"))
            names = [row[0] for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'xinfang'")]
            conn.execute("SELECT count(*) FROM cases").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise BadBackup(path=str(path), reason=ref("backup.not_a_ledger")) from None
    known = known_names()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise BadBackup(path=str(path), reason=ref("backup.newer"))


def restore(path: str | os.PathLike, ledger_path: str | os.PathLike) -> Path | None:
    """Replace the ledger with a checked backup. The current ledger, if any, is kept
    beside it (returned); nothing is changed if the backup does not check out."""
    source, target = Path(path), Path(ledger_path)
    _verify(source)
    kept = None
    if target.exists():
        conn = sqlite3.connect(target)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
    incoming = target.with_name(f"{target.name}.restoring")
    if incoming.exists():
        incoming.unlink()
    conn = sqlite3.connect(_read_only(source), uri=True)
    try:
        _copy(conn, incoming)
    finally:
        conn.close()
    if kept is not None:
        os.replace(target, kept)
        for suffix in ("-wal", "-shm"):
            stale = target.with_name(target.name + suffix)
            if stale.exists():
                stale.unlink()
    os.replace(incoming, target)
    return kept
