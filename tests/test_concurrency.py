"""Several officers at once: writer processes register, forward, accept, close and note
cases while a reporter runs the overdue report, lists, figures, checks and backups over
and over. No "database is locked" reaches anyone, no act is lost, the ledger checks sound.

XINFANG_CONCURRENCY_SECONDS (default 8) sets how long they work; XINFANG_WRITERS (3) how
many writers there are.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys

from robust import ROOT, count, env, first_line, seed, worker, xinfang

from xinfang import maintenance
from xinfang.store import writer
from xinfang.store.ledger import Ledger
from xinfang.store.migrations import migrations

SECONDS = float(os.environ.get("XINFANG_CONCURRENCY_SECONDS", "8"))
WRITERS = int(os.environ.get("XINFANG_WRITERS", "3"))
OFFICERS = ("甲", "乙", "丙", "丁", "戊", "己")


def test_writers_and_a_reporter_at_once(ledger, db_path, tmp_path):
    seed(ledger)
    writer.add_unit(ledger, "自然资源局", "县区")
    ledger.close()
    backups = tmp_path / "backups"
    backups.mkdir()
    officers = [OFFICERS[i % len(OFFICERS)] + (str(i) if i >= len(OFFICERS) else "")
                for i in range(WRITERS)]
    outs = [tmp_path / f"writer-{i}.json" for i in range(WRITERS)]
    processes = [worker("writer", db_path, SECONDS, 100 + i, officer, out,
                        stderr=subprocess.PIPE, text=True)
                 for i, (officer, out) in enumerate(zip(officers, outs, strict=True))]
    report_out = tmp_path / "reporter.json"
    processes.append(worker("reporter", db_path, SECONDS, backups, report_out,
                            stderr=subprocess.PIPE, text=True))
    for process in processes:
        _, stderr = process.communicate(timeout=SECONDS + 120)
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr, stderr

    # Nobody was told the ledger was busy, nothing failed.
    writers = [json.loads(out.read_text()) for out in outs]
    reporter = json.loads(report_out.read_text())
    for result in [*writers, reporter]:
        assert result["failures"] == [], result["failures"][:3]

    # Every act a writer saw succeed is an event of that officer, and nothing more.
    for result in writers:
        rows = dict(
            (kind, n) for kind, n in _query(db_path, "SELECT kind, count(*) FROM events "
                                                     "WHERE officer = ? GROUP BY kind",
                                            (result["officer"],)))
        assert rows == result["done"], result["officer"]
        assert sum(result["done"].values()) >= 5, result  # each writer got real work done
        for number in result["cases"]:
            assert count(db_path, "SELECT count(*) FROM cases WHERE number = ?", (number,)) == 1
    numbers = [n for result in writers for n in result["cases"]]
    assert len(numbers) == len(set(numbers))  # no case number handed out twice

    assert reporter["runs"].get("report overdue", 0) >= 2, reporter["runs"]
    assert reporter["runs"].get("check", 0) >= 1, reporter["runs"]
    checked = xinfang("check", "--db", db_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # The backups taken while they wrote are private and sound.
    assert reporter["backups"]
    for path in reporter["backups"]:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        copy = Ledger.open(path, create=False)
        try:
            assert maintenance.check(copy) == []
        finally:
            copy.close()

    acts = sum(sum(result["done"].values()) for result in writers)
    print(f"\nconcurrency: {WRITERS} writers, {SECONDS:g} s: {acts} acts "
          f"({[r['done'] for r in writers]}); reporter: {reporter['runs']}")


def _query(path, sql, params):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_offices_set_up_at_once_on_a_new_ledger(tmp_path):
    """Four terminals started together on a ledger that does not exist yet: one creates
    and migrates it, the others wait for it; all succeed."""
    path = tmp_path / "new" / "ledger.db"
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "xinfang", "office", "set", "YQH", "鱼邱湖街道信访办",
             "--db", str(path)],
            cwd=ROOT, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "错误" not in err and "Traceback" not in err
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert xinfang("check", "--db", path).returncode == 0
    assert count(path, "SELECT count(*) FROM _sqlite_migrations") == len(
        migrations._migrations)  # each applied once


def _registrations(path) -> dict[str, str]:
    """Case number → uid of every case in the ledger file at `path`."""
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT number, uid FROM cases"))
    finally:
        conn.close()


def test_restore_while_officers_register_loses_nothing_they_were_told(db_path, tmp_path):
    """Before: a restore copied the backup while others committed, and what they
    committed was in neither the restored ledger nor the kept one (3 of 60 confirmed
    registrations lost), and their case numbers were given again later. Now the restore
    holds the ledger alone: every registration a command confirmed is in the restored
    ledger or in a kept copy, and no case number belongs to two cases."""
    setup = xinfang("office", "set", "YQH", "鱼邱湖街道信访办", "--db", db_path)
    assert setup.returncode == 0, setup.stderr
    backup = tmp_path / "早先的备份.db"
    assert xinfang("backup", backup, "--db", db_path).returncode == 0
    loops = [worker("register-loop", db_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    text=True) for _ in range(3)]
    restores = []
    try:
        for loop in loops:
            first_line(loop)
        for _ in range(3):
            restores.append(xinfang("restore", backup, "--yes", "--wait", "30",
                                    "--db", db_path))
    finally:
        for loop in loops:
            loop.kill()
    told = []
    for loop in loops:
        out, err = loop.communicate(timeout=60)
        assert "Traceback" not in err, err
        told += [line.split()[1] for line in out.splitlines() if line.startswith("R ")]
    for restored in restores:
        assert restored.returncode == 0, restored.stderr
    kept = sorted(tmp_path.glob("ledger.db.before-restore-*"))
    assert len(kept) == 3
    assert len(told) >= 10, told  # the officers got work done around the restores
    files = [_registrations(path) for path in [db_path, *kept]]
    missing = [number for number in told if not any(number in cases for cases in files)]
    assert missing == []
    uids: dict[str, set[str]] = {}
    for cases in files:
        for number, uid in cases.items():
            uids.setdefault(number, set()).add(uid)
    assert {number: ids for number, ids in uids.items() if len(ids) > 1} == {}
    assert xinfang("check", "--db", db_path).returncode == 0
