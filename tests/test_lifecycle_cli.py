"""The life of a case through the command line: every act in every state, dates, refusals
(exit 1, `错误：…` on stderr), and `show` for people and for machines.

Expected states and due dates are written out by hand (DOMAIN.md §3, §4); see
test_lifecycle.py for the calendar facts used.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from runner import Runner
from test_lifecycle import PATHS  # the acts that lead into each state

from xinfang import acts
from xinfang.cases.intake import make_intake, make_person
from xinfang.cli import app
from xinfang.store import writer
from xinfang.store.ledger import Ledger

TODAY = "2026-11-23"
START = "2026-11-02"

STATES = (
    "registered", "forwarded", "accepted", "closed", "under_review", "reviewed",
    "under_recheck", "final", "rejected", "redirected",
)
# DOMAIN.md §3 as the commands an officer may type in each state.
ANYWHERE = {"note": "note", "escalated": "escalate", "followed_up": "followup"}
STEPS: dict[str, dict[str, str]] = {
    "registered": {"forwarded": "forwarded", "assigned": "forwarded", "accepted": "accepted",
                   "closed": "closed", "rejected": "rejected", "redirected": "redirected"},
    "forwarded": {"objected": "registered", "accepted": "accepted", "rejected": "rejected",
                  "redirected": "redirected"},
    "accepted": {"extended": "accepted", "closed": "closed"},
    "closed": {"review_requested": "under_review", "reopened": "accepted"},
    "under_review": {"review_concluded": "reviewed"},
    "reviewed": {"recheck_requested": "under_recheck"},
    "under_recheck": {"recheck_hearing": "under_recheck", "recheck_concluded": "final"},
    "final": {}, "rejected": {}, "redirected": {},
}
COMMAND = {
    "forwarded": "forward", "assigned": "forward --assign", "objected": "object",
    "accepted": "accept", "rejected": "reject", "redirected": "redirect", "extended": "extend",
    "closed": "close", "review_requested": "review request", "review_concluded": "review conclude",
    "recheck_requested": "recheck request", "recheck_hearing": "recheck hearing",
    "recheck_concluded": "recheck conclude", "reopened": "reopen", **ANYWHERE,
}
ACTS = tuple(COMMAND)
STATE_ZH = {
    "registered": "已登记", "forwarded": "已转送", "accepted": "已受理", "closed": "已办结",
    "under_review": "复查中", "reviewed": "已复查", "under_recheck": "复核中",
    "final": "已终结", "rejected": "不予受理", "redirected": "已告知法定途径",
}


def allowed_in(state: str) -> set[str]:
    return set(STEPS[state]) | set(ANYWHERE)


def act_args(act: str, case: str, on: str, officer: str = "王专干") -> list[str]:
    """The command line for one act, with valid options, dated `on`."""
    args = {
        "forwarded": ["forward", case, "--to", "人社局"],
        "assigned": ["forward", case, "--to", "人社局", "--assign", "--report-by", "2026-12-31"],
        "objected": ["object", case, "--reason", "不属于本单位职责"],
        "accepted": ["accept", case],
        "rejected": ["reject", case, "--reason", "no_remit"],
        "redirected": ["redirect", case, "--route", "litigation"],
        "extended": ["extend", case, "--days", "10", "--reason", "需要现场勘查",
                     "--approved-by", "王局长"],
        "escalated": ["escalate", case, "--leader", "李书记", "--reason", "重复信访"],
        "closed": ["close", case, "--result", "resolved", "--opinion", "已督促企业补发工资"],
        "review_requested": ["review", case, "request"],
        "review_concluded": ["review", case, "conclude"],
        "recheck_requested": ["recheck", case, "request"],
        "recheck_hearing": ["recheck", case, "hearing", "--from", on, "--to", on],
        "recheck_concluded": ["recheck", case, "conclude"],
        "followed_up": ["followup", case, "--satisfaction", "满意"],
        "reopened": ["reopen", case, "--reason", "处理意见未落实"],
        "note": ["note", case, "电话联系信访人"],
    }[act]
    return [*args, "--on", on, "--officer", officer]


@pytest.fixture
def run(monkeypatch):
    """Invoke the CLI. The click command is built from the Typer app once, not on every
    call (building it dominates a call's time); wide output so tables do not wrap."""
    runner = Runner()

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "240"})

    return invoke



