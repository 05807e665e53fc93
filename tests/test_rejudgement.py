"""A ledger an older xinfang wrote, upgraded to the Regulation's rules (m010_regulation):
each case whose acts the rules now judge otherwise gets one re-judgement event saying
which act, under which article, and what changed; its stored state becomes the replay's;
`check` is clean; nothing else changes; the upgrade is one transaction and runs once.

The old ledger is written the way xinfang wrote it before these rules (the code of commit
d76a06f, the last before them): through today's writer, with that code's effects of an
extension, a close, a hearing and a follow-up — copied below as they were — and none of
the refusals added since (an extension after the period, a hearing before the request or
over another, a satisfaction before the close); then the schema as that code left it,
without m010. The same acts recorded by that code itself, run from its source, upgrade
to the same re-judgements (checked by hand when this was written).

Expected dates are counted by hand from the official calendar: 2026-08-30 is a Sunday;
2025-04-27 a Sunday made a working day (Labour Day 2025: 05-01 … 05-05 rest).
"""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
from contextlib import contextmanager
from typing import Any

import pytest
import sqlite_utils
from robust import ROOT, env

from xinfang import acts, export, reports
from xinfang.cases import lifecycle
from xinfang.cases.intake import make_intake, make_person
from xinfang.cases.lifecycle import ExtensionTooLong, NotRunning
from xinfang.deadlines.clocks import refresh_due
from xinfang.maintenance import check
from xinfang.store import migrations, writer
from xinfang.store.ledger import Ledger
from xinfang.texts import Label, ref
from xinfang.vocab import CLOCKS

D = dt.date.fromisoformat
OFFICER = "王专干"
TODAY = D("2026-11-23")


# The old code's effects (xinfang/cases/lifecycle.py at d76a06f) -----------------------------


def old_extended(state, on, details, policy, cal):
    handle = state.running("handle")
    if handle is None:
        raise NotRunning(clock=Label(CLOCKS, "handle"), what=ref("act.extend"))
    days = int(details["days"])
    maximum = policy.number("max_extension_days")
    if handle.extra_days + days > maximum:
        used = handle.extra_days
        raise ExtensionTooLong(max=maximum, used=used, left=max(0, maximum - used))
    handle.extra_days += days
    refresh_due(handle, policy, cal)


def old_closed(state, on, details, policy, cal):
    if state.accepted_on is None:
        # Closed on the spot (当场办结): counts as accepted that day.
        state.accepted_on = on
        state.flags.add("on_the_spot")
    state.closed_on = on
    state.result = details.get("result")


def old_recheck_hearing(state, on, details, policy, cal):
    recheck = state.running("recheck")
    if recheck is None:
        raise NotRunning(clock=Label(CLOCKS, "recheck"), what=ref("act.hold_hearing"))
    start = dt.date.fromisoformat(details["from"])
    end = dt.date.fromisoformat(details["to"])
    # Hearing time is not counted: its days (both ends included) are added before the roll.
    recheck.extra_days += (end - start).days + 1
    refresh_due(recheck, policy, cal)


def old_followed_up(state, on, details, policy, cal):
    if details.get("satisfaction"):
        state.satisfaction = details["satisfaction"]
        lifecycle._stop(state, "evaluation", on, "followed_up")


OLD_EFFECTS = {"extended": old_extended, "closed": old_closed,
               "recheck_hearing": old_recheck_hearing, "followed_up": old_followed_up}


@contextmanager
def old_rules(monkeypatch):
    with monkeypatch.context() as patch:
        for kind, effect in OLD_EFFECTS.items():
            patch.setitem(lifecycle._EFFECTS, kind, effect)
        patch.setattr(lifecycle, "check_new", lambda *args: None)
        yield


# The old ledger ---------------------------------------------------------------------------


def register(ledger: Ledger, on: str, name: str, content: str) -> str:
    intake = make_intake(channel="来访", content=content, received_on=D(on),
                         today=ledger.today, people=[make_person(name)])
    return acts.register(ledger, intake, officer=OFFICER, not_repeat=True).number


