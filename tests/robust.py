"""Shared helpers for the robustness tests (test_crash, test_concurrency, test_fuzz,
test_privacy, test_maintenance): a quick CLI runner, a ledger seeded with cases in several
states and known personal data, and running `python -m xinfang` as a real process."""

from __future__ import annotations

import datetime as dt
import os
import select
import subprocess
import sys
from pathlib import Path

from runner import Runner

from xinfang import acts
from xinfang.cases.intake import make_intake, make_person
from xinfang.cli import app
from xinfang.store import writer
from xinfang.store.ledger import Ledger

ROOT = Path(__file__).resolve().parents[1]
WORKERS = Path(__file__).resolve().with_name("workers.py")
TODAY = dt.date(2026, 11, 23)  # as in conftest

# Made-up but valid ID numbers (checksums as in tests/test_people.py) and phones.
ID_A = "371526196601318579"
ID_B = "360803194801175605"
ID_C = "11010519491231002X"
PHONE_A = "13812345678"
PHONE_B = "15987654321"
LANDLINE = "0635-2468013"
SECRETS = (ID_A, ID_B, ID_C, PHONE_A, PHONE_B, LANDLINE, LANDLINE.split("-")[1])

def cli(monkeypatch, columns: int = 240):
    """Invoke the CLI in-process with wide output (tables do not wrap)."""
    runner = Runner()

    def invoke(*args, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input,
                             env={"COLUMNS": str(columns)})

    return invoke


def ok(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr,
                                   result.exception)
    return result.stdout


def no_traceback(result) -> None:
    """What a user may cause ends in a message, never in a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception), result.stdout[-2000:], result.stderr[-2000:])
    assert "Traceback" not in result.stdout + result.stderr


def seed(ledger: Ledger, *, content: str = "工地拖欠工资") -> dict[str, str]:
    """Units and cases in several states, with known ID numbers and phones. Returns the
    case number by state."""
    for name in ("人社局", "住建局"):
        if not ledger.db.execute("SELECT 1 FROM units WHERE name = ?", [name]).fetchone():
            writer.add_unit(ledger, name, "县区")

    def register(name, id_number, phone, on, headcount=1, what=content, **kw):
        people = [make_person(name, id_number, phone, "光明村9号", today=TODAY)]
        intake = make_intake(channel="来访", content=what, received_on=on, today=TODAY,
                             people=people, headcount=headcount, category="劳动社保", **kw)
        return acts.register(ledger, intake, officer="测试员", not_repeat=True).number

    cases = {
        "registered": register("张三", ID_A, PHONE_A, dt.date(2026, 10, 9)),
        "forwarded": register("李四", ID_B, PHONE_B, dt.date(2026, 10, 12)),
        "accepted": register("王五", ID_C, LANDLINE, dt.date(2026, 9, 1)),
        "closed": register("赵六", None, PHONE_B, dt.date(2026, 8, 3), headcount=12),
        "confidential": register("钱七", None, None, dt.date(2026, 11, 2), confidential=True),
    }
    # A repeat of the first case: same person, same matter.
    intake = make_intake(channel="来电", content=content, received_on=dt.date(2026, 11, 20),
                         today=TODAY, people=[make_person("张三", ID_A, PHONE_A, today=TODAY)],
                         category="劳动社保")
    cases["repeat"] = acts.register(ledger, intake, officer="测试员").number
    acts.record(ledger, cases["forwarded"], "forwarded", officer="测试员", on=dt.date(2026, 10, 13),
               details={"unit": "人社局"})
    for kind, on, details in (("forwarded", dt.date(2026, 9, 2), {"unit": "住建局"}),
                              ("accepted", dt.date(2026, 9, 3), {})):
        acts.record(ledger, cases["accepted"], kind, officer="测试员", on=on, details=details)
    for kind, on, details in (
        ("forwarded", dt.date(2026, 8, 4), {"unit": "人社局"}),
        ("accepted", dt.date(2026, 8, 5), {}),
        ("closed", dt.date(2026, 9, 30), {"result": "resolved", "opinion": "已督促补发"}),
    ):
        acts.record(ledger, cases["closed"], kind, officer="测试员", on=on, details=details)
    return cases


def env(**extra: str) -> dict[str, str]:
    """The environment for a real `xinfang` process: the test's ledger (never the user's:
    conftest points XINFANG_DB at tmp_path), today and officer."""
    out = {key: value for key, value in os.environ.items() if not key.startswith("XINFANG_")}
    out.update({"XINFANG_DB": os.environ["XINFANG_DB"], "XINFANG_TODAY": TODAY.isoformat(),
                "XINFANG_OFFICER": "测试员", "PYTHONPATH": str(ROOT), "COLUMNS": "240"})
    out.update(extra)
    return out


def xinfang(*args, timeout: float = 120, **extra_env: str) -> subprocess.CompletedProcess:
    """Run `python -m xinfang ARGS` as its own process, for at most `timeout` seconds."""
    try:
        return subprocess.run([sys.executable, "-m", "xinfang", *map(str, args)], cwd=ROOT,
                              env=env(**extra_env), capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        shown = " ".join(str(a)[:40] for a in args)[:200]
        raise AssertionError(f"xinfang {shown} did not finish in {timeout} s") from None


def worker(*args, **popen) -> subprocess.Popen:
    """Start `python tests/workers.py ARGS` (see workers.py)."""
    return subprocess.Popen([sys.executable, str(WORKERS), *map(str, args)], cwd=ROOT,
                            env=env(), **popen)


def first_line(process: subprocess.Popen, timeout: float = 60) -> str:
    """The first line a worker prints (it is at work then), waiting at most `timeout`."""
    poll = select.poll()  # not select(), which fails on file descriptors above 1023
    poll.register(process.stdout, select.POLLIN)
    assert poll.poll(timeout * 1000), f"the worker printed nothing in {timeout} s"
    return process.stdout.readline()


def count(path: str | os.PathLike, sql: str, params: tuple = ()) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()
