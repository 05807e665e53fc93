"""Honest messages: an error of the system or of SQLite is named for what it is and says
what to do; a check that cannot look says so and never reports damage it did not find;
dates and text no office could have written are refused at input, and nothing is written."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import threading

import pytest

import xinfang.commands.cases
import xinfang.db
from xinfang import acts
from xinfang.cases.intake import make_intake, make_person
from xinfang.db import explain
from xinfang.errors import (
    CannotOpen,
    DiskError,
    DiskFull,
    LedgerBusy,
    LedgerDamaged,
    LedgerReadOnly,
    NotALedger,
    NulInText,
    NumberTooLarge,
    TooEarly,
    TooManyFiles,
)


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def cases_in(db_path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        conn.close()


# What an error means ---------------------------------------------------------------------

EXPLAINED = [
    (OSError(errno.ENOSPC, "No space left on device"), DiskFull, "磁盘已满"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), DiskFull, "磁盘已满"),
    (OSError(errno.EROFS, "Read-only file system"), LedgerReadOnly, "只读"),
    (OSError(errno.EACCES, "Permission denied"), LedgerReadOnly, "只读"),
    (OSError(errno.EMFILE, "Too many open files"), TooManyFiles, "ulimit"),
    (OSError(errno.EIO, "Input/output error"), DiskError, "磁盘出错"),
    (sqlite3.OperationalError("database or disk is full"), DiskFull, "磁盘已满"),
    (sqlite3.OperationalError("attempt to write a readonly database"), LedgerReadOnly, "只读"),
    (sqlite3.OperationalError("disk I/O error"), DiskError, "磁盘出错"),
    (sqlite3.OperationalError("unable to open database file"), CannotOpen, "无法打开台账"),
    (sqlite3.DatabaseError("database disk image is malformed"), LedgerDamaged, "restore"),
    (sqlite3.DatabaseError("file is not a database"), NotALedger, "不是"),
    (sqlite3.OperationalError("database is locked"), LedgerBusy, "稍后再试"),
    (OverflowError("Python int too large to convert to SQLite INTEGER"), NumberTooLarge, "太大"),
]


@pytest.mark.parametrize(("error", "kind", "words"), EXPLAINED,
                         ids=[str(case[0]) for case in EXPLAINED])
def test_each_error_of_the_system_is_named_for_what_it_is(error, kind, words):
    explained = explain(error, "/srv/xinfang/ledger.db")
    assert type(explained) is kind
    message = explained.message("zh")
    assert words in message, message
    english = explained.message("en")
    assert english and not any("\u4e00" <= char <= "\u9fff" for char in english), english


def test_an_error_that_is_none_of_these_is_left_for_the_bug_report():
    assert explain(ValueError("something else")) is None
    assert explain(sqlite3.OperationalError("no such table: cases")) is None


def test_a_full_disk_says_nothing_was_written():
    assert "没有写入" in DiskFull(path="/srv/ledger.db").message("zh")


# check when it cannot look --------------------------------------------------------------

def test_check_waits_for_a_writer_and_then_finds_the_ledger_sound(ledger, run, db_path):
    acts.register(ledger, make_intake(channel="来访", content="拖欠工资",
                                      received_on=ledger.today, today=ledger.today,
                                      people=[make_person("张三")]), officer="测试员")
    writer = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")  # another officer's transaction holds the write lock
    threading.Timer(1.0, writer.execute, ["ROLLBACK"]).start()
    try:
        result = run("check", "--json")
    finally:
        writer.close()
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["findings"] == []


def test_check_on_a_ledger_that_may_only_be_read_says_what_it_could_not_check(
        ledger, run, db_path, monkeypatch):
    """SQLite opens the ledger read-only (a read-only file, folder or mount): check reads
    everything it can, says what it could not check, and reports no damage."""
    ledger.close()

    class ReadOnly(xinfang.db.LedgerDatabase):
        def __init__(self, path, **options):
            super().__init__(sqlite3.connect(f"file:{path}?mode=ro", uri=True), **options)

    monkeypatch.setattr(xinfang.db, "LedgerDatabase", ReadOnly)
    result = run("check", "--json")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1
    assert findings and {f["problem"] for f in findings} == {"could_not_check"}
    shown = run("check")
    assert "没有发现损坏" in shown.stderr and "readonly" not in shown.stderr
    assert "未能检查" in shown.stderr
    # The other read commands read it as they always do.
    ok(run("list"))


@pytest.mark.skipif(os.geteuid() == 0, reason="the superuser may write any file")
def test_a_write_command_on_a_read_only_ledger_says_who_can_write(ledger, run, db_path):
    ledger.close()
    os.chmod(db_path, 0o400)
    os.chmod(db_path.parent, 0o500)
    try:
        result = run("register", "--name", "张三", "--channel", "来访", "--content", "x")
    finally:
        os.chmod(db_path.parent, 0o700)
        os.chmod(db_path, 0o600)
    assert result.exit_code == 1 and "只读" in result.stderr


# Dates and text no office could have written ----------------------------------------------

@pytest.mark.parametrize("on", ["0001-01-01", "1949-12-31", "1026-11-20"])
def test_a_received_date_before_1950_is_refused_and_no_number_is_given(ledger, run, db_path,
                                                                        on):
    result = run("register", "--name", "张三", "--channel", "来访", "--content", "x",
                 "--on", on)
    assert result.exit_code == 1 and "早于 1950 年" in result.stderr
    assert cases_in(db_path) == 0
    later = ok(run("register", "--name", "张三", "--channel", "来访", "--content", "x",
                   "--on", "1950-01-01"))
    assert "XF-YQH-1950-00001" in later.stdout


def test_an_act_before_1950_is_refused(ledger, run):
    ok(run("register", "--name", "张三", "--channel", "来访", "--content", "x",
           "--on", "1950-01-02"))
    result = run("note", "1950-1", "补记", "--on", "1949-06-01")
    assert result.exit_code == 1 and "早于 1950 年" in result.stderr


def test_the_library_refuses_a_date_before_1950_too(ledger):
    with pytest.raises(TooEarly):
        make_intake(channel="来访", content="x", received_on=ledger.today.replace(year=1),
                    today=ledger.today, people=[make_person("张三")])


def test_a_nul_typed_at_the_counter_is_refused_and_nothing_is_written(ledger, run, db_path,
                                                                     monkeypatch):
    monkeypatch.setattr(xinfang.commands.cases, "interactive", lambda: True)
    result = run("register", input="张三\x00李\n\n\n\n来访\n\n拖欠工资\n\n\n")
    assert result.exit_code == 2 and "空字符" in result.stderr
    assert "Traceback" not in result.stderr
    assert cases_in(db_path) == 0


@pytest.mark.parametrize("where", ["content", "name", "note", "officer"])
def test_no_nul_reaches_the_ledger_by_any_act(ledger, db_path, where):
    text = "拖欠\x00工资"
    people = [make_person(text if where == "name" else "张三")]
    intake = make_intake(channel="来访", content=text if where == "content" else "拖欠工资",
                         received_on=ledger.today, today=ledger.today, people=people)
    if where in ("content", "name"):
        with pytest.raises(NulInText):
            acts.register(ledger, intake, officer="测试员")
        assert cases_in(db_path) == 0
        return
    number = acts.register(ledger, intake, officer="测试员").number
    with pytest.raises(NulInText):
        if where == "note":
            acts.note(ledger, number, text, officer="测试员", on=ledger.today)
        else:
            acts.note(ledger, number, "补记", officer=text, on=ledger.today)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 1
    finally:
        conn.close()


# Files and folders -----------------------------------------------------------------------

def test_folders_made_for_a_ledger_are_private_also_under_umask_000(run, tmp_path):
    previous = os.umask(0)
    try:
        ok(run("office", "set", "YQH", "鱼邱湖街道信访办", "--db", tmp_path / "a" / "b" / "l.db"))
    finally:
        os.umask(previous)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
    assert stat.S_IMODE(os.stat(tmp_path / "a" / "b" / "l.db").st_mode) == 0o600


def test_a_ledger_readable_by_others_is_reported_and_made_private_by_a_write(ledger, run,
                                                                              db_path):
    ledger.close()
    os.chmod(db_path, 0o644)
    result = run("check", "--json")
    assert [f["problem"] for f in json.loads(result.stdout)["findings"]] == [
        "readable_by_others"]
    ok(run("list"))  # a command that reads leaves the file as it is
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o644
    ok(run("register", "--name", "张三", "--channel", "来访", "--content", "x"))
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    assert json.loads(run("check", "--json").stdout)["findings"] == []