def accepted(ledger: Ledger, received: str, forwarded: str, on: str, name: str,
             content: str) -> str:
    number = register(ledger, received, name, content)
    acts.forward(ledger, number, "人社局", officer=OFFICER, on=D(forwarded))
    acts.accept(ledger, number, officer=OFFICER, on=D(on))
    return number


def close(ledger: Ledger, number: str, on: str) -> None:
    acts.close(ledger, number, "resolved", "已答复", officer=OFFICER, on=D(on))


def followup(ledger: Ledger, number: str, satisfaction: str, on: str) -> None:
    acts.followup(ledger, number, officer=OFFICER, satisfaction=satisfaction, on=D(on))


def hearing(ledger: Ledger, number: str, first: str, last: str, on: str) -> None:
    # As the old `recheck hearing` recorded it: no look at the request or other hearings.
    writer.append(ledger, ledger.find_case(number), "recheck_hearing", D(on), OFFICER,
                  {"from": first, "to": last})


def in_recheck(ledger: Ledger, received: str, name: str, content: str) -> str:
    number = accepted(ledger, received, "2025-01-05", "2025-01-06", name, content)
    close(ledger, number, "2025-02-10")
    acts.review(ledger, number, "request", officer=OFFICER, on=D("2025-02-20"))
    acts.review(ledger, number, "conclude", officer=OFFICER, on=D("2025-03-10"))
    acts.recheck(ledger, number, "request", officer=OFFICER, on=D("2025-03-24"))
    return number


def record_cases(ledger: Ledger) -> dict[str, str]:
    """The acts of each kind the rules now judge otherwise, and a case they leave alone."""
    writer.add_unit(ledger, "人社局", "县区")
    n: dict[str, str] = {}
    # The example: accepted 07-01, due 08-31, extended on 09-03 by 10 days,
    # closed 09-04.
    n["late_extension"] = accepted(ledger, "2026-06-28", "2026-06-30", "2026-07-01", "甲",
                                   "工地拖欠工资")
    acts.extend(ledger, n["late_extension"], 10, "情况复杂", "局长", officer=OFFICER,
                on=D("2026-09-03"))
    close(ledger, n["late_extension"], "2026-09-04")
    n["untouched"] = accepted(ledger, "2026-06-28", "2026-06-30", "2026-07-01", "乙",
                              "拆迁补偿")
    # Registered 08-03, a satisfaction on 08-04, closed by the office itself on 08-05.
    n["office_close"] = register(ledger, "2026-08-03", "丙", "邻里纠纷")
    followup(ledger, n["office_close"], "满意", "2026-08-04")
    close(ledger, n["office_close"], "2026-08-05")
    # Recheck requested 03-24, a hearing 03-10 … 03-16, concluded 04-28.
    n["early_hearing"] = in_recheck(ledger, "2025-01-03", "丁", "宅基地纠纷")
    hearing(ledger, n["early_hearing"], "2025-03-10", "2025-03-16", "2025-03-25")
    acts.recheck(ledger, n["early_hearing"], "conclude", officer=OFFICER, on=D("2025-04-28"))
    # Hearings 03-31 … 04-02 and 04-02 … 04-03: 04-02 counted twice; still running.
    n["overlap"] = in_recheck(ledger, "2025-01-04", "庚", "林地承包")
    hearing(ledger, n["overlap"], "2025-03-31", "2025-04-02", "2025-04-02")
    hearing(ledger, n["overlap"], "2025-04-02", "2025-04-03", "2025-04-03")
    # Evaluated 不满意 on 09-12; a later follow-up's 满意 took its place.
    n["second_satisfaction"] = accepted(ledger, "2026-09-01", "2026-09-02", "2026-09-03", "戊",
                                        "低保申请")
    close(ledger, n["second_satisfaction"], "2026-09-10")
    followup(ledger, n["second_satisfaction"], "不满意", "2026-09-12")
    followup(ledger, n["second_satisfaction"], "满意", "2026-09-20")
    # Evaluated 满意, reopened and closed again: the 满意 stayed on the new reply.
    n["reclosed"] = accepted(ledger, "2026-09-01", "2026-09-02", "2026-09-03", "己", "路灯损坏")
    close(ledger, n["reclosed"], "2026-09-10")
    followup(ledger, n["reclosed"], "满意", "2026-09-12")
    acts.reopen(ledger, n["reclosed"], "又坏了", officer=OFFICER, on=D("2026-09-20"))
    close(ledger, n["reclosed"], "2026-09-25")
    return n


