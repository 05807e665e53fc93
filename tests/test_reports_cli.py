"""The report commands through CliRunner: the nightly overdue report in every format,
figures, major visits, repeat chains and their correction, and the list filters that go
with them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from xinfang import acts
from xinfang.cases.intake import make_intake, make_person
from xinfang.render.plain import CSV_COLUMNS
from xinfang.store import writer

D = dt.date
OFFICER = "测试员"
ID_A = "11010519491231002X"
ID_B = "371526196601318579"
IDS = [ID_A, ID_B, "110105198001010016", "371526197003150029", "320102198511200039",
       "440301199007070040", "51010719751212005X"]
MATTERS = ["工地拖欠农民工工资", "违章建筑影响采光", "养殖场污水直排", "土地承包合同纠纷",
           "低保资格被取消", "小区物业乱收费", "学校食堂卫生差"]
FORMATS = ["text", "md", "csv", "json"]




def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def is_error(result, code=1):
    return (result.exit_code == code and result.stderr.startswith("错误：")
            and "Traceback" not in result.stderr + result.stdout)


def register(ledger, received, person, content=None, **fields):
    intake = make_intake(channel="来访", content=content or MATTERS[person], received_on=received,
                         today=ledger.today, category="劳动社保",
                         people=[make_person(f"信访人{person}", IDS[person], None)], **fields)
    return acts.register(ledger, intake, officer=OFFICER).number


@pytest.fixture
def overdue_ledger(ledger):
    """As of 11-23: 人社局 holds cases 19 and 6 days overdue, 住建局 one 12 days overdue,
    the office one it has not forwarded (7 days); one more is due soon (3 days left)."""
    for unit in ("人社局", "住建局"):
        writer.add_unit(ledger, unit, "县区")
    n = {}
    for key, received, person, unit, forwarded in [
        ("a", D(2026, 10, 19), 0, "人社局", D(2026, 10, 20)),
        ("b", D(2026, 11, 1), 1, "人社局", D(2026, 11, 2)),
        ("c", D(2026, 10, 26), 2, "住建局", D(2026, 10, 27)),
        ("d", D(2026, 11, 1), 3, None, None),
        ("e", D(2026, 11, 11), 4, None, None),
    ]:
        n[key] = register(ledger, received, person)
        if unit:
            acts.forward(ledger, n[key], unit, officer=OFFICER, on=forwarded)
    return n


@pytest.fixture
def quiet_ledger(ledger):
    """Nothing overdue: one duty due soon, and a closed case whose windows have lapsed."""
    n = {"soon": register(ledger, D(2026, 11, 11), 0)}
    n["closed"] = register(ledger, D(2026, 8, 3), 1)
    acts.accept(ledger, n["closed"], officer=OFFICER, on=D(2026, 8, 4))
    acts.close(ledger, n["closed"], "resolved", "已答复", officer=OFFICER, on=D(2026, 9, 1))
    return n


def report_json(run, *extra):
    return json.loads(ok(run("report", "overdue", "--format", "json", *extra)).stdout)


# The nightly overdue report ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_nightly_report_prints_the_same_bytes_twice(run, overdue_ledger, fmt):
    first = ok(run("report", "overdue", "--format", fmt))
    second = ok(run("report", "overdue", "--format", fmt))
    assert first.stdout_bytes == second.stdout_bytes
    assert overdue_ledger["a"] in first.stdout
    # Without --as-of the report is as of today.
    dated = ok(run("report", "overdue", "--format", fmt, "--as-of", "2026-11-23"))
    assert dated.stdout_bytes == first.stdout_bytes


@pytest.mark.parametrize("fmt", FORMATS)
def test_quiet_if_none_prints_nothing_when_nothing_is_overdue(run, quiet_ledger, fmt):
    result = ok(run("report", "overdue", "--format", fmt, "--quiet-if-none"))
    assert result.stdout == ""
    assert result.stderr == ""
    # Without the option the report says there is nothing overdue.
    assert ok(run("report", "overdue", "--format", fmt)).stdout != ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_quiet_if_none_prints_the_report_when_something_is_overdue(run, overdue_ledger, fmt):
    quiet = ok(run("report", "overdue", "--format", fmt, "--quiet-if-none"))
    assert quiet.stdout == ok(run("report", "overdue", "--format", fmt)).stdout
    assert overdue_ledger["a"] in quiet.stdout


def test_quiet_if_none_on_an_empty_ledger(run, ledger):
    result = ok(run("report", "overdue", "--quiet-if-none"))
    assert result.stdout == ""


def test_text_report(run, overdue_ledger, monkeypatch):
    n = overdue_ledger
    monkeypatch.setenv("TERM", "xterm-256color")  # cron may pass a TERM; no terminal though
    result = ok(run("report", "overdue", "--format", "text"))
    out = result.stdout
    assert "\x1b" not in out + result.stderr
    lines = out.splitlines()
    assert lines[0] == "超期报告 2026-11-23"
    assert lines[1] == "超期 4 件（4 项期限），即将到期 1 项"
    heads = [line for line in lines if line.startswith("【")]
    assert heads == ["【人社局】超期 2 项", "【住建局】超期 1 项", "【本办（未转送）】超期 1 项"]
    order = [next(key for key, number in n.items() if number in line) for line in lines
             if line.startswith("  ")]
    assert order == ["a", "b", "c", "d", "e"]
    line_a = next(line for line in lines if n["a"] in line)
    assert "超期 19 天" in line_a and "截止 2026-11-04" in line_a and "需上报" in line_a
    assert "需上报" not in next(line for line in lines if n["b"] in line)
    assert "今天截止" not in out
    assert lines[lines.index("即将到期") + 1].count("还剩 3 天") == 1


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_the_report_ends_with_the_head_of_the_chain_that_check_prints(run, overdue_ledger,
                                                                       fmt):
    """What was printed each night can be held against the ledger later (check --against):
    a history written anew no longer matches it."""
    lines = ok(run("report", "overdue", "--format", fmt)).stdout.splitlines()
    head = json.loads(run("check", "--json").stdout)["head"]
    assert lines[-1] == f"台账记录链末端：{head}"
    assert ok(run("check", "--against", head))


def _holding_the_report(db_path):
    import fcntl

    handle = open(f"{db_path}.report-lock", "a")
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def test_a_second_report_says_it_waits_and_gives_up_after_wait_seconds(run, overdue_ledger,
                                                                       db_path):
    handle = _holding_the_report(db_path)
    try:
        result = run("report", "overdue", "--wait", "0.3")
    finally:
        handle.close()
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    waiting, refused = result.stderr.splitlines()
    assert waiting == "另一份报表正在生成，等它结束后再生成这一份……"
    assert refused.startswith("错误：")
    assert "等了 0.3 秒仍未结束" in result.stderr and "--wait" in result.stderr
    assert result.stdout == ""


def test_a_second_report_waits_for_the_first_and_then_prints(run, overdue_ledger, db_path):
    import threading

    handle = _holding_the_report(db_path)
    threading.Timer(0.3, handle.close).start()
    result = ok(run("report", "overdue"))
    assert "另一份报表正在生成" in result.stderr
    assert overdue_ledger["a"] in result.stdout


def test_text_report_in_english(run, overdue_ledger):
    out = ok(run("report", "overdue", "--lang", "en")).stdout
    assert out.startswith("Overdue report 2026-11-23\n4 cases overdue (4 clocks), 1 due soon\n")
    assert "19 days overdue" in out and "needs escalation" in out


def test_json_report_is_a_list_of_objects(run, overdue_ledger):
    n = overdue_ledger
    items = report_json(run)
    assert isinstance(items, list) and all(isinstance(i, dict) for i in items)
    overdue = [i for i in items if i["section"] == "overdue"]
    soon = [i for i in items if i["section"] == "due_soon"]
    assert items == overdue + soon
    for item in overdue:
        assert {"id", "clock", "due_on", "days_overdue", "unit", "holder"} <= set(item)
    for item in soon:
        assert {"id", "clock", "due_on", "unit", "holder"} <= set(item)
    assert [(i["id"], i["clock"], i["days_overdue"], i["unit"]) for i in overdue] == [
        (n["a"], "notify", 19, "人社局"), (n["b"], "notify", 6, "人社局"),
        (n["c"], "notify", 12, "住建局"), (n["d"], "forward", 7, None)]
    first = overdue[0]
    assert first["due_on"] == "2026-11-04"
    assert first["holder"] == {"kind": "unit", "name": "人社局", "since": "2026-10-20"}
    assert first["needs_escalation"] is True
    assert [(i["id"], i["clock"], i["due_on"], i["days_left"]) for i in soon] == [
        (n["e"], "forward", "2026-11-26", 3)]


def test_csv_report(run, overdue_ledger):
    n = overdue_ledger
    out = ok(run("report", "overdue", "--format", "csv")).stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [(r["section"], r["id"], r["days_overdue"], r["days_left"]) for r in records] == [
        ("overdue", n["a"], "19", "-19"), ("overdue", n["b"], "6", "-6"),
        ("overdue", n["c"], "12", "-12"), ("overdue", n["d"], "7", "-7"),
        ("due_soon", n["e"], "", "3")]
    assert records[0]["unit"] == "人社局" and records[0]["needs_escalation"] == "1"
    assert records[1]["needs_escalation"] == "0"


def test_markdown_report(run, overdue_ledger):
    n = overdue_ledger
    out = ok(run("report", "overdue", "--format", "md")).stdout
    assert out.startswith("# 超期报告 2026-11-23\n")
    sections = [line for line in out.splitlines() if line.startswith("## ")]
    assert sections == ["## 人社局", "## 住建局", "## 本办（未转送）", "## 即将到期"]
    assert f"| {n['a']} | 受理告知 | 2026-11-04 | 19 | 人社局 | 是 |\n" in out
    assert f"| {n['b']} | 受理告知 | 2026-11-17 | 6 | 人社局 |  |\n" in out
    assert f"| {n['e']} | 登记转送 | 2026-11-26 | 3 | 本办（未转送） |\n" in out


def test_report_for_one_unit(run, overdue_ledger):
    n = overdue_ledger
    items = report_json(run, "--unit", "住建局")
    assert [(i["section"], i["id"]) for i in items] == [("overdue", n["c"])]
    text = ok(run("report", "overdue", "--unit", "人社局")).stdout
    assert n["a"] in text and n["b"] in text and n["c"] not in text and n["d"] not in text


def test_report_for_an_unknown_unit_is_refused(run, overdue_ledger):
    result = run("report", "overdue", "--unit", "人设局")
    assert is_error(result)
    assert "人社局" in result.stderr  # the closest name is suggested
    assert result.stdout == ""


def test_report_as_of_the_due_date_and_the_day_after(run, ledger):
    number = register(ledger, D(2026, 11, 1), 0)  # forward → Monday 11-16
    due_day = report_json(run, "--as-of", "2026-11-16")
    assert [(i["section"], i["id"], i["days_left"]) for i in due_day] == [
        ("due_soon", number, 0)]
    assert "今天截止" in ok(run("report", "overdue", "--as-of", "2026-11-16")).stdout
    day_after = report_json(run, "--as-of", "2026-11-17")
    assert [(i["section"], i["id"], i["days_overdue"]) for i in day_after] == [
        ("overdue", number, 1)]
    assert ok(run("report", "overdue", "--as-of", "2026-11-16", "--quiet-if-none")).stdout == ""


def test_report_over_national_day(run, ledger):
    number = register(ledger, D(2026, 9, 20), 0)  # 10-05 is a holiday: forward → 10-08
    assert report_json(run, "--as-of", "2026-10-08")[0]["section"] == "due_soon"
    assert report_json(run, "--as-of", "2026年10月9日")[0]["days_overdue"] == 1
    assert report_json(run, "--as-of", "2026-10-09")[0]["id"] == number


def test_a_policy_change_moves_the_report(run, ledger):
    number = register(ledger, D(2026, 11, 10), 0)  # forward 15 days → 11-25
    assert report_json(run)[0]["section"] == "due_soon"
    ok(run("policy", "set", "forward", "5", "--unit", "工作日"))
    [item] = report_json(run)  # 5 working days → 11-17
    assert (item["section"], item["id"], item["due_on"], item["days_overdue"]) == (
        "overdue", number, "2026-11-17", 6)


def test_bad_format_is_a_usage_error(run, overdue_ledger):
    result = run("report", "overdue", "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_report_refuses_a_missing_ledger(run, db_path):
    result = run("report", "overdue")
    assert result.exit_code == 1
    assert not db_path.exists()


# Figures ----------------------------------------------------------------------------------


@pytest.fixture
def figures_ledger(ledger):
    writer.add_unit(ledger, "人社局", "县区")
    on_time = register(ledger, D(2026, 3, 2), 0)
    acts.forward(ledger, on_time, "人社局", officer=OFFICER, on=D(2026, 3, 5))
    acts.accept(ledger, on_time, officer=OFFICER, on=D(2026, 3, 10))
    acts.close(ledger, on_time, "resolved", "已答复", officer=OFFICER, on=D(2026, 4, 10))
    acts.followup(ledger, on_time, officer=OFFICER, satisfaction="基本满意",
                     on=D(2026, 4, 15))
    register(ledger, D(2026, 11, 2), 1)  # forward came due 11-17, never forwarded
    register(ledger, D(2026, 11, 20), 0, content=MATTERS[0] + "（再次反映）")  # a repeat, not due
    return ledger


def test_stats_json_with_numerators_and_denominators(run, figures_ledger):
    result = json.loads(ok(run("report", "stats", "--from", "2026-01-01", "--to", "2026-11-23",
                               "--definitions", "clock", "--json")).stdout)
    figures = {code: (f["numerator"], f["denominator"]) for code, f in
               result["figures"].items()}
    assert figures == {
        # forward + notify of the first case on time; the second's forward came due.
        "timely_acceptance": (2, 3),
        "on_time_closing": (1, 1),
        "participation": (1, 1),
        "satisfaction": (1, 1),
        "repeat_rate": (1, 3),
        "first_time_resolution": (0, 1),  # it came back
        # No leader's case, and no follow-up rated the unit or the office apart.
        "unit_satisfaction": (0, 0),
        "office_satisfaction": (0, 0),
        "office_target": (0, 0),  # the office set itself no target
        "lead_on_time": (0, 0),
        "tasks_on_time": (0, 0),
    }
    assert result["figures"]["repeat_rate"]["rate"] == round(1 / 3, 4)
    assert (result["from"], result["to"]) == ("2026-01-01", "2026-11-23")


def test_stats_defaults_to_this_year_and_groups(run, figures_ledger):
    result = json.loads(ok(run("report", "stats", "--by", "unit", "--json")).stdout)
    assert (result["from"], result["to"]) == ("2026-01-01", "2026-11-23")
    assert [(g["key"], g["registered"]) for g in result["groups"]] == [("", 2), ("人社局", 1)]
    text = ok(run("report", "stats")).stdout
    for name in ("及时受理率", "按期办结率", "参评率", "满意率", "重复信访率", "一次性化解率"):
        assert name in text
    assert "\x1b" not in text


@pytest.mark.parametrize(
    "args",
    [["--by", "person"], ["--from", "2026-11-01", "--to", "2026-10-01"]],
)
def test_stats_usage_errors(run, figures_ledger, args):
    result = run("report", "stats", *args)
    assert result.exit_code == 2
    assert result.stdout == ""


# Collective and major visits ----------------------------------------------------------------


def cli_register(run, *extra, on="2026-11-20", content="征地补偿款未到位"):
    result = ok(run("register", "--channel", "来访", "--content", content, "--on", on,
                    "--json", *extra))
    return json.loads(result.stdout)["id"]


def list_ids(run, *extra):
    return [r["id"] for r in json.loads(ok(run("list", "--json", *extra)).stdout)]


def test_major_report_and_list_filters(run, ledger):
    reps = [arg for i in range(5) for arg in ("--person", f"代表{i},,1390000000{i},")]
    crowd = cli_register(run, "--name", "领头人", "--headcount", "30", *reps, on="2026-11-18")
    province = cli_register(run, "--name", "钱七", "--flag", "赴省", on="2026-11-19",
                            content="医疗纠纷赔偿")
    four = cli_register(run, "--name", "孙八", "--headcount", "4", content="村道损毁")
    items = json.loads(ok(run("report", "major", "--json")).stdout)
    assert [(i["id"], i["flags"]) for i in items] == [
        (province, ["to_province"]),
        (crowd, ["collective", "too_many_representatives"]),  # 1 + 5 = 6 representatives
    ]
    text = ok(run("report", "major")).stdout
    assert text.startswith("重大访情 2026-11-23：2 件\n")
    assert "赴省" in text and "代表超过5人" in text and four not in text
    assert list_ids(run, "--collective") == [crowd]
    assert list_ids(run, "--flag", "赴省") == [province]
    assert list_ids(run, "--flag", "to_province") == [province]


def test_a_bad_major_flag_is_a_usage_error(run, ledger):
    result = run("register", "--name", "钱七", "--channel", "来访", "--content", "医疗纠纷",
                 "--flag", "赴京")
    assert is_error(result, 2)


# Repeat petitions ------------------------------------------------------------------------


def show(run, case):
    return json.loads(ok(run("show", case, "--json")).stdout)


def test_a_repeat_is_linked_and_shown_at_registration(run, ledger):
    who = ("--name", "张三", "--id-number", ID_A, "--category", "劳动社保")
    first = cli_register(run, *who, on="2026-11-02", content="工地拖欠农民工工资")
    result = ok(run("register", "--channel", "来访", "--on", "2026-11-10", *who,
                    "--content", "工地拖欠农民工工资（再次反映）"))
    assert first in result.stdout  # the earlier case is shown at once
    assert "提示：同一事项正在办理中" in result.stderr
    assert "xinfang repeats" in result.stderr  # how to correct it
    second = show(run, "2026-2")
    assert second["repeat_of"] == first
    assert {"repeat", "repeat_being_handled"} <= set(second["flags"])
    other = cli_register(run, "--name", "张三", "--id-number", ID_A, "--category", "劳动社保",
                         content="宅基地被邻居侵占")
    assert show(run, other)["repeat_of"] is None
    namesake = cli_register(run, "--name", "张三", "--id-number", ID_B, "--category", "劳动社保",
                            content="工地拖欠农民工工资")
    assert show(run, namesake)["repeat_of"] is None
    assert list_ids(run, "--repeat") == [second["id"]]


def test_a_long_chain_at_the_counter_shows_its_first_and_latest_cases(run, ledger):
    from xinfang.render.terminal import EARLIER_SHOWN

    who = ("--name", "张三", "--id-number", ID_A, "--category", "劳动社保")
    earlier = [cli_register(run, *who, on=f"2026-10-{day:02d}", content="工地拖欠农民工工资")
               for day in range(1, EARLIER_SHOWN + 4)]
    result = ok(run("register", "--channel", "来访", "--on", "2026-11-10", *who,
                    "--content", "工地拖欠农民工工资（再次反映）"))
    listed = [case for case in earlier if case in result.stdout]
    assert listed == [earlier[0], *earlier[-EARLIER_SHOWN:]]
    assert f"另有 {len(earlier) - 1 - EARLIER_SHOWN} 件未列出" in result.stdout
    assert f"xinfang repeats {earlier[0]}" in result.stdout  # how to see them all
    assert show(run, earlier[-1])["repeat_of"] == earlier[0]


def stats_repeats(run):
    figures = json.loads(ok(run("report", "stats", "--json", "--from", "2026-01-01",
                                "--to", "2026-11-20")).stdout)["figures"]
    return figures["repeat_rate"]["numerator"], figures["repeat_rate"]["denominator"]


def chains_by_rule(run):
    return [[c["id"] for c in chain["cases"]]
            for chain in json.loads(ok(run("repeats", "--json")).stdout)]


def test_a_case_registered_by_mistake_is_no_first_case(run, ledger):
    who = ("--name", "张三", "--id-number", ID_A, "--category", "劳动社保")
    mistake = cli_register(run, *who, on="2026-11-02", content="工地拖欠农民工工资")
    ok(run("undo", mistake, "--whole", "--reason", "重复录入"))
    again = cli_register(run, *who, on="2026-11-03", content="工地拖欠农民工工资")
    assert show(run, again)["repeat_of"] is None
    assert chains_by_rule(run) == []
    assert stats_repeats(run) == (0, 1)
    # A repeat registered by mistake is no visit of its chain either.
    later = cli_register(run, *who, on="2026-11-04", content="再次反映工地拖欠农民工工资")
    ok(run("undo", later, "--whole", "--reason", "重复录入"))
    result = ok(run("register", "--channel", "来访", "--on", "2026-11-05", *who,
                    "--content", "工地拖欠农民工工资未付"))
    assert again in result.stdout and later not in result.stdout


def test_voiding_a_chains_first_case_leaves_the_chain_to_its_repeats(run, ledger):
    who = ("--name", "张三", "--id-number", ID_A, "--category", "劳动社保")
    first = cli_register(run, *who, on="2026-10-02", content="永盛路桥公司拖欠修路民工工资8万元")
    second = cli_register(run, *who, on="2026-10-05", content="给永盛路桥干活的钱到现在没结")
    third = cli_register(run, *who, on="2026-10-09", content="再次反映永盛路桥欠薪问题")
    by_hand = cli_register(run, *who, "--repeat-of", first, on="2026-10-12",
                           content="老板跑了，没人管")  # linked by the officer's word
    assert {show(run, case)["repeat_of"] for case in (second, third, by_hand)} == {first}
    assert stats_repeats(run) == (3, 4)
    ok(run("undo", first, "--whole", "--reason", "登记错误"))
    # The chain goes on from its next case, each change an event saying why.
    assert show(run, second)["repeat_of"] is None
    assert show(run, third)["repeat_of"] == second
    assert show(run, by_hand)["repeat_of"] == second
    for case in (second, third, by_hand):
        marked = show(run, case)["events"][-1]
        assert marked["kind"] == "repeat_marked"
        assert marked["details"]["first_voided"] == first
    assert show(run, by_hand)["events"][-1]["details"]["decision"] == "officer"
    assert f"初件 {first} 已作废" in ok(run("show", third)).stdout
    # The rule over the whole ledger says the same as the links stored; the figures
    # count the repeats of the chain that is left.
    assert chains_by_rule(run) == [[second, third, by_hand]]
    assert stats_repeats(run) == (2, 3)
    assert "台账完好" in ok(run("check")).stderr + ok(run("check")).stdout


def test_the_counter_and_why_withhold_a_confidential_earlier_case(run, ledger):
    who = ("--name", "张三", "--id-number", ID_A, "--category", "纪检监察")
    secret = "检举村主任侵占集体土地补偿款"
    first = cli_register(run, *who, "--confidential", on="2026-11-02", content=secret)
    result = ok(run("register", "--channel", "来访", "--on", "2026-11-10", *who,
                    "--content", "再次检举村主任侵占集体土地补偿款"))
    assert first in result.stdout and "（保密）" in result.stdout
    assert secret not in result.stdout  # as every list of cases shows a confidential one
    explained = ok(run("repeats", "2026-2", "--why", "--json")).stdout
    assert first in explained and secret not in explained


def test_repeat_of_and_not_repeat_at_registration(run, ledger):
    who = ("--name", "张三", "--id-number", ID_A, "--category", "劳动社保")
    first = cli_register(run, *who, on="2026-11-02", content="工地拖欠农民工工资")
    new = cli_register(run, *who, "--not-repeat", on="2026-11-05", content="工地拖欠农民工工资")
    linked = cli_register(run, "--name", "李四", "--repeat-of", first, on="2026-11-06",
                          content="包工头跑路")
    registered = {case: show(run, case)["events"][0]["details"] for case in (new, linked)}
    assert registered[new]["repeat_decision"] == "not_repeat"
    assert "repeat_of" not in registered[new]
    assert (registered[linked]["repeat_decision"], registered[linked]["repeat_of"]) == (
        "officer", first)
    chains = json.loads(ok(run("repeats", "--json")).stdout)
    assert [(c["first"], [x["id"] for x in c["cases"]]) for c in chains] == [
        (first, [first, linked])]
    both = run("register", *who, "--channel", "来访", "--content", "工地拖欠农民工工资",
               "--repeat-of", first, "--not-repeat")
    assert is_error(both, 2)


def test_repeats_lists_and_corrects_chains(run, ledger):
    assert "台账中没有重复信访" in ok(run("repeats")).stderr
    who = ("--name", "张三", "--id-number", ID_A, "--category", "劳动社保")
    first = cli_register(run, *who, on="2026-11-02", content="工地拖欠农民工工资")
    second = cli_register(run, *who, on="2026-11-05", content="工地拖欠农民工工资")
    third = cli_register(run, *who, on="2026-11-09", content="多次反映工地拖欠农民工工资")
    chains = json.loads(ok(run("repeats", "--json")).stdout)
    assert [(c["first"], c["length"]) for c in chains] == [(first, 3)]
    chain = json.loads(ok(run("repeats", third, "--json")).stdout)
    assert [c["id"] for c in chain["cases"]] == [first, second, third]
    assert first in ok(run("repeats")).stdout

    result = ok(run("repeats", second, "--not-repeat", "--officer", "李干事", "--json"))
    assert json.loads(result.stdout)["length"] == 1
    record = show(run, second)
    assert record["repeat_of"] is None and "repeat" not in record["flags"]
    event = record["events"][-1]
    assert (event["kind"], event["officer"], event["details"]["decision"]) == (
        "repeat_marked", "李干事", "not_repeat")
    chains = json.loads(ok(run("repeats", "--json")).stdout)
    assert [(c["first"], [x["id"] for x in c["cases"]]) for c in chains] == [
        (first, [first, third])]

    ok(run("repeats", second, "--repeat-of", third))
    assert show(run, second)["repeat_of"] == first  # to the first case of third's chain
    assert json.loads(ok(run("repeats", "--json")).stdout)[0]["length"] == 3


# At the counter, and explained -----------------------------------------------------------

ZHANG = ("--name", "张建华", "--id-number", ID_B, "--phone", "13812345678",
         "--address", "姜店镇光明村9号")
WAGES_FIRST = "永盛路桥公司拖欠修路民工工资8万元"
WAGES_AGAIN = "给永盛路桥干活的钱到现在没结，8万多"


EVERYDAY = ["反映拖欠工资问题，要求解决", "反映低保问题", "反映道路坑洼不平，要求修路",
            "反映邻居建房影响采光", "再次反映征地补偿问题", "反映工地拖欠工资的事",
            "反映养殖场污水问题", "反映孩子入学问题，要求解决"]


@pytest.fixture
def counter(monkeypatch, ledger):
    """An officer at a terminal, answering the register command's questions, in a ledger
    that holds other people's everyday complaints (so that words like 工资 are common)."""
    import xinfang.commands.cases

    for i in range(40):
        intake = make_intake(channel="来访", content=EVERYDAY[i % len(EVERYDAY)],
                             received_on=D(2026, 1, 2), today=ledger.today,
                             category="劳动社保",
                             people=[make_person(f"村民{i}", None, f"1390000{i:04d}")])
        acts.register(ledger, intake, officer=OFFICER)
    monkeypatch.setattr(xinfang.commands.cases, "interactive", lambda: True)