def ok(result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def office(run):
    ok(run("office", "set", "YQH", "鱼邱湖街道信访办"))
    for name in ("人社局", "住建局"):
        ok(run("unit", "add", name, "--level", "县区"))
    return run


@pytest.fixture
def books(ledger: Ledger, run) -> Ledger:
    """The same ledger file the CLI uses, opened by the library to set cases up quickly."""
    for name in ("人社局", "住建局"):
        writer.add_unit(ledger, name, "县区")
    return ledger


def register(run, on: str = START, name: str = "张三") -> str:
    result = run("register", "--name", name, "--channel", "来访", "--content", "工地拖欠工资",
                 "--on", on, "--officer", "登记员", "--json")
    return json.loads(ok(result))["id"]


def drive(run, state: str) -> str:
    """A new case registered on 11-02 and brought into `state` by commands, one act a day."""
    case = register(run)
    for day, act in enumerate(PATHS[state], start=3):
        ok(run(*act_args(act, case, f"2026-11-{day:02d}")))
    return case


SETUP_DETAILS = {"forwarded": {"unit": "人社局"}, "rejected": {"reason": "no_remit"},
                 "redirected": {"route": "litigation"},
                 "closed": {"result": "resolved", "opinion": "已督促企业补发工资"}}


def set_up(books: Ledger, state: str) -> str:
    """The same as `drive`, through the library (quicker: one calendar for all acts)."""
    intake = make_intake(channel="来访", content="工地拖欠工资", received_on=dt.date(2026, 11, 2),
                         today=books.today, people=[make_person("张三")])
    case = acts.register(books, intake, officer="登记员").number
    for day, act in enumerate(PATHS[state], start=3):
        acts.record(books, case, act, officer="王专干", on=dt.date(2026, 11, day),
                  details=SETUP_DETAILS.get(act, {}))
    return case


def show(run, case: str) -> dict:
    return json.loads(ok(run("show", case, "--json")))


# --- Every act in every state ---------------------------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_drive_by_commands_reaches_each_state(office, state):
    case = drive(office, state)
    record = show(office, case)
    assert record["status"] == state
    assert [e["kind"] for e in record["events"]] == ["registered", *PATHS[state]]


@pytest.mark.parametrize("state", STATES)
def test_refused_acts(books, run, state):
    """Every act the diagram does not allow in `state`, on one case (a refusal changes
    nothing, which is checked at the end)."""
    case = set_up(books, state)
    before = show(run, case)
    expected = {COMMAND[a] for a in allowed_in(state)}
    if state == "forwarded":
        # `forward` on a forwarded case re-routes it (改转, tried in test_corrections).
        expected.add("forward")
    refused = [act for act in ACTS if act not in allowed_in(state)
               and not (state == "forwarded" and act in ("forwarded", "assigned"))]
    assert refused or state == "registered"
    problems = []
    for act in refused:
        result = run(*act_args(act, case, TODAY))
        listed = result.stderr.split("此状态下可以：", 1)[-1]
        if not (result.exit_code == 1 and result.stdout == ""
                and result.stderr.startswith("错误：")
                and f"当前状态为“{STATE_ZH[state]}”" in result.stderr
                and set(re.findall(r"（([^）]+)）", listed)) == expected):
            problems.append((act, result.exit_code, result.stdout, result.stderr))
    assert problems == []
    assert show(run, case) == before


@pytest.mark.parametrize("state,act", [(s, a) for s in STATES for a in sorted(allowed_in(s))])
def test_allowed_act(books, run, state, act):
    case = set_up(books, state)
    ok(run(*act_args(act, case, TODAY, officer="李四"), "--json"))
    record = show(run, case)
    assert record["status"] == STEPS[state].get(act, state)
    last = record["events"][-1]
    assert (last["kind"], last["on"], last["officer"]) == (act, TODAY, "李四")
    assert len(record["events"]) == len(PATHS[state]) + 2


def test_refusal_in_english(office):
    case = drive(office, "final")
    result = office(*act_args("closed", case, TODAY), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "'final'" in result.stderr
    assert "(followup)" in result.stderr and "(escalate)" in result.stderr


@pytest.mark.parametrize("command", sorted(set(COMMAND.values())))
def test_every_command_named_in_a_refusal_exists(run, command):
    name, *rest = command.split()
    help_text = ok(run(name, "--help"))
    for word in rest:  # `--assign`, or a step such as `request`
        assert word in help_text


# --- Clocks through the command line ---------------------------------------------------------


def running(record: dict) -> dict[str, str]:
    return {c["clock"]: c["due_on"] for c in record["clocks"] if c["stopped_on"] is None}


def test_register_forward_accept_close_clocks(office):
    case = register(office, "2026-02-01")
    record = show(office, case)
    assert running(record) == {"forward": "2026-02-24"}  # 02-16 is in the Spring Festival
    record = json.loads(ok(office(*act_args("forwarded", case, "2026-02-12"), "--json")))
    # notify: 02-27 (Fri); objection: 02-13, 02-14 (make-up Sat), 02-24, 02-25, 02-26
    assert running(record) == {"notify": "2026-02-27", "objection": "2026-02-26"}
    assert record["holder"] == {"kind": "unit", "name": "人社局", "since": "2026-02-12"}
    record = json.loads(ok(office(*act_args("accepted", case, "2026-02-13"), "--json")))
    assert running(record) == {"handle": "2026-04-14"}  # 02-13 + 60, a Tuesday
    assert record["accepted_on"] == "2026-02-13"
    record = json.loads(ok(office(*act_args("closed", case, "2026-04-10"), "--json")))
    # 04-10 + 30 = 05-10, a Sunday: Monday 05-11
    assert running(record) == {"review_request": "2026-05-11", "evaluation": "2026-05-11"}
    assert record["closed_on"] == "2026-04-10"


def test_brief_after_an_act_names_state_holder_and_running_clocks(office):
    case = register(office, "2026-09-28")
    out = ok(office(*act_args("forwarded", case, "2026-09-30")))
    assert f"已转送 {case}：人社局" in out
    assert "状态：已转送" in out and "当前承办：人社局（2026-09-30 起）" in out
    assert "受理告知期限：2026-10-15" in out
    assert "登记转送期限" not in out  # stopped


def test_extensions_and_the_thirty_day_limit(office):
    case = register(office, "2026-07-30")
    ok(office(*act_args("accepted", case, "2026-08-01")))
    args = ["extend", case, "--reason", "需要现场勘查", "--approved-by", "王局长",
            "--on", "2026-08-20", "--json"]
    record = json.loads(ok(office(*args, "--days", "20")))
    assert running(record) == {"handle": "2026-10-20"}  # 08-01 + 80
    result = office(*args, "--days", "11")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：")
    assert "最多还能延 10 日" in result.stderr
    record = json.loads(ok(office(*args, "--days", "10")))
    assert running(record) == {"handle": "2026-10-30"}  # 08-01 + 90
    handle = next(c for c in record["clocks"] if c["clock"] == "handle")
    assert handle["extra_days"] == 30


def test_extension_before_the_rest_day_roll(office):
    case = register(office, "2026-07-30")
    ok(office(*act_args("accepted", case, "2026-08-01")))
    record = json.loads(ok(office("extend", case, "--days", "5", "--reason", "勘查",
                                  "--approved-by", "王局长", "--on", "2026-08-02", "--json")))
    assert running(record) == {"handle": "2026-10-08"}  # 08-01 + 65 = 10-05, a holiday


def test_late_objection_is_recorded_flagged_and_said(office):
    case = register(office, "2026-09-28")
    ok(office(*act_args("forwarded", case, "2026-09-30")))  # objection window ends 10-13
    result = office(*act_args("objected", case, "2026-10-14"))
    ok(result)
    assert "异议期" in result.stderr and "逾期" in result.stderr
    record = show(office, case)
    assert record["status"] == "registered"
    assert "late_objection" in record["flags"]
    assert record["events"][-1]["details"]["late"] == ["objection"]
    assert running(record) == {"forward": "2026-10-29"}  # restarted from 10-14
    assert record["holder"] == {"kind": "office", "name": "office", "since": "2026-10-14"}


def test_objection_in_time_is_not_flagged(office):
    case = register(office, "2026-09-28")
    ok(office(*act_args("forwarded", case, "2026-09-30")))
    result = office(*act_args("objected", case, "2026-10-13"), "--json")
    record = json.loads(ok(result))
    assert "late_objection" not in record["flags"]
    assert "late" not in record["events"][-1]["details"]
    assert result.stderr == ""
    assert running(record) == {"forward": "2026-10-28"}


def test_hearing_days_extend_the_recheck(office):
    case = register(office, "2026-05-28")
    for act, on in [("accepted", "2026-05-29"), ("closed", "2026-06-01"),
                    ("review_requested", "2026-06-10"), ("review_concluded", "2026-07-01"),
                    ("recheck_requested", "2026-08-30")]:
        ok(office(*act_args(act, case, on)))
    assert running(show(office, case))["recheck"] == "2026-09-29"
    record = json.loads(ok(office("recheck", case, "hearing", "--from", "2026-09-10",
                                  "--to", "2026-09-12", "--json")))
    assert running(record)["recheck"] == "2026-10-08"  # 08-30 + 33 = 10-02, a holiday
    assert record["events"][-1]["on"] == "2026-09-12"
    assert record["status"] == "under_recheck"


def test_unreachable_follow_up_keeps_the_evaluation_window(office):
    case = register(office, "2026-09-01")
    ok(office(*act_args("closed", case, "2026-09-05")))
    record = json.loads(ok(office("followup", case, "--unreachable", "--on", "2026-09-20",
                                  "--json")))
    assert running(record)["evaluation"] == "2026-10-08"
    assert record["satisfaction"] is None
    record = json.loads(ok(office("followup", case, "--satisfaction", "满意",
                                  "--on", "2026-09-25", "--json")))
    assert "evaluation" not in running(record)
    assert record["satisfaction"] == "satisfied"


def test_close_on_the_spot(office):
    case = register(office, "2026-11-02")
    record = json.loads(ok(office(*act_args("closed", case, "2026-11-02"), "--json")))
    assert record["status"] == "closed"
    assert record["accepted_on"] == record["closed_on"] == "2026-11-02"
    assert "on_the_spot" in record["flags"]


def test_escalation_keeps_clocks_and_changes_holder(office):
    case = register(office, "2026-11-02")
    before = json.loads(ok(office(*act_args("forwarded", case, "2026-11-03"), "--json")))
    after = json.loads(ok(office("escalate", case, "--leader", "李书记", "--plan", "联合调处",
                                 "--target", "2026-12-31", "--reason", "重复信访",
                                 "--on", "2026-11-10", "--json")))
    strip = [{k: v for k, v in c.items() if k != "state"} for c in before["clocks"]]
    assert [{k: v for k, v in c.items() if k != "state"} for c in after["clocks"]] == strip
    assert after["holder"] == {"kind": "leader", "name": "李书记", "since": "2026-11-10"}
    assert after["status"] == "forwarded" and after["unit"] == "人社局"


def test_reopen_via_cli_starts_a_new_handle_clock(office):
    case = register(office, "2026-05-28")
    ok(office(*act_args("accepted", case, "2026-06-01")))
    ok(office(*act_args("closed", case, "2026-06-20")))
    record = json.loads(ok(office(*act_args("reopened", case, "2026-08-06"), "--json")))
    assert record["status"] == "accepted" and record["closed_on"] is None
    assert running(record) == {"handle": "2026-10-08"}
    assert [c["started_on"] for c in record["clocks"] if c["clock"] == "handle"] == [
        "2026-06-01", "2026-08-06"]


# --- Dates -------------------------------------------------------------------------------------


def test_on_before_the_previous_act_is_refused(office):
    case = register(office)
    ok(office(*act_args("forwarded", case, "2026-11-10")))
    result = office(*act_args("accepted", case, "2026-11-09"))
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：")
    assert "2026-11-09" in result.stderr and "2026-11-10" in result.stderr
    assert show(office, case)["status"] == "forwarded"


def test_on_in_the_future_is_refused(office):
    case = register(office)
    result = office(*act_args("forwarded", case, "2026-11-24"))
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：")
    assert "2026-11-24" in result.stderr and TODAY in result.stderr
    assert show(office, case)["status"] == "registered"


def test_on_accepts_the_officers_date_forms(office):
    case = register(office)
    record = json.loads(ok(office("accept", case, "--on", "2026年11月5日", "--json")))
    assert record["events"][-1]["on"] == "2026-11-05"


def test_without_on_the_act_is_dated_today(office):
    case = register(office)
    record = json.loads(ok(office("accept", case, "--json")))
    assert record["events"][-1]["on"] == TODAY


def test_unreadable_date_is_a_usage_error(office):
    case = register(office)
    result = office("accept", case, "--on", "11月5号")
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：")


# --- Wrong or missing options ------------------------------------------------------------------


def test_forward_to_an_unknown_unit_suggests_the_closest(office):
    case = register(office)
    result = office("forward", case, "--to", "人社")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：") and "人社局" in result.stderr
    assert show(office, case)["status"] == "registered"


def test_unknown_step_is_a_usage_error(office):
    case = drive(office, "closed")
    result = office("review", case, "start")
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：") and "request" in result.stderr


def test_missing_reason_for_an_objection(office):
    case = drive(office, "forwarded")
    result = office("object", case)
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：") and "--reason" in result.stderr


def test_unknown_case(office):
    result = office("accept", "2026-99")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：") and "2026-99" in result.stderr


# --- Units -------------------------------------------------------------------------------------


def test_unit_add_and_list(office):
    ok(office("unit", "add", "高唐县人民政府", "--level", "县区"))
    ok(office("unit", "add", "高唐县人社局", "--level", "县区", "--parent", "高唐县人民政府"))
    units = json.loads(ok(office("unit", "list", "--json")))
    by_name = {u["name"]: u for u in units}
    assert by_name["高唐县人社局"]["parent"] == "高唐县人民政府"
    assert by_name["高唐县人社局"]["level"] == "county"
    assert {"人社局", "住建局"} <= set(by_name)
    text = ok(office("unit", "list"))
    assert "高唐县人社局" in text and "高唐县人民政府" in text


def test_unit_added_twice_is_refused(office):
    result = office("unit", "add", "人社局", "--level", "县区")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：") and "人社局" in result.stderr


# --- show --------------------------------------------------------------------------------------


def eventful_case(office) -> str:
    case = register(office, "2026-08-01")
    ok(office("forward", case, "--to", "人社局", "--on", "2026-08-03", "--officer", "王专干"))
    ok(office("accept", case, "--on", "2026-08-05", "--officer", "张科长"))
    ok(office("extend", case, "--days", "15", "--reason", "需要现场勘查", "--approved-by",
              "王局长", "--on", "2026-09-01", "--officer", "张科长"))
    ok(office("escalate", case, "--leader", "李书记", "--plan", "召集住建联合调处",
              "--reason", "重复信访", "--on", "2026-09-10", "--officer", "王专干"))
    ok(office("close", case, "--result", "partly", "--opinion", "补发部分工资",
              "--on", "2026-09-20", "--officer", "张科长"))
    return case


def test_show_json_carries_the_whole_history_and_holder(office):
    case = eventful_case(office)
    record = show(office, case)
    assert [(e["kind"], e["on"], e["officer"]) for e in record["events"]] == [
        ("registered", "2026-08-01", "登记员"),
        ("forwarded", "2026-08-03", "王专干"),
        ("accepted", "2026-08-05", "张科长"),
        ("extended", "2026-09-01", "张科长"),
        ("escalated", "2026-09-10", "王专干"),
        ("closed", "2026-09-20", "张科长"),
    ]
    details = [e["details"] for e in record["events"]]
    assert details[1] == {"unit": "人社局"}
    assert details[3] == {"days": 15, "reason": "需要现场勘查", "approved_by": "王局长"}
    assert details[4] == {"leader": "李书记", "plan": "召集住建联合调处", "reason": "重复信访"}
    assert details[5] == {"result": "partly", "opinion": "补发部分工资"}
    assert record["holder"] == {"kind": "leader", "name": "李书记", "since": "2026-09-10"}
    assert record["status"] == "closed"


def test_show_text_is_readable(office):
    case = eventful_case(office)
    out = ok(office("show", case))
    lines = out.splitlines()

    def line_with(*parts: str) -> str:
        found = [line for line in lines if all(part in line for part in parts)]
        assert found, f"no line with {parts}:\n{out}"
        return found[0]

    assert "办理经过" in out
    line_with("2026-08-01", "登记", "来访", "登记员")
    line_with("2026-08-03", "转送", "人社局", "王专干")
    line_with("2026-08-05", "受理", "张科长")
    line_with("2026-09-01", "延期", "15", "王局长", "需要现场勘查", "张科长")
    line_with("2026-09-10", "上报/包案", "李书记", "重复信访", "召集住建联合调处", "王专干")
    line_with("2026-09-20", "办结", "部分支持", "补发部分工资", "张科长")
    line_with("当前承办", "李书记", "2026-09-10")
    line_with("状态", "已办结")


def test_show_says_when_an_act_was_late(office):
    case = register(office, "2026-09-28")
    ok(office(*act_args("forwarded", case, "2026-09-30")))
    ok(office(*act_args("objected", case, "2026-10-14")))
    out = ok(office("show", case))
    assert any("异议" in line and "逾期" in line and "2026-10-14" in line
               for line in out.splitlines())
    assert "异议逾期" in out  # the case's flags
