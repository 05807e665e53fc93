"""Every mistake can be corrected, and the correction is history (DOMAIN.md §3): what a
registration records is corrected by a `corrected` event (old → new), the last act is
withdrawn by a `withdrawn` event, a case registered by mistake is voided whole, a
forwarded case is re-routed, an assignment's report-by date moved or answered by an
interim report, a hearing recorded again replaces the first. After each, `check` is clean:
the stored state is the replay of the events."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xinfang import acts, reports
from xinfang.cases.intake import make_intake, make_person
from xinfang.errors import (
    DateAfterActs,
    NotAllowed,
    NothingToCorrect,
    NothingToUndo,
    TooEarly,
)
from xinfang.maintenance import check
from xinfang.store import writer

ID = "11010519491231002X"
OFFICER = "测试员"
D = dt.date


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def register(ledger, *, name="王秀", on=None, content="工资拖欠", **extra):
    on = on or D(2026, 11, 20)
    intake = make_intake(channel="来访", content=content, received_on=on, today=ledger.today,
                         people=[make_person(name, ID if name == "王秀" else None, "13812345678")],
                         **extra)
    return acts.register(ledger, intake, officer=OFFICER, not_repeat=True).number


def clocks(ledger, number):
    state = ledger.stored_state(ledger.find_case(number))
    return {(c.clock, c.running): c for c in state.clocks}


def assert_sound(ledger):
    assert check(ledger) == []


@pytest.fixture
def units(ledger):
    for name in ("人社局", "住建局"):
        writer.add_unit(ledger, name, "县区")
    return ledger


# Correcting a registration --------------------------------------------------------------

def test_a_corrected_field_is_an_event_old_to_new_and_the_case_follows(ledger, run):
    number = register(ledger)
    acts.correct(ledger, number, officer=OFFICER, reason="录入错误", content="工地拖欠工资",
                 category="劳动社保", headcount=3, channel="来信")
    row = ledger.db.execute("SELECT content, category, headcount, channel FROM cases").fetchone()
    assert row == ("工地拖欠工资", "劳动和社会保障", 3, "letter")
    (event,) = [e for e in ledger.events(ledger.find_case(number)) if e["kind"] == "corrected"]
    assert event["details"]["changes"] == {
        "content": ["工资拖欠", "工地拖欠工资"], "category": [None, "劳动和社会保障"],
        "headcount": [1, 3], "channel": ["visit", "letter"]}
    assert event["details"]["reason"] == "录入错误"
    # The registration itself is never edited.
    registered = ledger.events(ledger.find_case(number))[0]
    assert registered["details"]["content"] == "工资拖欠"
    shown = ok(run("show", number)).stdout
    assert "更正登记：" in shown and "反映问题 工资拖欠 → 工地拖欠工资" in shown
    assert "信访形式 来访 → 来信" in shown and "理由：录入错误" in shown
    # The full-text search finds the corrected words.
    found = json.loads(ok(run("list", "--search", "工地拖欠", "--json")).stdout)
    assert [case["id"] for case in found] == [number]
    assert_sound(ledger)


def test_a_corrected_received_date_moves_the_clocks(ledger):
    number = register(ledger, on=D(2026, 11, 20))
    before = clocks(ledger, number)[("forward", True)].due_on
    acts.correct(ledger, number, officer=OFFICER, reason="收到日期记错",
                 received_on=D(2026, 11, 2))
    forward = clocks(ledger, number)[("forward", True)]
    assert forward.started_on == D(2026, 11, 2)
    assert forward.due_on == D(2026, 11, 17)  # 15 days, a Tuesday (DOMAIN.md §4)
    assert forward.due_on != before
    assert ledger.db.execute("SELECT received_on FROM cases").fetchone()[0] == "2026-11-02"
    assert_sound(ledger)


def test_a_received_date_after_the_first_act_or_before_1950_is_refused(units):
    ledger = units
    number = register(ledger, on=D(2026, 11, 10))
    acts.forward(ledger, number, "人社局", officer=OFFICER, on=D(2026, 11, 12))
    with pytest.raises(DateAfterActs):
        acts.correct(ledger, number, officer=OFFICER, reason="x", received_on=D(2026, 11, 13))
    with pytest.raises(TooEarly):
        acts.correct(ledger, number, officer=OFFICER, reason="x", received_on=D(1949, 1, 1))
    acts.correct(ledger, number, officer=OFFICER, reason="x", received_on=D(2026, 11, 12))
    assert_sound(ledger)


def test_nothing_to_correct_is_said_and_a_reason_is_required(ledger, run):
    number = register(ledger)
    with pytest.raises(NothingToCorrect):
        acts.correct(ledger, number, officer=OFFICER, reason="x", content="工资拖欠")
    result = run("correct", number, "--content", "新摘要")
    assert result.exit_code == 2 and "更正理由" in result.stderr


def test_a_petitioner_corrected_added_and_removed(ledger, run):
    number = register(ledger)
    ok(run("correct", number, "--name", "王秀英", "--reason", "姓名录入错误"))
    ok(run("correct", number, "--add-person", "李四,,13987654321,东村", "--reason", "补登"))
    people = json.loads(ok(run("show", number, "--json", "--reveal")).stdout)["people"]
    assert [(p["name"], p["id_number"]) for p in people] == [("王秀英", ID), ("李四", None)]
    ok(run("correct", number, "--remove-person", "李四", "--reason", "登记错"))
    people = json.loads(ok(run("show", number, "--json")).stdout)["people"]
    assert [p["name"] for p in people] == ["王秀英"]
    shown = ok(run("show", number)).stdout
    assert "信访人 王秀 → 王秀英" in shown and ID not in shown
    # A petitioner's ID number in an event is masked unless revealed.
    events = json.loads(ok(run("show", number, "--json")).stdout)["events"]
    assert ID not in json.dumps(events, ensure_ascii=False)
    assert [c["id"] for c in json.loads(ok(run("list", "--person", "王秀英", "--json")).stdout)
            ] == [number]
    missing = run("correct", number, "--who", "赵六", "--phone", "13900000000", "--reason", "x")
    assert missing.exit_code == 2 and "1. 王秀英" in missing.stderr
    ok(run("check"))


# Withdrawing the last act ----------------------------------------------------------------

def test_undo_withdraws_the_last_act_and_the_state_replays_without_it(units, run):
    ledger = units
    number = register(ledger, on=D(2026, 11, 16))
    acts.forward(ledger, number, "人社局", officer=OFFICER, on=D(2026, 11, 17))
    acts.note(ledger, number, "电话联系", officer=OFFICER, on=D(2026, 11, 18))
    result = ok(run("undo", number, "--reason", "记错"))
    assert "已撤销" in result.stdout
    # The note was the last act: withdrawn; the forward stays.
    assert ledger.stored_state(ledger.find_case(number)).status == "forwarded"
    ok(run("undo", number, "--reason", "转送记错"))
    state = ledger.stored_state(ledger.find_case(number))
    assert (state.status, state.unit, state.holder_kind) == ("registered", None, "office")
    assert ("forward", True) in clocks(ledger, number)
    assert_sound(ledger)
    with pytest.raises(NothingToUndo):
        acts.undo(ledger, number, officer=OFFICER, reason="x")
    shown = ok(run("show", number)).stdout
    assert "撤销：转送（2026-11-17）" in shown and "理由：转送记错" in shown


def test_a_wrong_date_is_fixed_by_undo_and_doing_it_again(units):
    ledger = units
    number = register(ledger, on=D(2026, 11, 2))
    acts.forward(ledger, number, "人社局", officer=OFFICER, on=D(2026, 11, 20))
    assert clocks(ledger, number)[("forward", False)].late
    acts.undo(ledger, number, officer=OFFICER, reason="日期记错")
    acts.forward(ledger, number, "人社局", officer=OFFICER, on=D(2026, 11, 3))
    assert not clocks(ledger, number)[("forward", False)].late
    assert_sound(ledger)


def test_a_case_voided_leaves_lists_reports_and_figures_and_comes_back_with_undo(ledger, run):
    number = register(ledger, on=D(2026, 11, 2))  # its forward duty is overdue
    kept = register(ledger, name="李四", on=D(2026, 11, 2), content="路灯不亮")
    ok(run("undo", number, "--whole", "--reason", "重复录入"))
    listed = [case["id"] for case in json.loads(ok(run("list", "--json")).stdout)]
    assert listed == [kept]
    assert [case["id"] for case in json.loads(
        ok(run("list", "--status", "已作废", "--json")).stdout)] == [number]
    overdue = {item["id"] for item in reports.overdue(ledger, ledger.today)["overdue"]}
    assert overdue == {kept}
    figures = reports.stats(ledger, D(2026, 1, 1), ledger.today)
    assert figures["figures"]["repeat_rate"]["denominator"] == 1
    assert figures["set_apart"]["void"] == 1
    with pytest.raises(NotAllowed):
        acts.close(ledger, number, "resolved", "x", officer=OFFICER)
    ok(run("undo", number, "--reason", "作废错了"))
    assert ledger.stored_state(ledger.find_case(number)).status == "registered"
    assert number in {item["id"] for item in reports.overdue(ledger, ledger.today)["overdue"]}
    assert_sound(ledger)


# Re-routing, assignments, hearings ---------------------------------------------------------

def test_forwarding_a_forwarded_case_again_reroutes_it_with_a_reason(units, run):
    ledger = units
    number = register(ledger, on=D(2026, 11, 16))
    acts.forward(ledger, number, "人社局", officer=OFFICER, on=D(2026, 11, 17))
    refused = run("forward", number, "--to", "住建局")
    assert refused.exit_code == 2 and "改转理由" in refused.stderr
    ok(run("forward", number, "--to", "住建局", "--reason", "转错单位", "--on", "2026-11-20"))
    state = ledger.stored_state(ledger.find_case(number))
    assert (state.status, state.unit, state.holder) == ("forwarded", "住建局", "住建局")
    notify = [c for c in state.clocks if c.clock == "notify"]
    assert [(c.started_on, c.running) for c in notify] == [
        (D(2026, 11, 17), False), (D(2026, 11, 20), True)]
    same = run("forward", number, "--to", "住建局", "--reason", "x")
    assert same.exit_code == 1 and "已经在“住建局”办理" in same.stderr
    assert_sound(ledger)


def test_an_assignments_report_by_date_moves_and_an_interim_report_answers_it(units, run):
    ledger = units
    number = register(ledger, on=D(2026, 11, 16))
    acts.forward(ledger, number, "人社局", officer=OFFICER, on=D(2026, 11, 17), assign=True,
                 report_by=D(2026, 11, 22))
    ok(run("assignment", number, "--report-by", "2026-12-10", "--reason", "县局同意延后"))
    report = clocks(ledger, number)[("report", True)]
    assert report.due_on == D(2026, 12, 10)
    ok(run("assignment", number, "--interim", "已约谈企业负责人", "--next-report-by",
           "2026-12-20"))
    state = ledger.stored_state(ledger.find_case(number))
    reports_ = [(c.due_on, c.running, c.late) for c in state.clocks if c.clock == "report"]
    assert reports_ == [(D(2026, 12, 10), False, False), (D(2026, 12, 20), True, False)]
    both = run("assignment", number)
    assert both.exit_code == 1 and "--interim" in both.stderr
    assert_sound(ledger)


def _under_recheck(ledger, units):
    number = register(ledger, on=D(2025, 1, 6))
    case = ledger.find_case(number)
    for kind, on, details in [
        ("accepted", D(2025, 1, 7), {}),
        ("closed", D(2025, 1, 20), {"result": "resolved", "opinion": "x"}),
        ("review_requested", D(2025, 1, 25), {}),
        ("review_concluded", D(2025, 2, 10), {}),
        ("recheck_requested", D(2025, 2, 15), {}),
    ]:
        writer.append(ledger, case, kind, on, OFFICER, details)
    return number


def test_a_hearing_recorded_again_with_replace_counts_once(ledger, units):
    number = _under_recheck(ledger, units)
    due = clocks(ledger, number)[("recheck", True)].due_on
    acts.recheck(ledger, number, "hearing", officer=OFFICER, hearing_from=D(2025, 3, 3),
                 hearing_to=D(2025, 3, 7))
    first = clocks(ledger, number)[("recheck", True)].due_on
    acts.recheck(ledger, number, "hearing", officer=OFFICER, hearing_from=D(2025, 3, 3),
                 hearing_to=D(2025, 3, 4), replace=True, on=D(2025, 3, 10))
    replaced = clocks(ledger, number)[("recheck", True)]
    assert replaced.extra_days == 2 and due < replaced.due_on < first
    assert_sound(ledger)


def test_replace_without_an_earlier_hearing_is_refused(ledger, units, run):
    number = _under_recheck(ledger, units)
    result = run("recheck", number, "hearing", "--from", "2025-03-03", "--to", "2025-03-04",
                 "--replace", "--on", "2025-03-04")
    assert result.exit_code == 1 and "还没有记录过听证" in result.stderr


# Archiving -------------------------------------------------------------------------------

def test_archive_by_filter_takes_old_open_cases_out_of_the_overdue_report(ledger, run):
    old = register(ledger, on=D(2025, 3, 1))
    new = register(ledger, name="李四", on=D(2026, 11, 2), content="路灯不亮")
    scripted = run("archive", "--before", "2026-01-01", "--reason", "旧案")
    assert scripted.exit_code == 2 and "--yes" in scripted.stderr
    ok(run("archive", "--before", "2026-01-01", "--reason", "纸质登记簿旧案", "--yes"))
    assert ledger.stored_state(ledger.find_case(old)).status == "archived"
    assert {i["id"] for i in reports.overdue(ledger, ledger.today)["overdue"]} == {new}
    assert reports.stats(ledger, D(2025, 1, 1), ledger.today)["set_apart"]["archived"] == 1
    assert_sound(ledger)


REGISTER = ("序号,登记日期,姓名,诉求摘要,信访形式,办理结果,办结日期\n"
            "1,2024-03-01,张三,路灯不亮,来访,,\n"
            "2,2024-03-02,李四,噪音扰民,来访,已办结,2024-03-20\n"
            "3,2026-11-10,王五,拖欠工资,来访,,\n")


def test_import_archive_before_keeps_old_rows_without_a_result_as_history(ledger, run,
                                                                         tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(REGISTER, encoding="utf-8")
    result = ok(run("import", path, "--archive-before", "2025-01-01"))
    assert "1 件在 2025-01-01 之前收到、没有办理结果，已作为历史记录归档" in result.stdout
    statuses = dict(ledger.db.execute("SELECT content, status FROM cases").fetchall())
    assert statuses == {"路灯不亮": "archived", "噪音扰民": "closed", "拖欠工资": "registered"}
    overdue = [i["id"] for i in reports.overdue(ledger, ledger.today)["overdue"]]
    assert len(overdue) <= 1
    assert_sound(ledger)


def test_import_of_old_rows_without_a_terminal_says_how_to_archive_them(ledger, run, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(REGISTER, encoding="utf-8")
    result = ok(run("import", path))
    assert "xinfang archive --before" in result.stderr
    assert "archived" not in {row[0] for row in ledger.db.execute("SELECT status FROM cases")}


def test_import_at_a_terminal_asks_whether_to_archive_old_rows(ledger, run, tmp_path,
                                                               monkeypatch):
    import xinfang.commands.transfer

    monkeypatch.setattr(xinfang.commands.transfer, "interactive", lambda: True)
    path = tmp_path / "old.csv"
    path.write_text(REGISTER, encoding="utf-8")
    result = ok(run("import", path, input="是\n"))
    assert "作为历史记录归档吗" in result.stderr
    statuses = {row[0] for row in ledger.db.execute("SELECT status FROM cases")}
    assert "archived" in statuses


# Any sequence of acts, withdrawn and corrected, keeps the ledger sound -----------------------

ACTS = ["forward", "accept", "note", "close", "followup", "undo", "correct_date",
        "correct_content", "void"]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(ACTS), min_size=1, max_size=10))
def test_any_sequence_of_acts_undos_and_corrections_stays_sound(units, steps):
    ledger = units
    number = register(ledger, on=D(2026, 10, 1))
    day = D(2026, 10, 2)
    for step in steps:
        day += dt.timedelta(days=1)
        try:
            if step == "forward":
                acts.forward(ledger, number, "人社局", officer=OFFICER, on=day)
            elif step == "accept":
                acts.accept(ledger, number, officer=OFFICER, on=day)
            elif step == "note":
                acts.note(ledger, number, "x", officer=OFFICER, on=day)
            elif step == "close":
                acts.close(ledger, number, "resolved", "答复", officer=OFFICER, on=day)
            elif step == "followup":
                acts.followup(ledger, number, officer=OFFICER, satisfaction="满意", on=day)
            elif step == "undo":
                acts.undo(ledger, number, officer=OFFICER, reason="x", on=day)
            elif step == "correct_date":
                acts.correct(ledger, number, officer=OFFICER, reason="x",
                             received_on=D(2026, 9, 20 + len(steps) % 10))
            elif step == "correct_content":
                acts.correct(ledger, number, officer=OFFICER, reason="x", content=f"内容{day}")
            elif step == "void":
                acts.void(ledger, number, officer=OFFICER, reason="x", on=day)
        except Exception as error:  # a refused act is fine; it must leave nothing behind
            from xinfang.errors import XinfangError

            assert isinstance(error, XinfangError), error
    assert check(ledger) == []
    conn = sqlite3.connect(ledger.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


# Units kept tidy ----------------------------------------------------------------------------

def test_a_unit_renamed_or_merged_takes_its_cases_along_as_events(units, run):
    ledger = units
    first = register(ledger, on=D(2026, 11, 16))
    second = register(ledger, name="李四", on=D(2026, 11, 16), content="社保断缴")
    acts.forward(ledger, first, "人社局", officer=OFFICER, on=D(2026, 11, 17))
    acts.forward(ledger, second, "住建局", officer=OFFICER, on=D(2026, 11, 17))
    assert "1 件案件随之更改" in ok(run("unit", "rename", "人社局", "县人社局")).stderr
    ok(run("unit", "merge", "住建局", "--into", "县人社局"))
    for number in (first, second):
        state = ledger.stored_state(ledger.find_case(number))
        assert (state.unit, state.holder) == ("县人社局", "县人社局")
        assert ledger.events(ledger.find_case(number))[-1]["kind"] == "unit_renamed"
    # History keeps the name the case was forwarded to.
    assert "转送：住建局" in ok(run("show", second)).stdout
    refused = run("forward", first, "--to", "住建局", "--reason", "x")
    assert refused.exit_code == 1 and "已并入“县人社局”" in refused.stderr
    units_ = {u["name"]: u for u in json.loads(ok(run("unit", "list", "--json")).stdout)}
    assert units_["住建局"]["merged_into"] == "县人社局"
    assert_sound(ledger)


def test_a_unit_gets_its_level_and_parent_later_and_may_be_retired(units, run):
    logged = units.db.execute("SELECT count(*) FROM settings_log WHERE key LIKE 'unit:%'"
                              ).fetchone()[0]
    ok(run("unit", "add", "光明村委会", "--level", "村"))
    ok(run("unit", "set", "人社局", "--level", "县区", "--parent", "住建局"))
    ok(run("unit", "retire", "光明村委会"))
    listed = {u["name"]: u for u in json.loads(ok(run("unit", "list", "--json")).stdout)}
    assert listed["光明村委会"]["level"] == "village"
    assert listed["光明村委会"]["retired_on"] == "2026-11-23"
    assert listed["人社局"]["parent"] == "住建局"
    number = register(units)
    refused = run("forward", number, "--to", "光明村委会")
    assert refused.exit_code == 1 and "撤并" in refused.stderr
    log = units.db.execute("SELECT count(*) FROM settings_log WHERE key LIKE 'unit:%'"
                           ).fetchone()[0]
    assert log == logged + 3  # added, its level and parent set, retired


# Categories are a managed list ---------------------------------------------------------------

def test_an_unknown_category_typed_by_hand_is_refused_with_the_closest_names(ledger, run):
    result = run("register", "--name", "张三", "--channel", "来访", "--content", "x",
                 "--category", "劳保")
    assert result.exit_code == 2 and "劳动和社会保障" in result.stderr
    assert "xinfang category add" in result.stderr
    ok(run("register", "--name", "张三", "--channel", "来访", "--content", "x",
           "--category", "劳动社保"))  # a short form of the national list
    ok(run("category", "add", "征地拆迁"))
    ok(run("register", "--name", "张三", "--channel", "来访", "--content", "x",
           "--category", "征地拆迁"))
    again = run("category", "add", "劳动社保")
    assert again.exit_code == 1 and "已在名单中" in again.stderr
    listed = json.loads(ok(run("category", "list", "--json")).stdout)
    assert len(listed["national"]) == 17 and listed["office"] == ["征地拆迁"]
    assert "劳动社保" in next(c["short"] for c in listed["national"]
                              if c["name"] == "劳动和社会保障")


def test_import_reports_unknown_categories_and_takes_units_of_the_list(ledger, run, tmp_path):
    writer.add_unit(ledger, "县人社局", "县区")
    path = tmp_path / "r.csv"
    path.write_text("序号,登记日期,姓名,诉求摘要,信访形式,问题类别,转送单位\n"
                    "1,2026-11-02,张三,路灯不亮,来访,城建,人社局\n"
                    "2,2026-11-03,李四,噪音扰民,来访,征地拆迁,住建局\n", encoding="utf-8")
    result = ok(run("import", path))
    assert "“人社局”→“县人社局”" in result.stdout
    assert "按原样导入：征地拆迁" in result.stdout
    units_ = {row[0] for row in ledger.db.execute("SELECT name FROM units")}
    assert units_ == {"县人社局", "住建局"}  # no near-duplicate 人社局
    state = ledger.stored_state(ledger.find_case("2026-1"))
    assert state.unit == "县人社局"
    assert_sound(ledger)


def _by_rule(ledger, content, on, category="劳动社保"):
    intake = make_intake(channel="来访", content=content, received_on=on, today=ledger.today,
                         category=category,
                         people=[make_person("王秀", ID, "13812345678", "东村3组")])
    return acts.register(ledger, intake, officer=OFFICER).number


def test_a_corrected_matter_is_judged_again_by_the_repeat_rule(ledger, run):
    """A link the rule made follows a correction of the matter: corrected to another
    matter it is undone, corrected back it is made again — each an event; `check`
    stays clean and the stored state equals the replay."""
    first = _by_rule(ledger, "永盛路桥公司拖欠修路民工工资8万元", D(2026, 10, 8))
    second = _by_rule(ledger, "永盛路桥公司修路工资还是没给，拖欠8万元", D(2026, 11, 2))
    case_id = ledger.find_case(second)
    assert ledger.stored_state(case_id).repeat_of == first
    acts.correct(ledger, second, officer=OFFICER, reason="录错了",
                 content="家中危房申请改造补助没有批", category="城乡建设")
    assert ledger.stored_state(case_id).repeat_of is None
    acts.correct(ledger, second, officer=OFFICER, reason="又录错了",
                 content="永盛路桥公司修路工资还是没给，拖欠8万元", category="劳动社保")
    assert ledger.stored_state(case_id).repeat_of == first
    kinds = [event["kind"] for event in ledger.events(case_id)]
    assert kinds.count("repeat_marked") == 2
    assert_sound(ledger)


def test_the_officers_word_on_a_repeat_stands_after_a_correction(ledger):
    first = _by_rule(ledger, "永盛路桥公司拖欠修路民工工资8万元", D(2026, 10, 8))
    second = _by_rule(ledger, "永盛路桥公司修路工资还是没给，拖欠8万元", D(2026, 11, 2))
    acts.mark_repeat(ledger, second, officer=OFFICER, repeat_of=first)
    acts.correct(ledger, second, officer=OFFICER, reason="录错了",
                 content="家中危房申请改造补助没有批", category="城乡建设")
    assert ledger.stored_state(ledger.find_case(second)).repeat_of == first
    assert_sound(ledger)