def as_before_the_upgrade(ledger: Ledger) -> None:
    """The schema as the old code left it: every migration but m010."""
    ledger.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_regulation'")
    ledger.db.conn.commit()


TABLES = ("settings", "units", "people", "cases", "case_people", "clocks", "events",
          "imported_rows", "calendar_overrides", "settings_log")


def snapshot(ledger: Ledger) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every row of the ledger's tables, by its key (its first column; a case's
    petitioner by case and person)."""
    out = {}
    for table in TABLES:
        cursor = ledger.db.execute(f"SELECT * FROM {table}")
        names = [c[0] for c in cursor.description]
        width = 2 if table == "case_people" else 1
        out[table] = {row[:width]: dict(zip(names, row, strict=True)) for row in cursor}
    return out


@pytest.fixture
def old(ledger, db_path, monkeypatch):
    """The old ledger (closed), the cases by what they hold, and its rows as written."""
    with old_rules(monkeypatch):
        numbers = record_cases(ledger)
    as_before_the_upgrade(ledger)
    before = snapshot(ledger)
    stored = {key: ledger.stored_state(ledger.find_case(number))
              for key, number in numbers.items()}
    replayed = {key: ledger.replayed_state(ledger.find_case(number))
                for key, number in numbers.items()}
    september = reports.stats(ledger, D("2026-09-01"), D("2026-09-30"), definitions="clock")
    ledger.close()
    return {"numbers": numbers, "before": before, "stored": stored, "replayed": replayed,
            "path": db_path, "september": september}


def upgraded(old) -> Ledger:
    return Ledger.open(old["path"], create=False, today=TODAY)


def rejudged(ledger: Ledger, number: str) -> list[dict[str, Any]]:
    return [e["details"] for e in ledger.events(ledger.find_case(number))
            if e["kind"] == "rejudged"]


# The tests ---------------------------------------------------------------------------------


def test_before_the_upgrade_the_old_acts_replay_otherwise_than_stored(old):
    """What check would report of an old ledger under the new rules, and what it misses:
    a stopped recheck clock's due date and lateness."""
    for key in ("late_extension", "office_close", "overlap", "second_satisfaction",
                "reclosed"):
        assert lifecycle.differences(old["stored"][key], old["replayed"][key]), key
    stored = [c for c in old["stored"]["early_hearing"].clocks if c.clock == "recheck"][0]
    replayed = [c for c in old["replayed"]["early_hearing"].clocks if c.clock == "recheck"][0]
    assert (stored.due_on, stored.late) == (D("2025-04-30"), False)
    assert (replayed.due_on, replayed.late) == (D("2025-04-23"), True)
    assert lifecycle.differences(old["stored"]["untouched"], old["replayed"]["untouched"]) == []