def at_counter(run, *who, content, answer, on="2026-11-20", category="其他"):
    """Register at the counter, answering `answer`: the result and the new case."""
    result = ok(run("register", "--channel", "来访", "--category", category, "--content",
                    content, "--on", on, *who, input=answer + "\n"))
    return result, re.search(r"XF-YQH-\d{4}-\d{5}", result.stdout).group()


def test_the_counter_shows_the_chain_with_its_reasons_and_records_the_officers_word(
        run, ledger, counter):
    first = cli_register(run, *ZHANG, "--category", "劳动社保", on="2026-03-02",
                         content=WAGES_FIRST)
    cli_register(run, *ZHANG, "--category", "民政", on="2026-04-01",
                 content="反映低保被取消，要求重新评定")
    # Back without the ID number, the name in traditional characters, another category.
    result, number = at_counter(run, "--name", "張建華", "--phone", "13812345678",
                                content=WAGES_AGAIN, answer="1")
    assert f"1. 初件 {first}" in result.stderr
    assert "同名同电话" in result.stderr and "诉求相近 0." in result.stderr
    assert "共同：永盛路桥" in result.stderr
    assert "第十九条" in result.stderr  # the first case is being handled
    assert "2. 不是重复信访（新事项）" in result.stderr
    assert "低保" not in result.stderr  # the other matter is not offered
    again = show(run, number)
    assert again["repeat_of"] == first
    assert again["events"][0]["details"]["repeat_decision"] == "officer"
    # The officer says the next one is a new matter: it is recorded so, and the
    # whole-ledger rule keeps that word.
    _, number = at_counter(run, *ZHANG, content="再次反映永盛路桥欠薪问题", answer="2")
    new = show(run, number)
    assert new["repeat_of"] is None
    assert new["events"][0]["details"]["repeat_decision"] == "not_repeat"
    chains = json.loads(ok(run("repeats", "--json")).stdout)
    assert [[c["id"] for c in chain["cases"]] for chain in chains] == [[first, again["id"]]]


