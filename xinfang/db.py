"""Opening the ledger: where it lives, its pragmas and file mode, its migrations, and
the hold every command keeps on it while it has it open.

Nothing else in xinfang opens a database connection to a ledger.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from xinfang.errors import (
    CannotOpen,
    DiskError,
    DiskFull,
    EmptyLedgerFile,
    KnownDamaged,
    LedgerBusy,
    LedgerDamaged,
    LedgerInUse,
    LedgerMissing,
    LedgerReadOnly,
    LedgerTooNew,
    NotALedger,
    NumberTooLarge,
    StillRunning,
    TooManyFiles,
    XinfangError,
)
from xinfang.files import DAMAGED_SUFFIX, GATE_SUFFIX, HOLD_SUFFIX, REPORT_SUFFIX

ENV_DB = "XINFANG_DB"
FILE_NAME = "ledger.db"


@dataclass(frozen=True)
class Location:
    path: Path
    source: str  # "option" (--db), "env" (XINFANG_DB) or "default" (user data directory)


def locate(option: str | os.PathLike | None = None) -> Location:
    """Which ledger file to use: `--db`, else `XINFANG_DB`, else the user data directory."""
    if option:
        return Location(Path(option).expanduser(), "option")
    if os.environ.get(ENV_DB):
        return Location(Path(os.environ[ENV_DB]).expanduser(), "env")
    import typer  # only for its app-dir rule, shared with every Click/Typer tool

    return Location(Path(typer.get_app_dir("xinfang")) / FILE_NAME, "default")


class LedgerDatabase(sqlite_utils.Database):
    """The ledger's database, with the hold its command keeps on it until it is closed."""

    hold: int | None = None
    made: Path | None = None  # the ledger, when this command created it
    made_folders: list[Path] = []

    def close(self) -> None:
        super().close()
        if self.hold is not None:
            os.close(self.hold)  # closing the descriptor lets go of the lock
            self.hold = None


# How long a command waits for a restore (which holds the ledger alone) to finish.
HOLD_WAIT = 30.0


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + HOLD_SUFFIX)


def hold(path: Path, *, exclusive: bool, wait: float) -> int | None:
    """Hold the ledger at `path`: shared by every command that has it open, alone by a
    restore. Waits up to `wait` seconds, then refuses. The hold is a lock on a file beside
    the ledger (SQLite's own locks come and go with each transaction); where that file
    cannot be made (a folder the officer may only read) there is no hold to take.

    A command passes a gate (a second lock file) on its way to the hold; a restore keeps
    the gate closed while it waits for the commands already in to finish, so officers
    registering one after another can never keep a restore waiting for ever."""
    try:
        gate = os.open(path.with_name(path.name + GATE_SUFFIX),
                       os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        return None
    deadline = time.monotonic() + wait
    busy = LedgerInUse if exclusive else LedgerBusy
    try:
        fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        os.close(gate)
        return None
    try:
        _lock(gate, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, wait,
              lambda: busy(path=str(path)))
    except BaseException:
        os.close(fd)
        raise
    try:
        _lock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH,
              max(0.0, deadline - time.monotonic()), lambda: busy(path=str(path)))
    except BaseException:
        os.close(gate)  # (the hold's descriptor was closed by _lock)
        raise
    if not exclusive:
        os.close(gate)  # in: the next one may pass
    else:
        _gates[fd] = gate  # closed with the hold (`release`)
    return fd


# The gate a restore keeps closed while it holds the ledger, by its hold's descriptor.
_gates: dict[int, int] = {}


def release(fd: int | None) -> None:
    """Let go of a hold (and of the gate a restore kept closed with it)."""
    if fd is None:
        return
    gate = _gates.pop(fd, None)
    os.close(fd)
    if gate is not None:
        os.close(gate)


def _lock(fd: int, mode: int, wait: float | None, refuse: Callable[[], XinfangError],
          waiting: Callable[[], None] | None = None) -> None:
    """Take the lock `mode` on `fd`, waiting up to `wait` seconds (None: as long as it
    takes); `waiting` is called once if it must wait. Past `wait` the descriptor is closed
    and `refuse()` raised."""
    deadline = None if wait is None else time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if deadline is not None and time.monotonic() >= deadline:
                os.close(fd)
                raise refuse() from None
            if waiting is not None and not told:
                waiting()
                told = True
            time.sleep(0.05)


