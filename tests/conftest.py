import datetime as dt

import pytest
from runner import Runner

from xinfang.cli import app
from xinfang.store import settings
from xinfang.store.ledger import Ledger

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Never touch the real user ledger: every test gets its own file and a fixed today."""
    monkeypatch.setenv("XINFANG_DB", str(tmp_path / "ledger.db"))
    monkeypatch.setenv("XINFANG_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XINFANG_OFFICER", "测试员")
    monkeypatch.delenv("XINFANG_LANG", raising=False)
    return tmp_path


@pytest.fixture
def db_path(isolated):
    return isolated / "ledger.db"


@pytest.fixture
def ledger(db_path):
    """A fresh ledger with the office code set, as of TODAY."""
    ledger = Ledger.open(db_path, create=True, today=TODAY)
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    yield ledger
    ledger.close()


@pytest.fixture
def cli():
    """Run the CLI; returns the Result (exit_code, stdout, stderr)."""
    runner = Runner()

    def invoke(*args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    # Rich wraps at 80 columns without a terminal; keep table cells on one line.
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def run(cli):
    """`cli`, plus the rule that nothing a user types ever ends in a traceback."""

    def invoke(*args, input=None):
        result = cli(*args, input=input)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"traceback from {args}: {result.exception!r}")
        return result

    return invoke