def test_the_counter_lets_the_officer_pick_another_chain(run, ledger, counter):
    wages = cli_register(run, *ZHANG, "--category", "劳动社保", on="2026-03-02",
                         content=WAGES_FIRST)
    # Unpaid wages at two firms; then a visit that does not say which.
    other = cli_register(run, *ZHANG, "--category", "劳动社保", "--not-repeat",
                         on="2026-04-01", content="嘉禾物流拖欠装卸工工资3个月")
    result, number = at_counter(run, *ZHANG, content="永盛路桥和嘉禾物流的工资都还没给",
                                answer="2")
    assert f"初件 {wages}" in result.stderr and f"初件 {other}" in result.stderr
    picked = show(run, number)["repeat_of"]
    assert picked in (wages, other)
    offered = [line for line in result.stderr.splitlines() if line.startswith("2. 初件")]
    assert offered and picked in offered[0]


def test_repeats_why_explains_a_link(run, ledger):
    first = cli_register(run, *ZHANG, "--category", "劳动社保", on="2026-03-02",
                         content=WAGES_FIRST)
    second = cli_register(run, *ZHANG, "--category", "劳动社保", on="2026-05-02",
                          content=WAGES_AGAIN)
    assert show(run, second)["repeat_of"] == first
    why = ok(run("repeats", second, "--why")).stdout
    assert f"{second}：按规则认定为初件 {first} 的重复信访" in why
    assert "同一身份证号" in why and "永盛路桥" in why
    explained = json.loads(ok(run("repeats", second, "--why", "--json")).stdout)
    assert (explained["decision"], explained["first"]) == ("auto", first)
    assert explained["candidates"][0]["identity"] == "id_number"
    # The kinds of grievance the two agree on are among the reasons, as at the counter.
    assert "工资" in "".join(explained["candidates"][0]["agree"]) and "工资" in why
    alone = ok(run("repeats", first, "--why")).stdout
    assert "不是重复信访" in alone and "没有同一信访人的更早案件" in alone
    assert is_error(run("repeats", "--why"), 2)


