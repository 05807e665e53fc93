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

from xinfang.cases import corrections, lifecycle
from xinfang.db import alone, clear_damaged, make_folder, mark_damaged, wide_permissions, write
from xinfang.deadlines.clocks import DUTIES, Clock, refresh_due
from xinfang.errors import LedgerInUse, OutputExists, XinfangError
from xinfang.files import publish, refuse_target, temporary_beside
from xinfang.store import chain, settings, terms
from xinfang.store.ledger import Ledger
from xinfang.texts import ref, t


class BadBackup(XinfangError):
    """… is not a usable xinfang ledger backup: …."""


class BadHead(XinfangError):
    """The head given is not one `check` or `backup` printed."""

    exit_code = 2


class BackupExists(XinfangError):
    """… exists; a backup never overwrites a file."""


Finding = dict[str, Any]  # {"case": number or None, "problem": code, "detail": text}


def check(ledger: Ledger, progress: Callable[[int, int], None] | None = None,
          against: str | None = None) -> list[Finding]:
    """Everything that must hold in a sound ledger; returns the findings (empty = sound).

    SQLite's own integrity and foreign-key checks, the full-text index, the append-only
    triggers, the events' hash chain (and, with `against`, that it still ends at a head
    printed earlier), and for every case: its stored state equals the replay of its events,
    its registered fields and petitioners are those its registration recorded, every
    running clock's due date equals a recomputation, and the stored next due date is the
    earliest running duty clock; for every petitioner, that the ledger's record is what
    the events made it. A ledger readable by others is reported too.

    What could not be checked (a ledger that may only be read, a lock that stayed taken)
    is said as such (`could_not_check`), never reported as damage."""
    db = ledger.db
    findings: list[Finding] = []

    def found(problem: str, case: str | None = None, detail: str = "") -> None:
        findings.append({"case": case, "problem": problem, "detail": detail})

    if ledger.path is not None and wide_permissions(ledger.path) is not None:
        found("readable_by_others", detail=oct(wide_permissions(ledger.path) or 0))
    try:
        db.execute("INSERT INTO cases_fts(cases_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.OperationalError as err:
        if "readonly" in str(err) or "locked" in str(err) or "busy" in str(err):
            found("could_not_check", detail="fts_index")
        else:
            found("fts_index", detail=str(err))
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
            if ledger.path is not None:
                mark_damaged(ledger.path, "; ".join(result[:20]))
            return findings  # on damaged pages the rest would only repeat it
        if ledger.path is not None:
            clear_damaged(ledger.path)
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
            found("foreign_key_check", detail=f"{table} row {rowid} → {parent}")
        triggers = {row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name in ("events_no_update", "events_no_delete"):
            if name not in triggers:
                found("append_only_trigger_missing", detail=name)
        _check_chain(ledger, against, found)
        _check_cases(ledger, progress, found)
        _check_people(ledger, found)
        grams, cases = terms.differences(db)
        if grams or cases:
            found("repeat_terms", detail=f"{grams} · {cases}")
    finally:
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")
    return findings


def rebuild_terms(ledger: Ledger) -> None:
    """Make the repeat rule's term counts and readings again from the cases' content
    (`check --rebuild-terms`): derived data, no case or event changes."""

    with write(ledger.db):
        terms.rebuild(ledger.db)


def _check_chain(ledger: Ledger, against: str | None,
                 found: Callable[..., None]) -> None:
    previous = chain.START
    count = 0
    broken = False
    for number, uid, case_uid, kind, on, recorded, officer, details, stored in ledger.db.execute(
        "SELECT c.number, e.uid, c.uid, e.kind, e.acted_on, e.recorded_at, e.officer, "
        "e.details, e.chain FROM events e LEFT JOIN cases c ON c.id = e.case_id ORDER BY e.id"
    ):
        count += 1
        if case_uid is None:
            found("event_without_case", None, uid)
            case_uid = ""
        previous = chain.link(previous, uid, case_uid, kind, on, recorded, officer, details)
        if stored != previous and not broken:
            # One break is enough to say: every later hash follows from it.
            found("chain_broken", number, t("check.detail.chain_at", "zh", n=count, kind=kind,
                                            on=on))
            broken = True
            previous = stored or previous
    if against:
        wanted = chain.parse_head(against)
        now = chain.Head(count, previous).text
        if wanted is None:
            raise BadHead(head=against)
        events, digest = wanted
        if count < events:
            found("fewer_events_than_head", None, f"{against} → {now}")
        elif not _prefix_ends_at(ledger, events, digest):
            found("history_differs_from_head", None, f"{against} → {now}")


def _prefix_ends_at(ledger: Ledger, events: int, digest: str) -> bool:
    """Whether the chain's `events`-th hash begins with `digest` (a head printed then)."""
    if events == 0:
        return chain.START.hex().startswith(digest)
    row = ledger.db.execute("SELECT chain FROM events ORDER BY id LIMIT 1 OFFSET ?",
                            [events - 1]).fetchone()
    return bool(row and row[0] and row[0].hex().startswith(digest))


_INTAKE = ("channel", "headcount", "locality", "category", "content", "request", "anonymous",
           "confidential")


def _check_cases(ledger: Ledger, progress: Callable[[int, int], None] | None,
                 found: Callable[..., None]) -> None:
    db = ledger.db
    total = db.execute("SELECT count(*) FROM cases").fetchone()[0]
    duties = set(DUTIES)
    registrations = {case_id: (dt.date.fromisoformat(on), json.loads(details))
                     for case_id, on, details in db.execute(
        "SELECT case_id, acted_on, details FROM events WHERE kind = 'registered'")}
    corrected: dict[int, list[dict[str, Any]]] = {}
    for case_id, details in db.execute(
            "SELECT case_id, details FROM events WHERE kind = 'corrected' ORDER BY id"):
        corrected.setdefault(case_id, []).append(json.loads(details))
    people: dict[int, list[tuple[Any, ...]]] = {}
    for row in db.execute("SELECT cp.case_id, p.uid, cp.name, cp.id_number, cp.phone, "
                          "cp.address FROM case_people cp JOIN people p ON p.id = cp.person_id "
                          "ORDER BY cp.case_id, cp.position"):
        people.setdefault(row[0], []).append(row[1:])
    for done, (case_id, number, next_due, received, *intake) in enumerate(db.execute(
        f"SELECT id, number, next_due_on, received_on, {', '.join(_INTAKE)} FROM cases "
        "ORDER BY id").fetchall(), start=1
    ):
        if case_id not in registrations:
            found("case_without_registration", number)
            continue
        registered_on, registered = corrections.as_corrected(
            *registrations[case_id], corrected.get(case_id, []))
        stored = ledger.stored_state(case_id)
        replayed = ledger.replayed_state(case_id)
        for difference in lifecycle.differences(stored, replayed):
            found("state_differs_from_events", number, difference)
        for name, value in zip(_INTAKE, intake, strict=True):
            recorded = registered.get(name)
            if name in ("anonymous", "confidential"):
                value, recorded = bool(value), bool(recorded)
            if value != recorded:
                found("field_differs_from_registration", number, f"{name}: {value!r} != "
                      f"{recorded!r}")
        if received != registered_on.isoformat():
            found("field_differs_from_registration", number,
                  f"received_on: {received!r} != {registered_on.isoformat()!r}")
        linked = people.get(case_id, [])
        if [uid for uid, *_ in linked] != registered.get("people", []):
            found("people_differ_from_registration", number)
        elif "given" in registered and [list(rest) for _, *rest in linked] != registered["given"]:
            found("people_differ_from_registration", number)
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


def _check_people(ledger: Ledger, found: Callable[..., None]) -> None:
    """A petitioner's record is what their first registration (or a correction naming
    them) gave, changed only by the changes later registrations and corrections recorded
    (in the order of the events)."""
    expected: dict[str, list[Any]] = {}
    for details, in ledger.db.execute(
        "SELECT details FROM events WHERE kind IN ('registered', 'corrected') ORDER BY id"
    ):
        registered = json.loads(details)
        for uid, given in zip(registered.get("people", []), registered.get("given") or [],
                              strict=False):
            if uid not in expected:
                expected[uid] = list(given)
        for uid, changes in (registered.get("person_changes") or {}).items():
            record = expected.setdefault(uid, [None, None, None, None])
            for name, (_, new) in changes.items():
                record[("name", "id_number", "phone", "address").index(name)] = new
    for uid, name, id_number, phone, address in ledger.db.execute(
        "SELECT uid, name, id_number, phone, address FROM people"
    ):
        known = expected.get(uid)
        if known is not None and known != [name, id_number, phone, address]:
            found("person_differs_from_events", None, uid)
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
            clear_damaged(target)  # the backup restored was checked
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