def test_each_case_judged_again_gets_one_event_with_the_act_the_article_and_the_change(old):
    ledger = upgraded(old)
    n = old["numbers"]
    assert check(ledger) == []
    (extension,) = rejudged(ledger, n["late_extension"])
    assert extension["migration"] == "m010_regulation"
    assert extension["acts"] == [{"rule": "extension_after_period", "article": 34,
                                  "kind": "extended", "on": "2026-09-03", "due": "2026-08-31",
                                  "days": 10}]
    assert extension["changes"] == [
        {"field": "flags", "added": ["late_extension"], "removed": []},
        # 07-01 + 60 + 10 = 09-09 before; 07-01 + 60 = 08-30, a Sunday: 08-31 now.
        {"field": "clock", "clock": "handle", "started_on": "2026-07-01",
         "due": ["2026-09-09", "2026-08-31"], "extra_days": [10, 0],
         "stopped_on": "2026-09-04", "stopped_by": "closed", "late": [False, True]}]
    (office,) = rejudged(ledger, n["office_close"])
    assert [a["rule"] for a in office["acts"]] == ["satisfaction_before_close",
                                                   "closed_by_office"]
    assert office["changes"] == [
        {"field": "flags", "added": ["closed_by_office"], "removed": ["on_the_spot"]},
        {"field": "satisfaction", "was": "satisfied", "now": None}]
    (early,) = rejudged(ledger, n["early_hearing"])
    assert early["acts"] == [{"rule": "hearing_before_request", "article": 36,
                              "kind": "recheck_hearing", "on": "2025-03-25",
                              "from": "2025-03-10", "to": "2025-03-16",
                              "requested": "2025-03-24", "days": 7}]
    # 03-24 + 30 + 7 = 04-30 before; 03-24 + 30 = 04-23 now: concluded 04-28, late.
    assert early["changes"][0]["due"] == ["2025-04-30", "2025-04-23"]
    assert early["changes"][0]["late"] == [False, True]
    (overlap,) = rejudged(ledger, n["overlap"])
    assert [(a["rule"], a["days"]) for a in overlap["acts"]] == [("hearing_overlap", 1)]
    # 03-24 + 30 + 5 = 04-28 before; + 4 = 04-27, a make-up working day, now.
    assert overlap["changes"] == [{"field": "clock", "clock": "recheck",
                                   "started_on": "2025-03-24",
                                   "due": ["2025-04-28", "2025-04-27"], "extra_days": [5, 4]}]
    (second,) = rejudged(ledger, n["second_satisfaction"])
    assert [a["rule"] for a in second["acts"]] == ["satisfaction_after_evaluation"]
    assert second["changes"] == [{"field": "satisfaction", "was": "satisfied",
                                  "now": "unsatisfied"}]
    (reclosed,) = rejudged(ledger, n["reclosed"])
    assert [a["rule"] for a in reclosed["acts"]] == ["satisfaction_of_earlier_reply"]
    assert reclosed["changes"] == [{"field": "satisfaction", "was": "satisfied", "now": None}]
    assert rejudged(ledger, n["untouched"]) == []
    ledger.close()


def test_the_stored_state_is_the_replay_and_nothing_else_changed(old):
    ledger = upgraded(old)
    after = snapshot(ledger)
    before = old["before"]
    ids = {key: ledger.find_case(number) for key, number in old["numbers"].items()}
    for key, case_id in ids.items():
        assert lifecycle.differences(ledger.stored_state(case_id),
                                     old["replayed"][key]) == [], key
    # The events: all kept as they were, chain included; one more per case re-judged.
    assert {k: v for k, v in after["events"].items() if k in before["events"]} == \
        before["events"]
    added = [v for k, v in after["events"].items() if k not in before["events"]]
    assert sorted(e["case_id"] for e in added) == sorted(
        ids[k] for k in ids if k != "untouched")
    assert {e["kind"] for e in added} == {"rejudged"}
    # The cases: only their flags, satisfaction and next due date, of those re-judged.
    for key, row in before["cases"].items():
        now = after["cases"][key]
        changed = {name for name in row if row[name] != now[name]}
        assert changed <= {"flags", "satisfaction", "next_due_on"}
        if key == (ids["untouched"],):
            assert not changed
    # The clocks: only the two re-judged handle and recheck clocks, in their counting.
    changed_clocks = {(before["clocks"][k]["case_id"], before["clocks"][k]["clock"])
                      for k in before["clocks"] if before["clocks"][k] != after["clocks"][k]}
    assert changed_clocks == {(ids["late_extension"], "handle"),
                              (ids["early_hearing"], "recheck"), (ids["overlap"], "recheck")}
    for k in before["clocks"]:
        diff = {c for c in before["clocks"][k] if before["clocks"][k][c] != after["clocks"][k][c]}
        assert diff <= {"extra_days", "due_on", "late"}
    for table in ("settings", "units", "people", "case_people", "imported_rows",
                  "calendar_overrides", "settings_log"):
        assert after[table] == before[table], table
    ledger.close()
    # The ledger as it was kept beside it before the upgrade.
    assert (old["path"].parent / f"{old['path'].name}.before-m010_regulation").exists()


