"""The cycle collector is paused only while whole-ledger work runs, and always put back."""

from __future__ import annotations

import datetime as dt
import gc

import pytest

from xinfang import gcpause, reports
from xinfang.store import settings
from xinfang.store.ledger import Ledger


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_and_back_after():
    with gcpause.paused():
        assert not gc.isenabled()
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()


def test_back_after_a_failure():
    with pytest.raises(KeyboardInterrupt), gcpause.paused():
        raise KeyboardInterrupt
    assert gc.isenabled()


def test_left_off_if_it_was_off():
    gc.disable()
    with gcpause.paused():
        pass
    assert not gc.isenabled()


def test_reports_pause_it_while_they_run(tmp_path, monkeypatch):
    ledger = Ledger.open(tmp_path / "ledger.db", create=True, today=dt.date(2026, 11, 23))
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    seen = []
    monkeypatch.setattr(reports, "due_soon_until",
                        lambda *args: seen.append(gc.isenabled()) or dt.date(2026, 11, 30))
    monkeypatch.setattr(reports, "repeat_matches",
                        lambda *args: seen.append(gc.isenabled()) or {})
    assert reports.overdue(ledger, dt.date(2026, 11, 23))["overdue"] == []
    assert reports.repeat_chains(ledger) == []
    assert seen == [False, False]
    assert gc.isenabled()
