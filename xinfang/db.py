"""Opening the ledger: where it lives, its pragmas and file mode, and its migrations.

Nothing else in xinfang opens a database connection.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from xinfang.errors import LedgerMissing, LedgerTooNew

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


def open_ledger(path: str | os.PathLike, *, create: bool,
                migrations: sqlite_utils.Migrations) -> sqlite_utils.Database:
    """Open the ledger at `path`, applying the pending ones of `migrations` (the schema,
    `store.migrations`).

    With `create=False` (read-only commands) a missing file is an error, never created.
    A new file is made readable by its owner only (mode 0600): it holds personal data.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise LedgerMissing(path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    # No sqlite-utils plugins: nothing outside xinfang runs on a ledger of personal data
    # (and looking for plugins costs a one-shot command ≈ 30 ms).
    db = sqlite_utils.Database(path, execute_plugins=False)
    conn = db.conn
    conn.execute("PRAGMA busy_timeout = 30000")
    _refuse_newer(db, path, migrations)  # before any pragma that writes: a newer ledger stays
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    _migrate(db, path, migrations)
    return db


def known_names(migrations: sqlite_utils.Migrations) -> set[str]:
    """The names of every migration of the set: those pending on an empty database."""
    return {migration.name for migration in migrations.pending(sqlite_utils.Database(memory=True))}


def _refuse_newer(db: sqlite_utils.Database, path: Path,
                  migrations: sqlite_utils.Migrations) -> None:
    known = known_names(migrations)
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        db.close()
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