def numbers(result: dict[str, Any], code: str) -> tuple[int, int]:
    return result["figures"][code]["numerator"], result["figures"][code]["denominator"]


def test_the_figures_count_the_acts_as_the_rules_now_judge_them(old):
    """By clock and by case, the late close of the issue's example is late: in September
    by clock 3 of the 4 handling periods that ended were on time, no longer 4 of 4; in July
    by case, with the other case past its due date, 0 of 2."""
    assert numbers(old["september"], "on_time_closing") == (4, 4)
    ledger = upgraded(old)
    by_clock = reports.stats(ledger, D("2026-09-01"), D("2026-09-30"), definitions="clock")
    assert numbers(by_clock, "on_time_closing") == (3, 4)
    by_case = reports.stats(ledger, D("2026-07-01"), D("2026-07-31"))
    assert by_case["figures"]["on_time_closing.unit"]["counts"] == {"late": 1, "late_open": 1}
    # The figures read what `show` shows: the first evaluation after the close.
    record = {e["kind"]: e for e in ledger.events(ledger.find_case(
        old["numbers"]["second_satisfaction"]))}
    assert record["rejudged"]["details"]["changes"][0]["now"] == "unsatisfied"
    september = reports.stats(ledger, D("2026-09-01"), D("2026-09-30"))
    assert september["figures"]["satisfaction"]["counts"].get("unsatisfied") == 1
    # The figures say which of their cases the upgrade judged again, and why.
    (july,) = by_case["rejudged"]
    assert (july["id"], july["on"]) == (old["numbers"]["late_extension"], "2026-11-23")
    assert july["acts"][0]["article"] == 34 and "on_time_closing.unit" in july["figures"]
    assert {c["id"] for c in september["rejudged"]} == {
        old["numbers"][k] for k in ("late_extension", "second_satisfaction", "reclosed")}
    ledger.close()


