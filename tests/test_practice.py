"""How offices really work (DOMAIN.md §9) through the command line: leaders' cases with
the 六定 and the 四包, the backlog, joint meetings and their tasks, mediation, hardship
help, and the officer's day (`today`).

Dates are written out by hand; today is 2026-11-23 (conftest). The handling period of a
case accepted on 11-03 ends on 2027-01-02 (60 days, a Saturday: 01-04), so such a case
owes nothing else in November and a leader's or a meeting's duty stands alone.
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from xinfang.cases import lifecycle


@pytest.fixture
def office(run):
    assert run("office", "set", "YQH", "鱼邱湖街道信访办").exit_code == 0
    for unit in ("县人社局", "县住建局"):
        assert run("unit", "add", unit, "--level", "县区").exit_code == 0
    return run


def register(run, on="2026-11-02", name="郝丹文", content="工地拖欠工资三个月",
             id_number="371526196601318579"):
    who = ["--id-number", id_number] if id_number else []
    result = run("register", "--name", name, *who, "--channel", "来访",
                 "--category", "劳动社保", "--content", content, "--on", on, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]


def accepted_case(run, **kwargs):
    number = register(run, **kwargs)
    assert run("forward", number, "--to", "县人社局", "--on", "2026-11-02").exit_code == 0
    assert run("accept", number, "--on", "2026-11-03").exit_code == 0
    return number


SIX = ("--leader", "李书记", "--unit", "县人社局", "--plan", "联合调处", "--target", "2026-11-20",
       "--goal", "息诉罢访", "--requirements", "每周报告进展")


def led_case(run, **kwargs):
    number = accepted_case(run, **kwargs)
    result = run("lead", number, *SIX, "--on", "2026-11-04")
    assert result.exit_code == 0, result.stderr
    return number


def shown(run, number):
    return json.loads(run("show", number, "--json").stdout)


def running(record, code):
    return [c for c in record["clocks"] if c["clock"] == code and c["stopped_on"] is None]


# Leaders' cases ------------------------------------------------------------------------


def test_a_leaders_case_needs_all_six_and_says_which_are_missing(office):
    number = accepted_case(office)
    result = office("lead", number, "--leader", "李书记", "--plan", "联合调处",
                    "--target", "2026-12-31")
    assert result.exit_code == 2
    assert "责任单位、化解目标、工作要求" in result.stderr
    assert "--unit --goal --requirements" in result.stderr
    assert "Traceback" not in result.stderr
    assert not [e for e in shown(office, number)["events"] if e["kind"] == "led"]


def test_the_target_is_a_duty_of_the_leader_in_every_list(office):
    number = led_case(office)
    record = shown(office, number)
    (lead,) = running(record, "lead")
    assert (lead["due_on"], lead["state"], lead["days_left"]) == ("2026-11-20", "overdue", -3)
    assert record["lead"]["leader"] == "李书记" and record["lead"]["unit"] == "县人社局"

    report = json.loads(office("report", "overdue", "--format", "json").stdout)
    (item,) = [i for i in report if i["section"] == "overdue"]
    assert item["clock"] == "lead" and item["days_overdue"] == 3
    assert item["owed_by"]["kind"] == "leader" and item["owed_by"]["name"] == "李书记"
    assert item["unit"] == "县人社局"  # the responsible unit stays apart from the leader
    text = office("report", "overdue").stdout
    assert "【包案领导 李书记】超期 1 项" in text
    assert "责任单位：县人社局" in text

    listed = office("list", "--overdue", "--json").stdout
    assert [c["id"] for c in json.loads(listed)] == [number]
    assert office("list", "--overdue", "--as-of", "2026-11-20", "--json").stdout.strip() == "[]"


def test_moving_the_target_is_an_event_with_its_reason(office):
    number = led_case(office)
    refused = office("lead", number, "--target", "2026-12-31")
    assert refused.exit_code == 2 and "理由" in refused.stderr
    assert office("lead", number, "--target", "2026-12-31", "--reason", "等法院判决").exit_code == 0
    record = shown(office, number)
    (lead,) = running(record, "lead")
    assert lead["due_on"] == "2026-12-31"
    moved = [e for e in record["events"] if e["kind"] == "lead_target_changed"]
    assert moved[0]["details"] == {"target": "2026-12-31", "was": "2026-11-20",
                                   "reason": "等法院判决"}
    assert record["lead"]["target"] == "2026-12-31"
    assert json.loads(office("list", "--overdue", "--json").stdout) == []


def test_progress_on_the_four_duties_shows_which_are_done(office):
    number = accepted_case(office)
    refused = office("lead", number, "--progress", "解决问题")
    assert refused.exit_code == 1 and "还不是领导包案" in refused.stderr
    office("lead", number, *SIX, "--on", "2026-11-04")
    assert office("lead", number, "--progress", "解决问题", "--note", "已补发一半",
                  "--on", "2026-11-10").exit_code == 0
    assert office("lead", number, "--progress", "bogus").exit_code == 2
    four = shown(office, number)["lead"]["four"]
    assert four == {"situation": None, "solution": "2026-11-10", "education": None,
                    "settled": None}
    screen = office("show", number).stdout
    assert "✓ 包解决问题 2026-11-10" in screen and "· 包息诉息访" in screen


def test_closing_a_leaders_case_resolves_it_for_the_figure(office):
    first = led_case(office)
    led_case(office, name="王春月", id_number="11010519491231002X", content="宅基地纠纷")
    assert office("close", first, "--result", "resolved", "--opinion", "已补发",
                  "--on", "2026-11-10").exit_code == 0
    assert running(shown(office, first), "lead") == []
    stats = json.loads(office("report", "stats", "--json").stdout)
    figure = stats["figures"]["leader_resolution"]
    assert (figure["numerator"], figure["denominator"]) == (1, 2)
    assert figure["name"] == "包案化解率"
    # The first closed on 11-10, before its 化解时限 (11-20); the other is past it, unresolved.
    on_time = stats["figures"]["lead_on_time"]
    assert (on_time["numerator"], on_time["denominator"]) == (1, 2)


# The backlog ------------------------------------------------------------------------------


def test_backlog_add_list_strike_off_and_a_case_that_comes_back(office):
    number = led_case(office)
    assert office("backlog", "add", number).exit_code == 2  # the reason is required
    assert office("backlog", "add", number, "--reason", "久拖未决", "--on", "2026-11-05").exit_code == 0
    again = office("backlog", "add", number, "--reason", "x")
    assert again.exit_code == 1 and "已在积案清单上" in again.stderr
    (item,) = json.loads(office("backlog", "--json").stdout)
    assert (item["id"], item["leader"], item["plan"], item["target"]) == (
        number, "李书记", "联合调处", "2026-11-20")
    assert (item["days_open"], item["visits"], item["days_to_target"]) == (21, 1, -3)

    refused = office("backlog", "close", number, "--how", "补发工资")
    assert refused.exit_code == 1 and "已受理" in refused.stderr  # not resolved yet
    office("close", number, "--result", "resolved", "--opinion", "已补发", "--on", "2026-11-10")
    assert office("backlog", "close", number, "--how", "补发工资，签字息诉",
                  "--on", "2026-11-11").exit_code == 0
    assert json.loads(office("backlog", "--json").stdout) == []
    (struck,) = json.loads(office("backlog", "--all", "--json").stdout)
    assert struck["struck_off"] == "2026-11-11" and struck["returned"] is False

    register(office, on="2026-11-20", content="工地拖欠工资三个月，再次反映")
    (struck,) = json.loads(office("backlog", "--all", "--json").stdout)
    assert struck["returned"] is True and struck["visits"] == 2
    assert "销号后又来" in office("backlog", "--all").stdout


def test_the_most_urgent_case_comes_first(office):
    late = led_case(office)
    later = accepted_case(office, name="王春月", id_number="11010519491231002X",
                          content="宅基地纠纷")
    office("lead", later, *SIX[:-6], "--target", "2026-12-20", "--goal", "g",
           "--requirements", "r", "--on", "2026-11-04")
    for number in (later, late):
        office("backlog", "add", number, "--reason", "r", "--on", "2026-11-05")
    assert [i["id"] for i in json.loads(office("backlog", "--json").stdout)] == [late, later]


def test_the_policy_proposes_candidates_and_adds_none(office):
    old = register(office, on="2026-04-01")
    register(office, on="2026-11-01", name="王春月", id_number="11010519491231002X",
             content="宅基地纠纷")
    (proposal,) = json.loads(office("backlog", "--propose", "--json").stdout)
    assert proposal["id"] == old and proposal["why"] == ["open_long"]
    assert proposal["days_open"] == 236
    assert json.loads(office("backlog", "--json").stdout) == []
    assert office("policy", "set", "backlog_open_days", "300").exit_code == 0
    assert json.loads(office("backlog", "--propose", "--json").stdout) == []


def test_a_repeat_chain_is_proposed_by_its_latest_case(office):
    for on in ("2026-11-02", "2026-11-09", "2026-11-16"):
        latest = register(office, on=on)
    (proposal,) = json.loads(office("backlog", "--propose", "--json").stdout)
    assert proposal["id"] == latest and proposal["why"] == ["chain"] and proposal["visits"] == 3


def test_the_backlog_chart_month_by_month(office, tmp_path):
    first = led_case(office)
    office("backlog", "add", first, "--reason", "r", "--on", "2026-11-05")
    office("close", first, "--result", "resolved", "--opinion", "o", "--on", "2026-11-10")
    office("backlog", "close", first, "--how", "h", "--on", "2026-11-11")
    months = json.loads(office("backlog", "--chart", "--json", "--as-of", "2026-12-31").stdout)
    assert months == [{"month": "2026-11", "added": 1, "struck_off": 1, "open": 0},
                      {"month": "2026-12", "added": 0, "struck_off": 0, "open": 0}]
    chart = office("backlog", "--chart").stdout
    assert "2026-11  +1   -1      0" in chart

    svg, png = tmp_path / "积案.svg", tmp_path / "积案.png"
    result = office("backlog", "--format", "svg", "--output", svg)
    assert result.exit_code == 0, result.stderr
    assert svg.read_bytes().lstrip().startswith(b"<?xml") and b"<svg" in svg.read_bytes()
    assert office("backlog", "--format", "png", "--output", png).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = office("backlog", "--format", "png", "--output", png)
    assert again.exit_code != 0  # never over an existing file
    assert office("backlog", "--format", "gif", "--output", tmp_path / "x.gif").exit_code == 2


# Joint meetings -----------------------------------------------------------------------------


def test_a_meetings_tasks_are_duties_of_their_units_until_done(office):
    a = accepted_case(office)
    b = accepted_case(office, name="王春月", id_number="11010519491231002X", content="宅基地纠纷")
    assert office("meeting", "refer", a, "--to", "镇联席会议", "--reason", "涉及两个部门",
                  "--on", "2026-11-04").exit_code == 0
    bad = office("meeting", "record", "--on", "2026-11-05", "--body", "镇联席会议",
                 "--cases", a, "--decision", "d", "--task", "县住建局-2026-11-20")
    assert bad.exit_code == 2 and "单位:日期:内容" in bad.stderr
    unknown = office("meeting", "record", "--on", "2026-11-05", "--body", "镇联席会议",
                     "--cases", a, "--decision", "d", "--task", "县住建:2026-11-20:x")
    assert unknown.exit_code == 1 and "县住建局" in unknown.stderr
    assert office("meeting", "record", "--on", "2026-11-05", "--body", "县联席会议",
                  "--cases", a, "--cases", b, "--decision", "住建牵头联合调处",
                  "--task", "县住建局:2026-11-20:拿出维修方案").exit_code == 0
    for number in (a, b):
        (task,) = running(shown(office, number), "task")
        assert task["due_on"] == "2026-11-20" and task["state"] == "overdue"
    report = json.loads(office("report", "overdue", "--format", "json").stdout)
    owed = {(i["id"], i["owed_by"]["name"]) for i in report if i["clock"] == "task"}
    assert owed == {(a, "县住建局"), (b, "县住建局")}
    day = json.loads(office("today", "--json").stdout)
    assert [i["id"] for i in day["tasks"]] == [a, b]
    assert [i["id"] for i in json.loads(office("today", "--unit", "县住建局", "--json").stdout)[
        "tasks"]] == [a, b]
    assert json.loads(office("today", "--unit", "县人社局", "--json").stdout)["tasks"] == []

    assert office("meeting", "done", a, "--unit", "县住建局", "--note", "方案已报").exit_code == 0
    tasks = json.loads(office("report", "stats", "--json").stdout)["figures"]["tasks_on_time"]
    assert (tasks["numerator"], tasks["denominator"]) == (0, 2)  # one done late, one overdue
    assert running(shown(office, a), "task") == []
    again = office("meeting", "done", a, "--unit", "县住建局")
    assert again.exit_code == 1
    assert [i["id"] for i in json.loads(office("today", "--json").stdout)["tasks"]] == [b]


# Mediation ------------------------------------------------------------------------------------


def test_an_agreed_mediation_can_close_the_case(office):
    number = accepted_case(office)
    failed = office("mediate", number, "--place", "镇矛调中心", "--with", "党代表:王春月",
                    "--outcome", "failed", "--close", "--on", "2026-11-05")
    assert failed.exit_code == 1 and "达成协议" in failed.stderr
    result = office("mediate", number, "--place", "镇矛调中心", "--with", "党代表:王春月",
                    "--with", "调解员:李明", "--with", "律师:赵刚", "--outcome", "agreed",
                    "--agreement", "分两期付清", "--close", "--on", "2026-11-05")
    assert result.exit_code == 0, result.stderr
    record = shown(office, number)
    assert record["status"] == "closed" and record["result"] == "mediated"
    mediated, closed = [e for e in record["events"] if e["kind"] in ("mediated", "closed")]
    assert [m["role"] for m in mediated["details"]["members"]] == [
        "party_representative", "mediator", "lawyer"]
    assert closed["details"]["opinion"] == "分两期付清"
    assert office("mediate", number, "--place", "p", "--with", "王春月").exit_code == 1


# Hardship help ----------------------------------------------------------------------------------


def test_assistance_is_given_to_a_person_and_shown_with_their_cases(office):
    number = register(office)
    assert office("assist", "郝丹文", "--measure", "临时救助", "--note", "救助金 2000 元",
                  "--on", "2026-11-10").exit_code == 0
    unknown = office("assist", "无此人", "--measure", "低保")
    assert unknown.exit_code == 1 and "无此人" in unknown.stderr
    assert office("assist", "郝丹文", "--measure", "发钱").exit_code == 2
    (helped,) = shown(office, number)["assistance"]
    assert (helped["measure"], helped["on"], helped["note"]) == ("temporary", "2026-11-10",
                                                                 "救助金 2000 元")
    assert "临时救助" in office("show", number).stdout


# The officer's day ------------------------------------------------------------------------------


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def test_today_gathers_the_days_work_in_80_columns(office):
    own = register(office, on="2026-11-01", content="长" * 60)  # forward due 11-16: overdue
    soon = register(office, on="2026-11-10", name="王春月", id_number="11010519491231002X",
                    content="宅基地纠纷")  # forward due 11-25
    led = led_case(office, name="李明", id_number="110105194912310038", content="土地")
    closed = accepted_case(office, name="赵刚", id_number="110105194912310046", content="补偿")
    office("close", closed, "--result", "resolved", "--opinion", "o", "--on", "2026-11-04")
    day = json.loads(office("today", "--json").stdout)
    assert [i["id"] for i in day["overdue"]] == [own]
    assert [i["id"] for i in day["due_soon"]] == [soon]
    assert [(i["id"], i["owner"]) for i in day["leaders"]] == [(led, "李书记")]
    assert [i["id"] for i in day["followups"]] == [closed]
    text = office("today").stdout
    assert "本办超期 1 项" in text and "包案领导化解时限 1 项" in text and "待回访 1 件" in text
    assert max(columns(line) for line in text.splitlines()) <= 80
    assert office("today", "--as-of", "2026-11-01", "--json").exit_code == 0
    for day in range(21):  # a long list is cut to 20 lines, the rest counted
        register(office, on=f"2026-10-{day + 1:02d}", name=f"张{day}", id_number=None,
                 content=f"事项{day}")
    many = office("today").stdout
    assert "……另有 2 项" in many
    assert len(json.loads(office("today", "--json").stdout)["overdue"]) == 22
    assert office("today", "--unit", "县人社", "--json").exit_code == 1


# The ledger stays sound ---------------------------------------------------------------------------


def test_every_act_of_practice_replays_and_exports(office):
    number = led_case(office)
    office("lead", number, "--progress", "掌握情况")
    office("backlog", "add", number, "--reason", "r")
    office("meeting", "refer", number, "--to", "县联席会议", "--reason", "r")
    office("meeting", "record", "--body", "县联席会议", "--cases", number, "--decision", "d",
           "--task", "县住建局:2026-12-10:x")
    office("meeting", "done", number, "--unit", "县住建局")
    office("lead", number, "--target", "2026-12-31", "--reason", "r")
    office("mediate", number, "--place", "p", "--with", "律师:赵刚", "--outcome", "agreed",
           "--agreement", "a", "--close")
    office("backlog", "close", number, "--how", "h")
    kinds = {e["kind"] for e in shown(office, number)["events"]}
    assert set(lifecycle.PRACTICE) <= kinds
    check = office("check")
    assert check.exit_code == 0, check.stdout + check.stderr
    exported = {e["kind"] for e in json.loads(office("export", "--events", "--json").stdout)}
    assert set(lifecycle.PRACTICE) <= exported
    undone = office("undo", number, "--reason", "销号错了")
    assert undone.exit_code == 0, undone.stderr
    assert "backlog" in shown(office, number)["flags"]
    assert office("check").exit_code == 0


# Follow-up: Naidong's 回诊 and the two evaluations ------------------------------------------


def closed_case(run, **kwargs):
    number = accepted_case(run, **kwargs)
    assert run("close", number, "--result", "resolved", "--opinion", "已补发",
               "--on", "2026-11-04").exit_code == 0
    return number


def test_a_followup_records_the_five_checks_and_two_evaluations(office):
    number = closed_case(office)
    assert [i["id"] for i in json.loads(office("today", "--json").stdout)["followups"]] == [number]
    result = office("followup", number, "--result-true", "--request-met", "--not-carried-out",
                    "--unit-rating", "基本满意", "--office-rating", "满意", "--on", "2026-11-10")
    assert result.exit_code == 0, result.stderr
    record = shown(office, number)
    (event,) = [e for e in record["events"] if e["kind"] == "followed_up"]
    assert event["details"]["checks"] == {"result_true": True, "request_met": True,
                                          "carried_out": False, "satisfied": True}
    assert (event["details"]["unit_rating"], event["details"]["office_rating"]) == (
        "basic", "satisfied")
    assert record["satisfaction"] == "basic"  # the unit's rating stands for it
    assert json.loads(office("today", "--json").stdout)["followups"] == []
    assert "意见已落实 否" in office("show", number).stdout
    figures = json.loads(office("report", "stats", "--json").stdout)["figures"]
    assert (figures["unit_satisfaction"]["numerator"],
            figures["unit_satisfaction"]["denominator"]) == (1, 1)
    assert (figures["office_satisfaction"]["numerator"],
            figures["office_satisfaction"]["denominator"]) == (1, 1)


def test_an_unhappy_office_rating_counts_against_the_office_only(office):
    a = closed_case(office)
    b = closed_case(office, name="王春月", id_number="11010519491231002X", content="宅基地纠纷")
    office("followup", a, "--unit-rating", "满意", "--office-rating", "不满意")
    office("followup", b, "--unit-rating", "不满意")
    figures = json.loads(office("report", "stats", "--json").stdout)["figures"]
    assert (figures["unit_satisfaction"]["numerator"],
            figures["unit_satisfaction"]["denominator"]) == (1, 2)
    assert (figures["office_satisfaction"]["numerator"],
            figures["office_satisfaction"]["denominator"]) == (0, 1)


def test_another_request_is_offered_as_a_new_linked_case(office, monkeypatch):
    number = closed_case(office)
    told = office("followup", number, "--satisfaction", "满意", "--other-request", "要求补缴社保")
    assert told.exit_code == 0 and "xinfang register" in told.stderr
    (event,) = [e for e in shown(office, number)["events"] if e["kind"] == "followed_up"]
    assert event["details"]["checks"]["other_request"] is True
    assert len(json.loads(office("list", "--json").stdout)) == 1  # nothing registered silently

    monkeypatch.setattr("xinfang.commands.options.interactive", lambda: True)
    asked = office("followup", number, "--satisfaction", "满意", "--other-request", "要求补缴社保",
                   input="是\n")
    assert asked.exit_code == 0, asked.stderr
    cases = json.loads(office("list", "--json").stdout)
    (new,) = [c for c in cases if c["id"] != number]
    assert new["content"] == "要求补缴社保" and new["repeat_of"] is None
    (registered,) = [e for e in shown(office, new["id"])["events"] if e["kind"] == "registered"]
    assert registered["details"]["source"] == {"followup_of": number}
    assert [p["name"] for p in new["people"]] == ["郝丹文"]


# Intake: source, 首接首办, purpose; the office's own target -----------------------------------


def test_a_hotline_petition_with_its_ticket_and_first_receiver(office):
    missing = office("register", "--name", "郝丹文", "--source", "12345热线", "--content", "x")
    assert missing.exit_code == 2 and "工单号" in missing.stderr
    result = office("register", "--name", "郝丹文", "--source", "12345热线", "--ticket",
                    "GT-2026-1188", "--received-by", "李书记", "--purpose", "求决",
                    "--content", "路灯不亮", "--json")
    assert result.exit_code == 0, result.stderr
    number = json.loads(result.stdout)["id"]
    record = shown(office, number)
    assert record["channel"] == "phone"  # a hotline call, when no channel is given
    assert record["intake"] == {"origin": "hotline", "received_by": "李书记",
                                "ticket": "GT-2026-1188", "purpose": "request"}
    screen = office("show", number).stdout
    assert "首接首办  李书记" in screen and "12345热线" in screen
    plain = office("register", "--name", "王春月", "--source", "下访", "--content", "y", "--json")
    (registered,) = [e for e in shown(office, json.loads(plain.stdout)["id"])["events"]
                     if e["kind"] == "registered"]
    assert registered["details"]["source"] == {"origin": "outreach", "received_by": "测试员"}
    assert office("register", "--name", "x", "--source", "飞鸽", "--content", "z").exit_code == 2


def test_an_accusation_proposes_confidential(office, monkeypatch):
    told = office("register", "--name", "郝丹文", "--channel", "来信", "--purpose", "揭发控告",
                  "--content", "村干部侵占补偿款", "--json")
    assert "--confidential" in told.stderr
    assert shown(office, json.loads(told.stdout)["id"])["confidential"] is False
    monkeypatch.setattr("xinfang.commands.cases.interactive", lambda: True)
    asked = office("register", "--name", "王春月", "--channel", "来信", "--purpose", "检举控告",
                   "--content", "村干部侵占补偿款", "--not-repeat", input="是\n")
    assert asked.exit_code == 0, asked.stderr
    (case,) = [c for c in json.loads(office("list", "--json").stdout) if c["confidential"]]
    assert case["content"] != "村干部侵占补偿款"  # withheld in lists


def test_the_office_target_is_shown_counted_and_never_the_statutory_deadline(office):
    quick = accepted_case(office)
    slow = accepted_case(office, name="王春月", id_number="11010519491231002X", content="宅基地")
    waiting = register(office, on="2026-11-12", name="李明", id_number="110105194912310038",
                       content="土地")
    office("close", quick, "--result", "resolved", "--opinion", "o", "--on", "2026-11-10")
    office("close", slow, "--result", "resolved", "--opinion", "o", "--on", "2026-11-20")
    assert shown(office, quick)["office_target"] is None  # no target set
    assert json.loads(office("report", "stats", "--json").stdout)["figures"][
        "office_target"]["rate"] is None
    assert office("policy", "set", "office_target_days", "15").exit_code == 0
    figure = json.loads(office("report", "stats", "--json").stdout)["figures"]["office_target"]
    assert (figure["numerator"], figure["denominator"]) == (1, 2)
    assert shown(office, quick)["office_target"] == {"days": 15, "due_on": "2026-11-17",
                                                     "met": True}
    assert shown(office, slow)["office_target"]["met"] is False
    record = shown(office, waiting)
    assert record["office_target"] == {"days": 15, "due_on": "2026-11-27", "days_left": 4}
    (forward,) = running(record, "forward")
    assert forward["due_on"] == "2026-11-27"  # the statutory clock, as ever (15 days)
    day = json.loads(office("today", "--as-of", "2026-11-25", "--json").stdout)
    assert [i["id"] for i in day["office_target"]] == [waiting]
    assert "本办目标即将到期 1 件" in office("today", "--as-of", "2026-11-25").stdout


def test_an_escalated_case_stays_under_its_unit_and_says_where_it_went(office):
    number = accepted_case(office)
    office("unit", "add", "县信访局", "--level", "县区")
    office("escalate", number, "--to", "县信访局", "--reason", "久拖", "--on", "2026-11-04")
    office("lead", number, *SIX, "--on", "2026-11-05")
    text = office("report", "overdue", "--as-of", "2027-01-10").stdout
    unit_part = text.split("【县人社局】", 1)[1].split("【", 1)[0]
    assert "办理" in unit_part and "已上报 县信访局" in unit_part and "承办：县信访局" not in text
    leader_part = text.split("【包案领导 李书记】", 1)[1]
    assert "包案化解" in leader_part and "责任单位：县人社局" in leader_part


def test_a_repeat_after_a_final_recheck_is_proposed(office):
    number = accepted_case(office)
    for args in (("close", number, "--result", "unsupported", "--opinion", "o", "--on", "2026-11-04"),
                 ("review", number, "request", "--on", "2026-11-05"),
                 ("review", number, "conclude", "--on", "2026-11-06"),
                 ("recheck", number, "request", "--on", "2026-11-07"),
                 ("recheck", number, "conclude", "--on", "2026-11-08")):
        result = office(*args)
        assert result.exit_code == 0, (args, result.stderr)
    assert shown(office, number)["status"] == "final"
    back = register(office, on="2026-11-20", content="工地拖欠工资三个月，再次反映")
    (proposal,) = json.loads(office("backlog", "--propose", "--json").stdout)
    assert proposal["id"] == back and proposal["why"] == ["after_final"]
    assert "复核终结后仍来访" in office("backlog", "--propose").stdout


def test_deadline_says_who_set_a_leaders_and_a_meetings_date(office):
    number = led_case(office)
    office("meeting", "record", "--on", "2026-11-05", "--body", "镇联席会议", "--cases", number,
           "--decision", "d", "--task", "县住建局:2026-12-10:x")
    text = office("deadline", number).stdout
    assert "领导包案“六定”时定的化解时限" in text and "联席会议分工时定的任务期限" in text


def test_without_a_chinese_font_the_picture_is_in_english_and_says_what_to_install(
        office, tmp_path, monkeypatch):
    number = led_case(office)
    office("backlog", "add", number, "--reason", "r")
    monkeypatch.setattr("xinfang.render.picture.cjk_font", lambda: None)
    result = office("backlog", "--format", "svg", "--output", tmp_path / "c.svg")
    assert result.exit_code == 0 and "fonts-noto-cjk" in result.stderr
    from xinfang.render import picture

    history = [type("Month", (), {"month": "2026-11", "added": 1, "struck_off": 0, "open": 1})]
    english, font = picture.chart(history, "svg", "zh")
    assert font is None and english == (tmp_path / "c.svg").read_bytes()


def test_stats_gives_the_six_figures_then_those_of_practice(office):
    from xinfang.reports import FIGURES, PRACTICE_FIGURES

    figures = json.loads(office("report", "stats", "--definitions", "clock",
                                "--json").stdout)["figures"]
    assert list(figures) == [*FIGURES, *PRACTICE_FIGURES]
    by_case = json.loads(office("report", "stats", "--json").stdout)["figures"]
    assert list(by_case)[-len(PRACTICE_FIGURES):] == list(PRACTICE_FIGURES)
    assert len(FIGURES) == 6  # the workbooks of figures keep to the six


def test_the_export_names_the_leader_of_a_leaders_case(office, tmp_path):
    import csv

    number = led_case(office)
    plain = register(office, name="李四", content="路灯不亮")
    out = tmp_path / "cases.csv"
    assert office("export", "-o", out).exit_code == 0
    rows = {row["案件编号"]: row for row in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert rows[number]["包案领导"] == "李书记"
    assert rows[plain]["包案领导"] == ""
