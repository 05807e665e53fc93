"""Reports as of a past day show the ledger as it stood at the end of that day: only the
events acted on up to that day, with the policy and the calendar then in force.

The test lives a month day by day: each day's acts are recorded on that day, the day's
reports are taken, and later acts (closes, forwards, a policy change, a local rest day)
change what the ledger says now. At the end, each day's report as of that day must be
the report taken that day."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from xinfang import acts, reports
from xinfang.cases.intake import make_intake, make_person
from xinfang.errors import XinfangError
from xinfang.store import past, queries, settings, writer
from xinfang.store.ledger import Ledger

D = dt.date.fromisoformat
OFFICER = "王专干"
UNITS = ("人社局", "住建局")


def register(ledger: Ledger, on: dt.date, n: int) -> str:
    intake = make_intake(channel="来访", content=f"工地拖欠工资{n}", received_on=on,
                         today=ledger.today, people=[make_person(f"张{n}")])
    return acts.register(ledger, intake, officer="登记员", not_repeat=True).number


def one_step(ledger: Ledger, number: str, on: dt.date, rng: random.Random) -> None:
    """The next act of a case's life, or nothing (most days nothing happens)."""
    if rng.random() < 0.85:
        return
    status = ledger.stored_state(ledger.find_case(number)).status
    choices = {
        "registered": [lambda: acts.forward(ledger, number, rng.choice(UNITS),
                                            officer=OFFICER, on=on)],
        "forwarded": [lambda: acts.accept(ledger, number, officer=OFFICER, on=on),
                      lambda: acts.object_(ledger, number, "不属于本单位", officer=OFFICER,
                                           on=on)],
        "accepted": [lambda: acts.close(ledger, number, "resolved", "已答复", officer=OFFICER,
                                        on=on)],
        "closed": [lambda: acts.review(ledger, number, "request", officer=OFFICER, on=on,
                                       body="县信访局")],
    }.get(status or "", [])
    if choices:
        try:
            rng.choice(choices)()
        except XinfangError:
            pass


def snapshot(ledger: Ledger, day: dt.date) -> dict:
    report = reports.overdue(ledger, day)
    report.pop("head")
    listed, _ = queries.list_cases(ledger, queries.Filters(overdue=True, as_of=day),
                                   as_of=day, limit=None)
    stats = reports.stats(ledger, day.replace(day=1), day, by="unit")
    return {"report": report, "list": sorted(r["id"] for r in listed),
            "groups": stats["groups"]}


@pytest.fixture
def lived(ledger, monkeypatch):
    """A ledger lived through March 2026 and the months after, with the snapshot of
    each day of March taken that day."""
    for name in (*UNITS, "县信访局"):
        writer.add_unit(ledger, name, "县区")
    rng = random.Random(16)
    # Older cases, so that clocks come due during the month.
    numbers = [register(ledger, D("2026-01-05") + dt.timedelta(days=3 * n), n)
               for n in range(12)]
    ledger.today = D("2026-02-28")
    for number in numbers[:6]:
        acts.forward(ledger, number, UNITS[0], officer=OFFICER, on=D("2026-02-10"))
    taken = {}
    day = D("2026-03-01")
    while day <= D("2026-05-31"):
        ledger.today = day
        # Settings are logged with the time they were made: the day lived.
        monkeypatch.setattr(writer, "now", lambda day=day: f"{day.isoformat()}T17:00:00+08:00")
        if day.day % 2 == 0:
            numbers.append(register(ledger, day, len(numbers)))
        for number in numbers:
            one_step(ledger, number, day, rng)
        if day == D("2026-03-12"):
            settings.set_policy(ledger, "forward", "10", "days", "测试员")
        if day == D("2026-03-20"):
            settings.add_override(ledger, D("2026-03-27"), False, "防汛", "测试员")
        if day == D("2026-04-10"):
            settings.remove_override(ledger, D("2026-03-27"), "测试员")
            settings.set_policy(ledger, "forward", "15", "days", "测试员")
        if day.month == 3:
            taken[day] = snapshot(ledger, day)
        day += dt.timedelta(days=1)
    return ledger, taken


def test_each_day_of_a_month_reads_as_it_was_reported_that_day(lived):
    ledger, taken = lived
    assert any(snap["report"]["overdue"] for snap in taken.values())
    differs = 0
    for day, then in taken.items():
        view = past.as_of(ledger, day)
        assert view.today == day
        assert snapshot(view, day) == then, day
        # Today's ledger says otherwise on some of those days (acts came later).
        differs += snapshot(ledger, day)["report"] != then["report"]
    assert differs > 0


def test_a_day_to_come_or_today_is_the_ledger_itself(ledger):
    assert past.as_of(ledger, ledger.today) is ledger
    assert past.as_of(ledger, ledger.today + dt.timedelta(days=3)) is ledger
    assert past.as_of(ledger, None) is ledger


def test_overdue_that_day_though_stopped_later(ledger, run):
    """Two duty clocks overdue on 05-06 and stopped later: as of 05-06 they are listed."""
    writer.add_unit(ledger, "人社局", "县区")
    first = register(ledger, D("2026-04-01"), 1)
    second = register(ledger, D("2026-04-02"), 2)
    for number in (first, second):
        acts.forward(ledger, number, "人社局", officer=OFFICER, on=D("2026-06-01"))
    assert reports.overdue(ledger, D("2026-05-06"))["overdue"] == []
    result = run("report", "overdue", "--as-of", "2026-05-06", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert first in result.stdout and second in result.stdout
    listed = run("list", "--overdue", "--as-of", "2026-05-06", "--json")
    assert first in listed.stdout and second in listed.stdout
