"""Keeping a ledger sound: `xinfang check` finds what was done behind the ledger's back,
`backup` writes a checked private copy (also while others write), `restore` refuses a bad
backup and keeps the old ledger beside, and migrations upgrade an older ledger in one
transaction after a backup copy, and refuse a newer one without touching it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
from robust import (
    ROOT,
    TODAY,
    cli,
    count,
    env,
    first_line,
    no_traceback,
    ok,
    seed,
    worker,
    xinfang,
)

from xinfang import acts
from xinfang.cases.intake import make_intake, make_person
from xinfang.errors import LedgerTooNew
from xinfang.registers.importer import import_register
from xinfang.store import chain, settings, writer
from xinfang.store.ledger import Ledger
from xinfang.store.migrations import migrations, open_ledger, schema_version
from xinfang.texts import t

ALL = [m.name for m in migrations._migrations]


@pytest.fixture
def run(monkeypatch):
    return cli(monkeypatch)


@pytest.fixture
def cases(ledger) -> dict[str, str]:
    """The conftest ledger (office set) with cases in several states: number by state."""
    return seed(ledger)


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def findings(run, *args) -> list[dict]:
    result = run("check", "--json", *args)
    no_traceback(result)
    return json.loads(result.stdout)["findings"]


# check ---------------------------------------------------------------------------------


def test_check_passes_on_a_sound_ledger(cases, run):
    result = run("check")
    assert result.exit_code == 0, result.stderr
    assert "台账完好" in result.stderr
    assert findings(run) == []
    assert xinfang("check").returncode == 0  # the real command, as cron would run it


def _drop(db, name):
    db.execute(f"DROP TRIGGER {name}")


def _status(db, cases):
    db.execute("UPDATE cases SET status = 'closed' WHERE number = ?", [cases["registered"]])


def _due_on(db, cases):
    db.execute("UPDATE clocks SET due_on = '2027-03-01' WHERE stopped_on IS NULL AND case_id = "
               "(SELECT id FROM cases WHERE number = ?)", [cases["accepted"]])


def _next_due(db, cases):
    db.execute("UPDATE cases SET next_due_on = '2030-01-01' WHERE number = ?",
               [cases["forwarded"]])


def _forged_event(db, cases):
    db.execute(
        "INSERT INTO events(uid, case_id, kind, acted_on, recorded_at, officer, details) "
        "SELECT 'forged', id, 'closed', '2026-11-20', '2026-11-20T00:00:00', '某人', "
        "'{\"result\": \"resolved\", \"opinion\": \"x\"}' FROM cases WHERE number = ?",
        [cases["forwarded"]])


def _fts(db, cases):
    db.execute("DROP TRIGGER cases_fts_update")
    db.execute("UPDATE cases SET content = '完全不同的内容' WHERE number = ?", [cases["closed"]])


def _dangling_person(db, cases):
    db.execute("INSERT INTO case_people(case_id, person_id, lead, position) "
               "SELECT id, 9999, 0, 9 FROM cases WHERE number = ?", [cases["closed"]])


def _reveals_removed(db, cases):
    # Before: with the trigger dropped, the reveal records deleted and the trigger made
    # again, `check` said the ledger was sound.
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'events_no_delete'"
                         ).fetchone()[0]
    db.execute("DROP TRIGGER events_no_delete")
    db.execute("DELETE FROM events WHERE kind = 'revealed'")
    db.execute(trigger)


def _content_edited(db, cases):
    db.execute("DROP TRIGGER cases_fts_update")
    db.execute("UPDATE cases SET content = '内容被改了' WHERE number = ?", [cases["closed"]])
    db.execute("INSERT INTO cases_fts(cases_fts) VALUES ('rebuild')")
    db.execute("CREATE TRIGGER cases_fts_update AFTER UPDATE OF content, request ON cases BEGIN "
               "INSERT INTO cases_fts(cases_fts, rowid, content, request) VALUES "
               "('delete', old.id, old.content, old.request); INSERT INTO cases_fts(rowid, "
               "content, request) VALUES (new.id, new.content, new.request); END")


def _name_edited(db, cases):
    db.execute("UPDATE people SET name = '改名' WHERE name = '张三'")


def _snapshot_edited(db, cases):
    db.execute("UPDATE case_people SET phone = '13900000000' WHERE case_id = "
               "(SELECT id FROM cases WHERE number = ?)", [cases["registered"]])


def _backdated(db, cases):
    # A forged event dated in the past, slipped in with a chain hash of its own making.
    db.execute(
        "INSERT INTO events(uid, case_id, kind, acted_on, recorded_at, officer, details, chain) "
        "SELECT 'forged', id, 'note', '2026-10-10', '2026-10-10T09:00:00+08:00', '某人', "
        "'{\"text\":\"补记\"}', randomblob(16) FROM cases WHERE number = ?",
        [cases["registered"]])


def _case_deleted(db, cases):
    db.execute("DROP TRIGGER events_no_delete")
    for table in ("clocks", "case_people"):
        db.execute(f"DELETE FROM {table} WHERE case_id = (SELECT id FROM cases WHERE number = ?)",
                   [cases["forwarded"]])
    db.execute("DELETE FROM events WHERE case_id = (SELECT id FROM cases WHERE number = ?)",
               [cases["forwarded"]])
    db.execute("DELETE FROM cases WHERE number = ?", [cases["forwarded"]])


def _term_counts(db, cases):
    db.execute("UPDATE gram_counts SET cases = cases + 5 "
               "WHERE gram = (SELECT min(gram) FROM gram_counts)")


def _case_terms(db, cases):
    db.execute("DELETE FROM case_terms WHERE case_id = (SELECT id FROM cases WHERE number = ?)",
               [cases["closed"]])


def _person_key(db, cases):
    db.execute("UPDATE case_people SET name_key = '某某' WHERE case_id = "
               "(SELECT id FROM cases WHERE number = ?)", [cases["closed"]])


CORRUPTIONS = {
    "reveal records removed, trigger put back": (_reveals_removed, "chain_broken", None),
    "content edited in place": (_content_edited, "field_differs_from_registration", "closed"),
    "a petitioner renamed in place": (_name_edited, "person_differs_from_events", None),
    "a case's petitioner edited in place": (_snapshot_edited, "people_differ_from_registration",
                                            "registered"),
    "a back-dated event forged": (_backdated, "chain_broken", None),
    "a whole case deleted": (_case_deleted, "chain_broken", None),
    "drop events_no_update": (lambda db, c: _drop(db, "events_no_update"),
                              "append_only_trigger_missing", None),
    "drop events_no_delete": (lambda db, c: _drop(db, "events_no_delete"),
                              "append_only_trigger_missing", None),
    "status changed": (_status, "state_differs_from_events", "registered"),
    "clock due_on changed": (_due_on, "due_date_differs", "accepted"),
    "next_due_on changed": (_next_due, "next_due_differs", "forwarded"),
    "event forged": (_forged_event, "state_differs_from_events", "forwarded"),
    "full-text index out of step": (_fts, "fts_index", None),
    "foreign key broken": (_dangling_person, "foreign_key_check", None),
    "a term count edited": (_term_counts, "repeat_terms", None),
    "a complaint's reading removed": (_case_terms, "repeat_terms", None),
    "a petitioner's key edited": (_person_key, "repeat_terms", None),
}


@pytest.mark.parametrize("what", CORRUPTIONS)
def test_check_finds_what_was_done_behind_the_ledgers_back(cases, run, db_path, what):
    ok(run("show", cases["registered"], "--reveal"))  # a reveal record, last in the chain
    ok(run("note", cases["closed"], "最后一条记录"))
    assert findings(run) == []
    corrupt, problem, case = CORRUPTIONS[what]
    # A plain connection, as a stray script or a DB browser would use (no foreign keys).
    db = sqlite_utils.Database(sqlite3.connect(db_path))
    corrupt(db, cases)
    db.conn.commit()
    db.conn.close()

    result = run("check")
    no_traceback(result)
    assert result.exit_code == 1
    assert "错误：" in result.stderr and t(f"check.problem.{problem}") in result.stderr
    found = findings(run)
    assert any(f["problem"] == problem and (case is None or f["case"] == cases[case])
               for f in found), found
    assert run("check", "--json").exit_code == 1


@pytest.mark.parametrize("what", ["a term count edited", "a complaint's reading removed",
                                  "a petitioner's key edited"])
def test_the_repeat_rules_terms_are_made_again_from_the_cases(cases, run, db_path, what):
    """The term counts and readings are derived from the cases' content: `check
    --rebuild-terms` makes them again, changing no case and no event."""
    db = sqlite_utils.Database(sqlite3.connect(db_path))
    CORRUPTIONS[what][0](db, cases)
    db.conn.commit()
    db.conn.close()
    head = json.loads(run("check", "--json").stdout)["head"]
    result = run("check", "--rebuild-terms")
    assert result.exit_code == 0, result.stderr
    assert t("check.terms_rebuilt") in result.stderr
    assert findings(run) == []
    assert json.loads(run("check", "--json").stdout)["head"] == head


def test_check_on_a_torn_file_is_a_message_not_a_traceback(cases, ledger, run, db_path):
    ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    _scribbled(db_path, db_path)
    result = run("check")
    no_traceback(result)
    assert result.exit_code == 1
    assert "错误：" in result.stderr


def test_check_sees_one_snapshot_while_officers_write(cases, run, db_path):
    """A check run while colleagues register and forward must not report the half-seen
    work of their transactions as problems (before the fix: `next_due_differs`)."""
    ok(run("unit", "add", "自然资源局", "--level", "县区"))
    out = db_path.with_name("w.json")
    writer = worker("writer", db_path, 6, 7, "甲", out)
    try:
        checks = 0
        deadline = time.monotonic() + 5.5
        while time.monotonic() < deadline:
            assert findings(run) == []
            checks += 1
            time.sleep(0.05)
    finally:
        assert writer.wait(timeout=60) == 0
    done = json.loads(out.read_text())
    assert done["failures"] == []
    assert checks >= 3 and sum(done["done"].values()) >= 5, (checks, done["done"])


# backup --------------------------------------------------------------------------------


def test_backup_is_private_sound_and_never_overwrites(cases, run, db_path, tmp_path):
    os.umask(0o022)
    target = tmp_path / "u盘" / "台账-2026-11-23.db"
    result = run("backup", target)
    assert result.exit_code == 0, result.stderr
    assert "已备份到" in result.stderr
    assert mode(target) == 0o600
    assert run("check", "--db", target).exit_code == 0
    assert count(target, "SELECT count(*) FROM events") == count(db_path,
                                                                  "SELECT count(*) FROM events")
    before = fingerprint(target)
    again = run("backup", target)
    no_traceback(again)
    assert again.exit_code == 1 and "错误：" in again.stderr and "已存在" in again.stderr
    assert fingerprint(target) == before


@pytest.mark.parametrize("name", ["备份#1.db", "50%20进度.db", "a?b.db", "x[1].db"])
def test_backup_to_a_name_with_uri_characters(cases, ledger, run, tmp_path, name):
    """Officers name files as they like; `#`, `%` and `?` mean something in a SQLite URI
    (before the fix: `#` made the backup fail as "not a ledger" and left a stray file)."""
    folder = tmp_path / "bk"
    folder.mkdir()
    result = run("backup", folder / name)
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [name]
    assert mode(folder / name) == 0o600
    ledger.close()  # a restore needs the ledger alone
    restored = run("restore", folder / name, "--yes")
    assert restored.exit_code == 0, restored.stderr


def test_backup_while_another_process_writes(cases, run, db_path, tmp_path):
    """The online backup is a consistent copy even while a register loop commits."""
    loop = worker("register-loop", db_path, stdout=subprocess.PIPE, text=True)
    copies = []
    first = ""
    try:
        first = first_line(loop)  # the loop is registering now
        assert first.startswith("R "), first
        for i in range(3):
            copies.append(tmp_path / f"live-{i}.db")
            result = run("backup", copies[-1])
            assert result.exit_code == 0, result.stderr
            time.sleep(0.3)
    finally:
        loop.kill()
        reported = first + loop.communicate(timeout=30)[0]
    sizes = []
    for copy in copies:
        assert mode(copy) == 0o600
        assert findings(run, "--db", copy) == []
        sizes.append(count(copy, "SELECT count(*) FROM cases"))
    assert sizes == sorted(sizes)
    assert re.search(r"^R ", reported, re.M), "the loop registered nothing while backed up"


# restore -------------------------------------------------------------------------------


def test_restore_replaces_the_ledger_and_keeps_the_old_one_beside(cases, ledger, run, db_path,
                                                                   tmp_path):
    ledger.close()  # a restore needs the ledger alone
    copy = tmp_path / "copy.db"
    ok(run("backup", copy))
    ok(run("note", cases["registered"], "备份之后的备注"))
    events_now = count(db_path, "SELECT count(*) FROM events")
    result = run("restore", copy, "--yes")
    assert result.exit_code == 0, result.stderr
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("ledger.db.before-restore-")]
    assert len(kept) == 1, list(tmp_path.iterdir())
    assert str(kept[0]) in result.stderr
    assert count(kept[0], "SELECT count(*) FROM events") == events_now
    assert count(db_path, "SELECT count(*) FROM events") == events_now - 1
    assert mode(db_path) == 0o600
    assert not any(p.name.endswith(".restoring") for p in tmp_path.iterdir())
    assert findings(run) == []


def _garbage(path, good):
    path.write_bytes(b"not a database at all\n" * 200)


def _truncated(path, good):
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 3])


def _empty(path, good):
    path.write_bytes(b"")


def _other_sqlite(path, good):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE dogs (name TEXT)")
    conn.commit()
    conn.close()


def _newer(path, good):
    path.write_bytes(good.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                 "VALUES ('xinfang', 'm999_future', '2027-01-01')")
    conn.commit()
    conn.close()


def _scribbled(path, good):
    rng = random.Random(1)
    data = bytearray(good.read_bytes())
    for page in range(1, len(data) // 4096, 2):
        data[page * 4096 + 8: page * 4096 + 400] = rng.randbytes(392)
    path.write_bytes(bytes(data))


BAD_BACKUPS = {"garbage": _garbage, "truncated": _truncated, "empty": _empty,
               "other database": _other_sqlite, "newer xinfang": _newer,
               "scribbled pages": _scribbled, "missing": None}


@pytest.mark.parametrize("kind", BAD_BACKUPS)
def test_restore_refuses_a_bad_backup_and_leaves_the_ledger_untouched(cases, ledger, run,
                                                                      db_path, tmp_path, kind):
    good = tmp_path / "good.db"
    ok(run("backup", good))
    # Checkpointed and closed, so the ledger is one file whose bytes say everything.
    ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    bad = tmp_path / f"bad-{kind}.db"
    if BAD_BACKUPS[kind] is not None:
        BAD_BACKUPS[kind](bad, good)
    before = fingerprint(db_path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    result = run("restore", bad, "--yes")
    no_traceback(result)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "错误：" in result.stderr and "没有改动" in result.stderr
    assert fingerprint(db_path) == before
    # Nothing new beside the ledger: no half-restored file, no "kept" copy. (Opening a bad
    # file may leave its own -wal/-shm beside it; that is the file's folder, not ours.)
    after = [p.name for p in tmp_path.iterdir() if not p.name.startswith(bad.name + "-")]
    assert sorted(after) == listing
    assert findings(run) == []


# migrations ----------------------------------------------------------------------------


def old_ledger(path: Path) -> None:
    """A ledger as the first release made it: only m001 applied, with cases in it.

    The cases are made by today's code in a current ledger and copied over table by
    table (m001's columns only): today's Ledger may need tables m001 does not have."""
    current = path.with_name("current.db")
    ledger = Ledger.open(current, create=True, today=TODAY)
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    for i, on in enumerate((dt.date(2026, 10, 9), dt.date(2026, 11, 2))):
        intake = make_intake(channel="来访", content=f"旧台账第 {i} 件", received_on=on,
                             today=TODAY, people=[make_person(f"旧{i}", None, None)])
        acts.register(ledger, intake, officer="测试员", not_repeat=True)
    ledger.close()
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA journal_mode = WAL")
    migrations.apply(db, stop_before=ALL[1])
    assert schema_version(db) == ["m001_initial"]
    db.conn.execute("ATTACH DATABASE ? AS current", [str(current)])
    with db.conn:
        for table in ("settings", "settings_log", "calendar_overrides", "units", "people",
                      "cases", "case_people", "events", "clocks"):
            columns = ", ".join(c.name for c in db[table].columns)
            db.conn.execute(f"INSERT INTO main.{table} ({columns}) "
                            f"SELECT {columns} FROM current.{table}")
    db.conn.execute("DETACH DATABASE current")
    db.close()
    path.chmod(0o600)  # as the first release made it
    current.unlink()
    for suffix in ("-wal", "-shm"):
        current.with_name(current.name + suffix).unlink(missing_ok=True)


def test_an_older_ledger_is_upgraded_after_a_backup_copy(tmp_path, run):
    path = tmp_path / "old.db"
    old_ledger(path)
    result = run("list", "--db", path, "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2
    copy = tmp_path / f"old.db.before-{ALL[1]}"
    assert copy.exists() and mode(copy) == 0o600
    with sqlite_utils.Database(copy) as db:
        assert schema_version(db) == ["m001_initial"]
        assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 2
    with sqlite_utils.Database(path) as db:
        assert schema_version(db) == ALL
    assert findings(run, "--db", path) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("old.db.before")) \
        == [f"old.db.before-{ALL[1]}"]


REGISTER = ("序号,登记日期,姓名,诉求摘要,转送单位,办理结果,办结日期\n"
            "1,2026-10-09,王五,村道损坏无人修,交通运输局,已办结,2026-10-20\n"
            "2,2026-10-12,赵六,邻里宅基地纠纷,,,\n").encode()


def test_rows_imported_before_the_imported_rows_table_was_slimmed_stay_imported(tmp_path):
    """m006 keeps of each imported row its fingerprint and case (its file, line and time
    are on the case's events): importing the same register again adds nothing."""
    current = tmp_path / "current.db"
    ledger = Ledger.open(current, create=True, today=TODAY)
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    first = import_register(ledger, REGISTER, name="旧登记簿.csv", officer="测试员")
    assert len(first.added) == 2
    links = ledger.db.execute("SELECT fingerprint, case_id FROM imported_rows").fetchall()
    ledger.close()

    # The same ledger as m005 left it: imported_rows with its old columns.
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m006_imported_rows")
    assert schema_version(db) == ALL[:ALL.index("m006_imported_rows")]
    db.conn.execute("ATTACH DATABASE ? AS current", [str(current)])
    with db.conn:
        for table in ("settings", "units", "people", "cases", "case_people", "events",
                      "clocks", "calendar_years"):
            # The columns the old schema has (later migrations added some).
            columns = ", ".join(row[1] for row in db.conn.execute(
                f"PRAGMA main.table_info({table})"))
            db.conn.execute(f"INSERT INTO main.{table} SELECT {columns} FROM current.{table}")
        db.conn.executemany(
            "INSERT INTO imported_rows(fingerprint, case_id, file, line, seq, imported_at) "
            "VALUES (?, ?, '旧登记簿.csv', ?, ?, '2026-11-01T09:00:00+08:00')",
            [(fp, case_id, case_id + 1, str(case_id)) for fp, case_id in links])
    db.conn.execute("DETACH DATABASE current")
    db.close()

    ledger = Ledger.open(path, create=False, today=TODAY)
    assert schema_version(ledger.db) == ALL
    assert ledger.db.execute("SELECT fingerprint, case_id FROM imported_rows").fetchall() \
        == sorted(links)
    again = import_register(ledger, REGISTER, name="另存的登记簿.csv", officer="测试员")
    assert again.added == [] and [s.reason for s in again.skipped] == ["imported", "imported"]
    assert ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 2
    ledger.close()


def test_an_upgrade_is_one_transaction(tmp_path, monkeypatch):
    """A failure in a later migration undoes the earlier ones of the same upgrade; the
    backup copy was written first; the next open upgrades cleanly."""
    path = tmp_path / "old.db"
    old_ledger(path)

    def m999_boom(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(migrations, "_migrations",
                        [*migrations._migrations, migrations._Migration("m999_boom", m999_boom)])
    with pytest.raises(RuntimeError):
        open_ledger(path, create=False)
    with sqlite_utils.Database(path) as db:
        assert schema_version(db) == ["m001_initial"]
        assert not db["imported_rows"].exists() and not db["half_done"].exists()
    assert (tmp_path / f"old.db.before-{ALL[1]}").exists()
    monkeypatch.undo()
    db = open_ledger(path, create=False)
    assert schema_version(db) == ALL
    db.close()


KILL_IN_BACKUP = """
import os, signal, sqlite3, sys
import xinfang.db as d
import xinfang.store.migrations as migrations

class Dying:
    # The backup file exists (created empty), then the power goes: kill before any page.
    def __getattr__(self, name):
        return getattr(sqlite3, name)

    def connect(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

d.sqlite3 = Dying()
migrations.open_ledger(sys.argv[1], create=False)
"""


def test_an_upgrade_killed_while_writing_its_backup_copy_writes_it_again(tmp_path, run):
    """A half-written backup copy left by a crash must not pass for the backup: the next
    upgrade writes a whole one (before the fix: the empty file was kept, no backup)."""
    path = tmp_path / "old.db"
    old_ledger(path)
    killed = subprocess.run([sys.executable, "-c", KILL_IN_BACKUP, str(path)], cwd=ROOT,
                            env=env(), capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    with sqlite_utils.Database(path) as db:
        assert schema_version(db) == ["m001_initial"]  # nothing was migrated
    ok(run("list", "--db", path))
    copy = tmp_path / f"old.db.before-{ALL[1]}"
    with sqlite_utils.Database(copy) as db:
        assert schema_version(db) == ["m001_initial"]
        assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 2
    assert mode(copy) == 0o600


def newer_ledger(path: Path, journal: str) -> None:
    db = open_ledger(path, create=True)
    settings.set_office(Ledger(db, today=TODAY), "YQH", "鱼邱湖街道信访办", "测试员")
    db["_sqlite_migrations"].insert({"migration_set": "xinfang", "name": "m900_future",
                                     "applied_at": "2027-01-01 00:00:00"})
    if journal != "wal":
        db.conn.execute(f"PRAGMA journal_mode = {journal}")
    db.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
@pytest.mark.parametrize("args", [["list"], ["info"], ["check"], ["report", "overdue"],
                                  ["register", "--name", "张三", "--channel", "来访",
                                   "--content", "拖欠工资"],
                                  ["backup", "{tmp}/x.db"]])
def test_a_newer_ledger_is_refused_and_never_modified(tmp_path, run, journal, args):
    path = tmp_path / "new.db"
    newer_ledger(path, journal)
    before = fingerprint(path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    time.sleep(0.01)  # a write now would show in the mtime
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args], "--db", path)
    no_traceback(result)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("错误：") and "更新版本" in result.stderr
    assert "m900_future" in result.stderr
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    with pytest.raises(LedgerTooNew):
        open_ledger(path, create=False)
    assert fingerprint(path) == before


def test_a_newer_ledger_is_refused_by_the_real_command(tmp_path):
    path = tmp_path / "new.db"
    newer_ledger(path, "wal")
    before = fingerprint(path)
    done = xinfang("list", "--db", path)
    assert done.returncode == 1
    assert done.stderr.startswith("错误：") and "Traceback" not in done.stderr
    assert fingerprint(path) == before


def test_two_restores_in_the_same_second_keep_both_originals(cases, ledger, run, db_path,
                                                             tmp_path):
    """Before: the kept copy's name was by the second, so a second restore within it
    renamed over the first kept copy."""
    ledger.close()
    copy = tmp_path / "copy.db"
    ok(run("backup", copy))
    ok(run("note", cases["registered"], "第一次恢复之前"))
    ok(run("restore", copy, "--yes"))
    ok(run("note", cases["registered"], "第二次恢复之前"))
    ok(run("restore", copy, "--yes"))
    kept = sorted(tmp_path.glob("ledger.db.before-restore-*"))
    assert len(kept) == 2
    notes = [count(path, "SELECT count(*) FROM events WHERE kind = 'note'") for path in kept]
    assert sorted(notes) == [1, 1]
    texts = {count(path, "SELECT json_extract(details, '$.text') FROM events "
                         "WHERE kind = 'note'") for path in kept}
    assert texts == {"第一次恢复之前", "第二次恢复之前"}


def test_numbers_given_out_before_a_restore_are_never_given_again(cases, ledger, run, db_path,
                                                                   tmp_path):
    ledger.close()
    copy = tmp_path / "copy.db"
    ok(run("backup", copy))
    before = json.loads(ok(run("register", "--name", "备份之后", "--channel", "来访",
                               "--content", "这件不在备份里", "--not-repeat", "--json")))["id"]
    ok(run("restore", copy, "--yes"))
    again = json.loads(ok(run("register", "--name", "恢复之后", "--channel", "来访",
                              "--content", "恢复之后登记", "--not-repeat", "--json")))["id"]
    assert again != before and again > before
    # And still after restoring the same old backup once more.
    ok(run("restore", copy, "--yes"))
    third = json.loads(ok(run("register", "--name", "再恢复之后", "--channel", "来访",
                              "--content", "第二次恢复之后登记", "--not-repeat", "--json")))["id"]
    assert third > again


def test_restore_refuses_while_another_command_has_the_ledger_open(cases, ledger, run,
                                                                   tmp_path):
    copy = tmp_path / "copy.db"
    ok(run("backup", copy))
    result = run("restore", copy, "--yes", "--wait", "0")  # the fixture's ledger is open
    assert result.exit_code == 1 and "正在被其他 xinfang 命令使用" in result.stderr
    assert not list(tmp_path.glob("ledger.db.before-restore-*"))


def test_restore_asks_at_a_terminal_and_refuses_from_a_script_without_yes(cases, ledger, run,
                                                                          tmp_path,
                                                                          monkeypatch):
    ledger.close()
    copy = tmp_path / "copy.db"
    ok(run("backup", copy))
    refused = run("restore", copy)
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert "现在的台账" in refused.stderr and "案件 6 件" in refused.stderr
    import xinfang.commands.maintenance as commands

    monkeypatch.setattr(commands, "interactive", lambda: True)
    declined = run("restore", copy, input="否\n")
    assert declined.exit_code == 1 and "已取消" in declined.stderr
    assert not list(tmp_path.glob("ledger.db.before-restore-*"))
    accepted = run("restore", copy, input="随便\n是\n")
    assert accepted.exit_code == 0, accepted.stderr
    assert "请回答 是 或 否" in accepted.stderr
    assert len(list(tmp_path.glob("ledger.db.before-restore-*"))) == 1


def test_a_history_written_anew_does_not_match_the_head_printed_before(cases, ledger, run,
                                                                        db_path):
    """Rewriting the whole chain after a deletion makes it consistent again; the head that
    `check` printed before no longer matches."""
    ledger.close()
    printed = json.loads(ok(run("check", "--json")))["head"]
    assert ok(run("check", "--against", printed)) == ""
    db = sqlite_utils.Database(sqlite3.connect(db_path))
    db.execute("DROP TRIGGER events_no_delete")
    db.execute("DELETE FROM events WHERE id = (SELECT min(id) FROM events WHERE kind = 'forwarded')")
    db.execute("DROP TRIGGER events_no_update")
    previous = chain.START
    for event_id, uid, case_uid, kind, on, recorded, officer, details in db.execute(
        "SELECT e.id, e.uid, c.uid, e.kind, e.acted_on, e.recorded_at, e.officer, e.details "
        "FROM events e JOIN cases c ON c.id = e.case_id ORDER BY e.id").fetchall():
        previous = chain.link(previous, uid, case_uid, kind, on, recorded, officer, details)
        db.execute("UPDATE events SET chain = ? WHERE id = ?", [previous, event_id])
    db.conn.commit()
    db.conn.close()
    found = findings(run, "--against", printed)
    problems = {f["problem"] for f in found}
    assert "chain_broken" not in problems  # consistent again …
    assert problems & {"fewer_events_than_head", "history_differs_from_head"}  # … but not that
    refused = run("check", "--against", "不是末端")
    assert refused.exit_code == 2 and "不是台账记录链的末端" in refused.stderr


# A ledger with damaged pages -------------------------------------------------------------

def _many_cases(ledger, count=600):
    intakes = [make_intake(channel="来访", content=f"事项{i}：道路积水无人处理", today=TODAY,
                           received_on=TODAY, people=[make_person(f"信访人{i}")])
               for i in range(count)]
    writer.write_cases(ledger, [writer.NewCase(intake, repeat="not_repeat")
                                for intake in intakes], "测试员")


def _damage_a_page(db_path):
    """Scribble over the cell pointers of a page in the middle of the cases' table."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = [row[0] for row in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'cases' AND pagetype = 'leaf' ORDER BY pageno")]
    page = pages[len(pages) // 2]
    conn.close()
    data = bytearray(db_path.read_bytes())
    start = (page - 1) * 4096
    data[start + 8:start + 64] = random.Random(2).randbytes(56)
    db_path.write_bytes(bytes(data))


def test_check_finds_damaged_pages_points_to_restore_and_stops_writes(ledger, run, db_path,
                                                                      tmp_path):
    _many_cases(ledger)
    ok(run("backup", tmp_path / "good.db"))
    ledger.close()
    _damage_a_page(db_path)
    result = run("check")
    no_traceback(result)
    assert result.exit_code == 1
    assert "xinfang restore" in result.stderr and "停止写入" in result.stderr
    # A command that writes refuses the damaged ledger, and says what to do.
    refused = run("register", "--name", "张三", "--channel", "来访", "--content", "x")
    assert refused.exit_code == 1 and "不再写入" in refused.stderr
    assert "xinfang restore" in refused.stderr
    ok(run("restore", tmp_path / "good.db", "--yes"))
    ok(run("register", "--name", "张三", "--channel", "来访", "--content", "x"))
    ok(run("check"))


def test_a_large_import_into_a_damaged_ledger_is_refused_before_it_writes(ledger, run,
                                                                          db_path, tmp_path):
    _many_cases(ledger, 200)
    ledger.close()
    before = db_path.read_bytes()
    _damage_a_page(db_path)
    damaged = db_path.read_bytes()
    assert damaged != before
    register = tmp_path / "register.csv"
    rows = ["序号,登记日期,姓名,诉求摘要,信访形式"] + [
        f"{i},2026-10-{1 + i % 28:02d},王{i},村道破损{i},来访" for i in range(1, 601)]
    register.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("import", register)
    no_traceback(result)
    assert result.exit_code == 1 and "损坏" in result.stderr
    assert db_path.read_bytes() == damaged
    # From now on no command writes to it, also a single registration.
    again = run("register", "--name", "张三", "--channel", "来访", "--content", "x")
    assert again.exit_code == 1 and "不再写入" in again.stderr


def test_a_sound_check_lets_a_repaired_ledger_be_written_again(ledger, run, db_path):
    _many_cases(ledger, 200)
    ledger.close()
    good = db_path.read_bytes()
    _damage_a_page(db_path)
    assert run("check").exit_code == 1
    db_path.write_bytes(good)  # repaired by hand (or by a technician)
    refused = run("register", "--name", "张三", "--channel", "来访", "--content", "x")
    assert refused.exit_code == 1  # until a check says it is sound
    ok(run("check"))
    ok(run("register", "--name", "张三", "--channel", "来访", "--content", "x"))