@contextmanager
def one_at_a_time(path: Path, *, wait: float | None,
                  waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Runs of the overdue report on the ledger at `path` one after another: two cron
    jobs, or a cron job and an officer, never interleave. Waits for the one running, up to
    `wait` seconds (None: until it ends), calling `waiting` once if it must wait."""
    lock = path.with_name(path.name + REPORT_SUFFIX)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        yield  # a folder the officer may only read: the reports are not kept apart there
        return
    try:
        _lock(fd, fcntl.LOCK_EX, wait, lambda: StillRunning(seconds=wait), waiting)
    except KeyboardInterrupt:
        os.close(fd)
        raise
    try:
        yield
    finally:
        os.close(fd)


@contextmanager
def alone(path: Path, *, wait: float) -> Iterator[None]:
    """No other xinfang command has the ledger open while the block runs (a restore)."""
    fd = hold(path, exclusive=True, wait=wait)
    try:
        yield
    finally:
        release(fd)


def damage_mark(path: Path) -> Path:
    return path.with_name(path.name + DAMAGED_SUFFIX)


def mark_damaged(path: Path, found: str) -> None:
    """Remember beside the ledger that SQLite found its pages damaged (`check`, or any
    command that read a damaged page): commands that write refuse it from then on, so
    that the damage does not spread, until a restore or a sound check. A short note of
    what was found is kept in the mark."""
    import datetime as dt

    try:
        fd = os.open(damage_mark(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW,
                     0o600)
    except OSError:
        return  # a folder that may only be read: nothing can be written there anyway
    with os.fdopen(fd, "w", encoding="utf-8") as mark:
        mark.write(f"{dt.datetime.now().isoformat(timespec='seconds')} {found[:2000]}\n")


def clear_damaged(path: Path) -> None:
    """The ledger is sound again (a check found no damage, a backup was restored)."""
    with suppress(OSError):
        damage_mark(path).unlink(missing_ok=True)


def make_folder(folder: Path) -> list[Path]:
    """The ledger's folder, made readable by its owner only (also under umask 000).
    Returns the folders made, the innermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(mode=0o700, exist_ok=True)
        os.chmod(made, 0o700)
    return missing


def _create(path: Path, migrations: sqlite_utils.Migrations) -> None:
    """A new ledger appears at `path` whole or not at all: it is set up in a file beside
    it and then linked into place, so a command killed while creating it leaves no
    half-made ledger (at most the file it was being made in)."""
    making = path.with_name(f".{path.name}.new-{os.getpid()}")
    os.close(os.open(making, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))
    try:
        db = LedgerDatabase(making, execute_plugins=False)
        try:
            db.conn.execute("PRAGMA journal_mode = WAL")
            with write(db):
                migrations.apply(db)
        finally:
            db.close()
        try:
            os.link(making, path)
        except FileExistsError:
            pass  # made by another command at the same moment: theirs is the ledger
        except OSError:
            if not path.exists():
                os.rename(making, path)  # a file system without links (a FAT stick)
    finally:
        with suppress(FileNotFoundError):
            making.unlink()


def discard(db: sqlite_utils.Database) -> None:
    """A ledger this command created, whose command then failed: the ledger, its lock
    files and the folders made for it are removed, so that a failed command leaves no
    new file behind. Only a ledger that still holds no case is removed."""
    path = getattr(db, "made", None)
    if path is None:
        return
    try:
        holds_cases = bool(db.execute("SELECT count(*) FROM cases").fetchone()[0])
    except sqlite3.Error:
        holds_cases = True
    db.close()
    if holds_cases:
        return
    for suffix in ("", "-wal", "-shm", HOLD_SUFFIX, GATE_SUFFIX):
        with suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
    for folder in getattr(db, "made_folders", []):
        with suppress(OSError):
            folder.rmdir()


def open_ledger(path: str | os.PathLike[str], *, create: bool,
                migrations: sqlite_utils.Migrations, writes: bool | None = None
                ) -> LedgerDatabase:
    """Open the ledger at `path`, applying the pending ones of `migrations` (the schema,
    `store.migrations`).

    With `create=False` (commands that read) a missing file is an error, never created,
    and a file that is not an xinfang ledger (an empty file, another program's SQLite
    database) is refused, never turned into one. A new file is made readable by its owner
    only (mode 0600): it holds personal data, and a command that writes (`writes`, by
    default as `create`) makes an existing one private again if it was not.
    """
    path = Path(path)
    writing = create if writes is None else writes
    if writing and damage_mark(path).exists():
        raise KnownDamaged(path=str(path), mark=str(damage_mark(path)))
    made: list[Path] = []
    created = False
    if not path.exists():
        if not create:
            raise LedgerMissing(path=str(path))
        made = make_folder(path.parent)
        _create(path, migrations)
        created = True
    fd = hold(path, exclusive=False, wait=HOLD_WAIT)
    # No sqlite-utils plugins: nothing outside xinfang runs on a ledger of personal data
    # (and looking for plugins costs a one-shot command ≈ 30 ms).
    db = LedgerDatabase(path, execute_plugins=False)
    db.hold = fd
    if created:
        db.made, db.made_folders = path, made
    try:
        conn = db.conn
        conn.execute("PRAGMA busy_timeout = 30000")
        _refuse_foreign(db, path, migrations, create=create)
        _refuse_newer(db, path, migrations)  # before any pragma that writes: a newer one stays
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as err:
            if "readonly" not in str(err):
                raise  # a ledger that may only be read is still read, in its own mode
        conn.execute("PRAGMA foreign_keys = ON")
        # FULL: a commit is on disk before the officer is told it is saved, also if the
        # power fails right after (NORMAL may lose the last commits in the WAL then).
        # Measured: no difference in a registration or an import beyond the noise.
        conn.execute("PRAGMA synchronous = FULL")
        if writing:
            tighten(path)
        _migrate(db, path, migrations)
    except BaseException:
        db.close()
        raise
    return db


def wide_permissions(path: Path) -> int | None:
    """The file's mode when others than its owner may read or write it, else None."""
    mode = stat.S_IMODE(os.stat(path).st_mode)
    return mode if mode & 0o077 else None


def tighten(path: Path) -> None:
    """A ledger readable by others (copied in with wider permissions) is made private."""
    if wide_permissions(path) is not None:
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass  # not the owner: `check` says so


def _refuse_foreign(db: sqlite_utils.Database, path: Path, migrations: sqlite_utils.Migrations,
                    *, create: bool) -> None:
    """An empty file is set up as a ledger only by a command that may create one; a
    database with tables of its own but no xinfang schema is never taken over."""
    tables = {name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if migrations.applied(db):
        return
    if tables - {migrations.migrations_table, "sqlite_sequence"}:
        raise NotALedger(path=str(path))
    if not create:
        raise EmptyLedgerFile(path=str(path))


def known_names(migrations: sqlite_utils.Migrations) -> set[str]:
    """The names of every migration of the set: those pending on an empty database."""
    # No plugin scan: it costs a one-shot command ≈ 15 ms.
    empty = sqlite_utils.Database(memory=True, execute_plugins=False)
    return {migration.name for migration in migrations.pending(empty)}


def _refuse_newer(db: sqlite_utils.Database, path: Path,
                  migrations: sqlite_utils.Migrations) -> None:
    known = known_names(migrations)
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise LedgerTooNew(path=str(path), names=", ".join(unknown))


def _migrate(db: sqlite_utils.Database, path: Path, migrations: sqlite_utils.Migrations) -> None:
    pending = migrations.pending(db)
    if not pending:
        return
    if migrations.applied(db):
        # An older ledger: keep a copy of it as it was before upgrading.
        backup_path = path.with_name(f"{path.name}.before-{pending[0].name}")
        if not backup_path.exists():
            # Written under another name and renamed when whole: a copy cut short by a
            # crash must never pass for the backup on the next try.
            partial = backup_path.with_name(backup_path.name + ".partial")
            partial.unlink(missing_ok=True)
            fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            target = sqlite3.connect(partial)
            try:
                db.conn.backup(target)
            finally:
                target.close()
            os.replace(partial, backup_path)
    # All pending migrations in one transaction: each one's own becomes a savepoint.
    with write(db):
        migrations.apply(db)


def schema_version(db: sqlite_utils.Database, migrations: sqlite_utils.Migrations) -> list[str]:
    return [m.name for m in migrations.applied(db)]


@contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction. BEGIN IMMEDIATE takes the write lock up front, so a
    concurrent writer waits (busy timeout) instead of failing half-way; nested use
    becomes a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def explain(error: BaseException, path: Path | str | None = None) -> XinfangError | None:
    """What an error of SQLite or of the system means to the officer, and what to do;
    None for an error that is none of these (a bug: it is shown as it is)."""
    where = str(path or getattr(error, "filename", None) or "")
    if isinstance(error, OverflowError):
        return NumberTooLarge()
    if isinstance(error, OSError):
        by_errno: dict[int, Any] = {
            errno.ENOSPC: DiskFull, errno.EDQUOT: DiskFull, errno.EROFS: LedgerReadOnly,
            errno.EACCES: LedgerReadOnly, errno.EPERM: LedgerReadOnly, errno.EMFILE: TooManyFiles,
            errno.ENFILE: TooManyFiles, errno.EIO: DiskError,
        }
        kind = by_errno.get(error.errno or 0)
        return kind(path=where) if kind is not None else None
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return LedgerBusy(path=where)
    if "readonly" in text or "read-only" in text or "read only" in text:
        return LedgerReadOnly(path=where)
    if "full" in text:
        return DiskFull(path=where)
    if "disk i/o" in text:
        return DiskError(path=where)
    if "unable to open" in text:
        return CannotOpen(path=where)
    if "malformed" in text or "corrupt" in text:
        return LedgerDamaged(path=where)
    if "not a database" in text or "encrypted" in text:
        return NotALedger(path=where)
    if "too many" in text:
        return TooManyFiles(path=where)
    return None
