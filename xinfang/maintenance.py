"""Keeping a ledger sound: the integrity check, online backup and restore."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xinfang.cases import lifecycle
from xinfang.db import alone, make_folder
from xinfang.deadlines.clocks import DUTIES, Clock, refresh_due
from xinfang.errors import LedgerInUse, OutputExists, XinfangError
from xinfang.files import publish, refuse_target, temporary_beside
from xinfang.store import settings
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
    """SQLite's online backup into `target_path` (an empty private file): a consistent
    copy even while others write."""
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
        # One self-contained file: opening it later leaves no -wal/-shm files beside it.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    os.chmod(target_path, 0o600)


def backup(ledger: Ledger, path: str | os.PathLike[str], *,
           protected: Iterable[Path] = ()) -> Path:
    """Write a checked backup of the ledger to `path` (mode 0600), a new file: it is made
    under a temporary name beside it and put in place only when whole and checked, so a
    failed or killed backup leaves nothing under that name."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise BackupExists(path=str(path))
    refuse_target(path, protected=protected)
    make_folder(path.parent)
    temporary = temporary_beside(path)
    try:
        _copy(ledger.db.conn, temporary)
        verify(temporary)
        try:
            publish(temporary, path)
        except OutputExists:
            raise BackupExists(path=str(path)) from None
    finally:
        temporary.unlink(missing_ok=True)
    return path


def _read_only(path: Path) -> str:
    """A read-only SQLite URI for `path`. The name is percent-encoded: `#`, `?` and `%`
    in a file name (`备份#1.db`) would otherwise be read as parts of the URI."""
    return path.absolute().as_uri() + "?mode=ro"


def verify(path: str | os.PathLike[str]) -> None:
    """A backup must be a sound SQLite file holding an xinfang ledger this version reads."""
    from xinfang.store.migrations import known_names

    path = Path(path)
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


@dataclass(frozen=True)
class Described:
    """A ledger file in brief, for the officer to see what replaces what."""

    path: Path
    office: str | None
    cases: int
    last_on: str | None  # the date of the latest act, its case and kind
    last_case: str | None
    last_kind: str | None


def describe(path: str | os.PathLike[str]) -> Described:
    """The office, the number of cases and the latest act of the ledger file at `path`,
    read without changing it."""
    path = Path(path)
    conn = sqlite3.connect(_read_only(path), uri=True)
    try:
        office = dict(conn.execute(
            "SELECT key, value FROM settings WHERE key IN ('office.code', 'office.name')"
        ).fetchall())
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        last = conn.execute(
            "SELECT e.acted_on, c.number, e.kind FROM events e JOIN cases c ON c.id = e.case_id "
            "ORDER BY e.id DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    name = " ".join(json.loads(office[key]) for key in ("office.code", "office.name")
                    if key in office) or None
    return Described(path, name, int(cases), *(last or (None, None, None)))


@dataclass(frozen=True)
class Restored:
    """What a restore did: the ledger it replaced, kept beside it under a name of its
    own (None when there was no ledger yet)."""

    kept: Path | None


def restore(path: str | os.PathLike[str], ledger_path: str | os.PathLike[str], *,
            officer: str, wait: float = 10.0) -> Restored:
    """Replace the ledger with a checked backup, holding the ledger alone throughout: no
    other xinfang command writes (or reads) while it runs, so what was committed before is
    in the kept copy and what comes after goes into the restored ledger.

    At every moment a whole ledger is at the path: the backup is copied to a temporary
    file beside it and renamed over it in one step. Case numbers given out before the
    restore are never given again: the restored ledger carries the highest of each year.
    Nothing is changed if the backup does not check out or the ledger is in use."""
    source, target = Path(path), Path(ledger_path)
    verify(source)
    if target.exists() and os.path.samefile(source, target):
        raise BadBackup(path=str(source), reason=ref("backup.is_the_ledger"))
    make_folder(target.parent)
    with alone(target, wait=wait):
        kept = None
        given: dict[int, int] = {}
        if target.exists():
            given = _numbers_given(target)
            kept = _keep(target)
        incoming = temporary_beside(target)
        try:
            conn = sqlite3.connect(_read_only(source), uri=True)
            try:
                _copy(conn, incoming)
            finally:
                conn.close()
            if given:
                settings.carry_numbers_given(incoming, given, officer)
            verify(incoming)
            for suffix in ("-wal", "-shm"):
                # Checkpointed and held alone: nothing in them (and none may be left for
                # the restored ledger to read as its own).
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            publish(incoming, target, force=True)
        finally:
            incoming.unlink(missing_ok=True)
    return Restored(kept)


def _numbers_given(target: Path) -> dict[int, int]:
    """Checkpoint the ledger (it is held alone) and read the highest case number given
    out in each year, also those carried over from earlier restores."""
    conn = sqlite3.connect(target, timeout=30)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise LedgerInUse(path=str(target))
        given = settings.numbers_given(conn)
        for year, seq in conn.execute("SELECT year, max(seq) FROM cases GROUP BY year"):
            given[int(year)] = max(given.get(int(year), 0), int(seq))
        return given
    except sqlite3.DatabaseError:
        return {}  # a damaged ledger is kept as it is; the restored one starts from its own
    finally:
        conn.close()


def _keep(target: Path) -> Path:
    """A copy of the ledger as it was, under a name no other file has."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    temporary = temporary_beside(target)
    try:
        shutil.copyfile(target, temporary)
        for attempt in range(1, 1000):
            kept = target.with_name(f"{target.name}.before-restore-{stamp}"
                                    + (f"-{attempt}" if attempt > 1 else ""))
            try:
                publish(temporary, kept)
                return kept
            except OutputExists:
                continue
        raise OutputExists(path=str(kept))
    finally:
        temporary.unlink(missing_ok=True)