def test_report_stats_names_the_cases_judged_again(old, run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    upgraded(old).close()
    text = run("report", "stats", "--from", "2026-07-01", "--to", "2026-07-31", "--db",
               old["path"]).stdout
    assert "升级台账时依条例重新认定、计入本期指标的案件" in text
    line = next(line for line in text.splitlines() if old["numbers"]["late_extension"] in line
                and "第三十四条" in line)
    assert "（2026-11-23）" in line and "办结 按期 → 超期" in line


def test_the_upgrade_runs_once_and_again_finds_nothing(old):
    ledger = upgraded(old)
    count = ledger.db.execute("SELECT count(*) FROM events").fetchone()[0]
    with ledger.db.conn:
        migrations.m010_regulation(ledger.db)
    assert ledger.db.execute("SELECT count(*) FROM events").fetchone()[0] == count
    ledger.close()
    ledger = upgraded(old)
    assert ledger.db.execute("SELECT count(*) FROM events").fetchone()[0] == count
    assert check(ledger) == []
    ledger.close()


def test_a_ledger_with_nothing_to_judge_again_gets_no_event(ledger, db_path):
    """The same kinds of acts recorded under the rules now (a late approval, a hearing
    within the recheck, the first satisfaction after the close): nothing to re-judge."""
    writer.add_unit(ledger, "人社局", "县区")
    number = accepted(ledger, "2026-06-28", "2026-06-30", "2026-07-01", "甲", "工地拖欠工资")
    acts.extend(ledger, number, 10, "情况复杂", "局长", officer=OFFICER, on=D("2026-09-03"),
                late_approval=True)
    close(ledger, number, "2026-09-04")
    followup(ledger, number, "不满意", "2026-09-12")
    followup(ledger, number, "满意", "2026-09-20")
    spot = register(ledger, "2026-08-03", "丙", "邻里纠纷")
    close(ledger, spot, "2026-08-04")
    recheck = in_recheck(ledger, "2025-01-03", "丁", "宅基地纠纷")
    acts.recheck(ledger, recheck, "hearing", officer=OFFICER, hearing_from=D("2025-03-25"),
                 hearing_to=D("2025-03-27"))
    as_before_the_upgrade(ledger)
    before = snapshot(ledger)
    ledger.close()
    again = Ledger.open(db_path, create=False, today=TODAY)
    assert snapshot(again) == before
    assert "m010_regulation" in migrations.schema_version(again.db)
    again.close()


KILL_IN_M010 = """
import os, signal, sys
import xinfang.store.chain as chain
import xinfang.store.migrations as migrations

link = chain.link
def dying(*args):
    # The power goes after the first re-judgement event was linked and inserted.
    dying.calls += 1
    if dying.calls == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return link(*args)
dying.calls = 0
chain.link = dying
migrations.open_ledger(sys.argv[1], create=False)
"""


def test_a_killed_upgrade_leaves_the_old_ledger_and_the_next_open_upgrades_it(old):
    killed = subprocess.run([sys.executable, "-c", KILL_IN_M010, str(old["path"])], cwd=ROOT,
                            env=env(), capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with sqlite_utils.Database(old["path"]) as raw:  # the file as it is, not migrated
        assert "m010_regulation" not in migrations.schema_version(raw)
        assert raw.execute("SELECT count(*) FROM events WHERE kind = 'rejudged'"
                           ).fetchone()[0] == 0
        bare = Ledger(raw, today=TODAY)
        assert snapshot(bare) == old["before"]
    ledger = upgraded(old)
    assert ledger.db.execute("SELECT count(*) FROM events WHERE kind = 'rejudged'"
                             ).fetchone()[0] == 6
    assert check(ledger) == []
    ledger.close()


def flat(text: str) -> str:
    return "".join(text.split())


def test_show_says_what_was_judged_again_and_why(old, run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # the event on one line of the timeline
    upgraded(old).close()
    number = old["numbers"]["late_extension"]
    shown = run("show", number, "--db", old["path"])
    assert shown.exit_code == 0, shown.stderr
    text = flat(next(line for line in shown.stdout.splitlines() if "依条例重新认定" in line))
    for said in ("延期（2026-09-03，10 日）在办理期限届满（2026-08-31）后作出",
                 "依《信访工作条例》第三十四条不延长办理期限", "标记 +期满后补记延期",
                 "办理截止 2026-09-09 → 2026-08-31", "办结 按期 → 超期"):
        assert flat(said) in text, said
    english = flat(run("show", number, "--db", old["path"], "--lang", "en").stdout)
    for said in ("judged again under the Regulation", "under Art 34 of the Regulation it "
                 "extends nothing", "closed on time → late"):
        assert flat(said) in english, said
    office = flat(run("show", old["numbers"]["office_close"], "--db", old["path"]).stdout)
    assert flat("为本办自行办结，不再记为当场办结") in office
    assert flat("满意度 满意 → 未评价") in office
    # The exported events say it the same way.
    ledger = upgraded(old)
    (event,) = [e for e in ledger.events(ledger.find_case(number)) if e["kind"] == "rejudged"]
    ledger.close()
    gist = export.event_summary("rejudged", event["details"])
    assert "依《信访工作条例》第三十四条不延长办理期限" in gist and "办结 按期 → 超期" in gist
    checked = run("check", "--db", old["path"])
    assert checked.exit_code == 0 and "台账完好" in checked.stderr + checked.stdout