def test_the_officer_says_two_records_are_one_person(run, ledger):
    first = cli_register(run, "--name", "刘秀兰", "--phone", "13812345678", "--category", "民政", on="2026-03-02",
                         content="反映低保被取消，要求重新评定")
    # A new phone, no ID number, no address: by the rule a namesake.
    other = cli_register(run, "--name", "刘秀兰", "--phone", "13900001111", "--category", "民政", on="2026-04-02",
                         content="我家低保被取消了，至今没恢复")
    assert show(run, other)["repeat_of"] is None
    result = ok(run("repeats", other, "--same-person", first, "--officer", "李干事"))
    assert "是同一人" in result.stderr
    event = show(run, other)["events"][-1]
    assert (event["kind"], event["officer"], event["details"]["same"]) == (
        "people_linked", "李干事", True)
    # From then on the rule knows her under both records.
    later = cli_register(run, "--name", "刘秀兰", "--phone", "13900001111", "--category", "民政", on="2026-06-02",
                         content="再次反映低保问题")
    assert show(run, later)["repeat_of"] == first
    ok(run("repeats", later, "--other-person", first))
    assert "不是同一人" in ok(run("repeats", other, "--other-person", first)).stderr
    assert is_error(run("repeats", other, "--same-person", first, "--other-person", first), 2)


@pytest.mark.parametrize(
    "args",
    [["--not-repeat"], ["2026-1", "--not-repeat", "--repeat-of", "2026-2"]],
)
def test_repeats_usage_errors(run, ledger, args):
    cli_register(run, "--name", "张三")
    cli_register(run, "--name", "李四")
    assert is_error(run("repeats", *args), 2)


def test_a_case_cannot_repeat_itself(run, ledger):
    number = cli_register(run, "--name", "张三")
    result = run("repeats", number, "--repeat-of", number)
    assert is_error(result)


# list filters that go with the reports -------------------------------------------------------


def test_list_overdue_and_due_within(run, overdue_ledger):
    n = overdue_ledger
    assert set(list_ids(run, "--overdue")) == {n["a"], n["b"], n["c"], n["d"]}
    assert list_ids(run, "--due-within", "3") == [n["e"]]
    assert list_ids(run, "--due-within", "2") == []
    assert list_ids(run, "--overdue", "--unit", "住建局") == [n["c"]]
    assert list_ids(run, "--overdue", "--as-of", "2026-11-10") == [n["a"]]
