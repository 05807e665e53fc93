"""The procedure around the dates, exactly as the 2022 信访工作条例 says it (issue 16).
Each test quotes the article it holds the ledger to. Expected dates are counted by hand
from the official calendar (2025 and 2026 schedules), never by the code under test.

Calendar facts used: 2026-08-30 and 2026-12-20 are Sundays; 2025-04-23 is a Wednesday;
2025-04-27 is a Sunday and a make-up working day (Labour Day 2025: 05-01 … 05-05 rest).
"""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang import acts, reports
from xinfang.cases.intake import make_intake, make_person
from xinfang.cases.lifecycle import ExtensionAfterPeriod, SatisfactionBeforeClose
from xinfang.errors import BadAct
from xinfang.maintenance import check
from xinfang.store import writer
from xinfang.store.ledger import Ledger

D = dt.date.fromisoformat
OFFICER = "王专干"


@pytest.fixture
def office(ledger: Ledger) -> Ledger:
    for name in ("人社局", "住建局", "县信访局", "市信访局"):
        writer.add_unit(ledger, name, "县区")
    return ledger


def register(ledger: Ledger, on: str, name: str = "张三") -> str:
    intake = make_intake(channel="来访", content="工地拖欠工资", received_on=D(on),
                         today=ledger.today, people=[make_person(name)])
    return acts.register(ledger, intake, officer="登记员", not_repeat=True).number


def accepted_on(ledger: Ledger, day: str) -> str:
    number = register(ledger, (D(day) - dt.timedelta(days=3)).isoformat())
    acts.forward(ledger, number, "人社局", officer=OFFICER, on=D(day) - dt.timedelta(days=1))
    acts.accept(ledger, number, officer=OFFICER, on=D(day))
    return number


def clock(ledger: Ledger, number: str, code: str):
    return [c for c in ledger.stored_state(ledger.find_case(number)).clocks
            if c.clock == code][-1]


def close(ledger: Ledger, number: str, on: str) -> None:
    acts.close(ledger, number, "resolved", "已督促企业补发工资", officer=OFFICER, on=D(on))


# Art 34: extension only while the handling period runs -----------------------------------


def test_an_extension_after_the_handling_period_ended_is_refused_naming_the_day(office):
    """Art 34: 情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限 — the period that is
    extended is the one still running: accepted 07-01, due 08-31 (08-30 is a Sunday)."""
    number = accepted_on(office, "2026-07-01")
    assert clock(office, number, "handle").due_on == D("2026-08-31")
    count = len(office.events(office.find_case(number)))
    with pytest.raises(ExtensionAfterPeriod) as refused:
        acts.extend(office, number, 10, "需要现场勘查", "王局长", officer=OFFICER,
                    on=D("2026-09-03"))
    assert "2026-08-31" in refused.value.message("zh")
    assert "--late-approval" in refused.value.message("zh")
    assert len(office.events(office.find_case(number))) == count
    assert clock(office, number, "handle").due_on == D("2026-08-31")


def test_a_late_approval_is_recorded_and_never_makes_the_close_on_time(office):
    """Art 34: 延长期限不得超过30日 — of a period that runs; one approved after it ended is
    history, not a new period: the close on 09-04 stays late, and the figure says 0 of 1."""
    number = accepted_on(office, "2026-07-01")
    event = acts.extend(office, number, 10, "需要现场勘查", "王局长", officer=OFFICER,
                        on=D("2026-09-03"), late_approval=True)
    assert event["details"]["late_approval"] is True
    handle = clock(office, number, "handle")
    assert handle.due_on == D("2026-08-31")
    assert "late_extension" in office.stored_state(office.find_case(number)).flags
    close(office, number, "2026-09-04")
    assert clock(office, number, "handle").late
    # By case (the handling that began in July) and by clock (closes in September) alike.
    figure = reports.stats(office, D("2026-07-01"), D("2026-07-31"))["figures"]
    assert (figure["on_time_closing.unit"]["numerator"],
            figure["on_time_closing.unit"]["denominator"]) == (0, 1)
    assert figure["on_time_closing.unit"]["counts"] == {"late": 1}
    figure = reports.stats(office, D("2026-09-01"), D("2026-09-30"),
                           definitions="clock")["figures"]
    assert (figure["on_time_closing"]["numerator"],
            figure["on_time_closing"]["denominator"]) == (0, 1)
    assert check(office) == []


def test_an_extension_within_the_period_still_moves_the_due_date(office):
    number = accepted_on(office, "2026-07-01")
    acts.extend(office, number, 10, "需要现场勘查", "王局长", officer=OFFICER,
                on=D("2026-08-31"))  # the period's last day: still running
    assert clock(office, number, "handle").due_on == D("2026-09-09")  # 07-01 + 70


def test_the_cli_refuses_a_late_extension_in_chinese_and_records_it_with_the_flag(office, run):
    number = accepted_on(office, "2026-07-01")
    args = ["extend", number, "--days", "10", "--reason", "需要现场勘查", "--approved-by",
            "王局长", "--on", "2026-09-03"]
    refused = run(*args)
    assert refused.exit_code == 1
    assert "2026-08-31" in refused.stderr and "第三十四条" in refused.stderr
    assert "Traceback" not in refused.stderr
    recorded = run(*args, "--late-approval")
    assert recorded.exit_code == 0, recorded.stderr
    assert clock(office, number, "handle").due_on == D("2026-08-31")


# Art 36: hearings lie within the recheck and do not overlap ---------------------------------


def recheck_requested_on(ledger: Ledger, day: str) -> str:
    number = accepted_on(ledger, "2025-01-06")
    close(ledger, number, "2025-02-10")
    acts.review(ledger, number, "request", officer=OFFICER, on=D("2025-02-20"))
    acts.review(ledger, number, "conclude", officer=OFFICER, on=D("2025-03-10"))
    acts.recheck(ledger, number, "request", officer=OFFICER, on=D(day))
    return number


def test_a_hearing_before_the_recheck_request_is_refused(office):
    """Art 36: 复核机关可以按照有关规定举行听证…听证所需时间不计算在前款规定的期限内 — the
    hearing is the recheck's: requested 03-24, a hearing from 03-10 is refused."""
    number = recheck_requested_on(office, "2025-03-24")
    with pytest.raises(BadAct) as refused:
        acts.recheck(office, number, "hearing", officer=OFFICER, hearing_from=D("2025-03-10"),
                     hearing_to=D("2025-03-16"), on=D("2025-03-25"))
    assert "2025-03-24" in refused.value.message("zh")
    assert clock(office, number, "recheck").due_on == D("2025-04-23")  # 03-24 + 30


def test_a_hearing_recorded_before_the_request_adds_no_days_in_a_replay(office):
    """The same hearing already in a ledger (recorded before this rule) counts only its
    days within the recheck: due 04-23, not 04-30."""
    number = recheck_requested_on(office, "2025-03-24")
    case_id = office.find_case(number)
    writer.append(office, case_id, "recheck_hearing", D("2025-03-25"), OFFICER,
                  {"from": "2025-03-10", "to": "2025-03-16"})
    assert office.replayed_state(case_id).running("recheck").due_on == D("2025-04-23")
    assert clock(office, number, "recheck").due_on == D("2025-04-23")


def test_overlapping_hearings_are_refused_and_counted_once_in_a_replay(office):
    """Art 36: 听证所需时间 — the time of the hearings, each day once."""
    number = recheck_requested_on(office, "2025-03-24")
    acts.recheck(office, number, "hearing", officer=OFFICER, hearing_from=D("2025-03-31"),
                 hearing_to=D("2025-04-02"))
    # 03-24 + 33 = 04-26; 04-27 (Sunday) is a make-up working day of 2025's Labour Day.
    assert clock(office, number, "recheck").due_on == D("2025-04-27")
    with pytest.raises(BadAct) as refused:
        acts.recheck(office, number, "hearing", officer=OFFICER, hearing_from=D("2025-04-02"),
                     hearing_to=D("2025-04-03"))
    assert "2025-03-31" in refused.value.message("zh")
    # Recorded all the same by an older xinfang: the day they share counts once.
    case_id = office.find_case(number)
    writer.append(office, case_id, "recheck_hearing", D("2025-04-03"), OFFICER,
                  {"from": "2025-04-02", "to": "2025-04-03"})
    # 3 days and 1 new one (04-03): 4, not 5.
    assert office.replayed_state(case_id).running("recheck").extra_days == 4


def test_a_conclusion_before_the_hearing_ends_is_refused(office):
    """Art 36: the conclusion comes after the hearing it rests on."""
    number = recheck_requested_on(office, "2025-03-24")
    acts.recheck(office, number, "hearing", officer=OFFICER, hearing_from=D("2025-04-07"),
                 hearing_to=D("2025-04-09"))
    with pytest.raises(BadAct) as refused:
        acts.recheck(office, number, "conclude", officer=OFFICER, on=D("2025-04-08"))
    assert "2025-04-09" in refused.value.message("zh")
    acts.recheck(office, number, "conclude", officer=OFFICER, on=D("2025-04-10"))
    assert office.stored_state(office.find_case(number)).status == "final"


def test_a_replacing_hearing_may_cover_the_days_of_the_one_it_replaces(office):
    number = recheck_requested_on(office, "2025-03-24")
    acts.recheck(office, number, "hearing", officer=OFFICER, hearing_from=D("2025-03-31"),
                 hearing_to=D("2025-04-04"))
    acts.recheck(office, number, "hearing", officer=OFFICER, hearing_from=D("2025-03-31"),
                 hearing_to=D("2025-04-01"), replace=True, on=D("2025-04-07"))
    assert clock(office, number, "recheck").extra_days == 2
    assert check(office) == []


# Report-by dates on a rest day ---------------------------------------------------------------


def test_a_report_by_date_on_a_rest_day_is_due_the_next_working_day(office):
    """Civil Code Art 203 (期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后
    一日), applied to the date an assignment sets: 12-20 (Sunday) → 12-21."""
    number = register(office, "2026-11-16")
    event = acts.forward(office, number, "人社局", officer=OFFICER, on=D("2026-11-17"),
                         assign=True, report_by=D("2026-12-20"))
    assert event["details"]["report_by"] == "2026-12-21"
    assert event["details"]["report_by_given"] == "2026-12-20"
    assert clock(office, number, "report").due_on == D("2026-12-21")


def test_a_report_by_date_on_a_working_day_is_kept_as_given(office):
    number = register(office, "2026-11-16")
    event = acts.forward(office, number, "人社局", officer=OFFICER, on=D("2026-11-17"),
                         assign=True, report_by=D("2026-12-18"))
    assert event["details"] == {"unit": "人社局", "report_by": "2026-12-18"}


# 当场办结 and 本办自行办结 ---------------------------------------------------------------------


def test_a_close_on_the_day_of_registration_is_on_the_spot(office):
    number = register(office, "2026-11-02")
    close(office, number, "2026-11-02")
    flags = office.stored_state(office.find_case(number)).flags
    assert "on_the_spot" in flags and "closed_by_office" not in flags


def test_a_close_by_the_office_on_a_later_day_is_not_on_the_spot(office):
    number = register(office, "2026-11-02")
    close(office, number, "2026-11-03")
    flags = office.stored_state(office.find_case(number)).flags
    assert "closed_by_office" in flags and "on_the_spot" not in flags
    assert check(office) == []


# Satisfaction comes after the written reply ---------------------------------------------------


def test_a_satisfaction_before_the_close_is_refused(office):
    number = accepted_on(office, "2026-08-01")
    with pytest.raises(SatisfactionBeforeClose):
        acts.followup(office, number, officer=OFFICER, satisfaction="满意", on=D("2026-08-05"))
    # The contact itself may be recorded.
    acts.followup(office, number, officer=OFFICER, unreachable=True, on=D("2026-08-05"))
    assert office.stored_state(office.find_case(number)).satisfaction is None


def test_the_first_satisfaction_after_the_close_is_the_one_shown_and_counted(office):
    """The evaluation window (评价期) ends with the first satisfaction given after the
    close: a later follow-up is a record of the contact, not a second evaluation."""
    number = accepted_on(office, "2026-08-01")
    close(office, number, "2026-09-01")
    acts.followup(office, number, officer=OFFICER, satisfaction="不满意", on=D("2026-09-05"))
    acts.followup(office, number, officer=OFFICER, satisfaction="满意", on=D("2026-09-10"))
    state = office.stored_state(office.find_case(number))
    assert state.satisfaction == "unsatisfied"
    figures = reports.stats(office, D("2026-09-01"), D("2026-09-30"))["figures"]
    assert (figures["satisfaction"]["numerator"], figures["satisfaction"]["denominator"]) == (0, 1)
    assert check(office) == []


# Arts 35, 36: review and recheck bodies, and their conclusions ------------------------------


def closed_on(ledger: Ledger, day: str) -> str:
    number = accepted_on(ledger, "2026-08-03")
    close(ledger, number, day)
    return number


def test_a_review_is_filed_under_the_review_body_not_the_handling_unit(office):
    """Art 35: 信访人对信访事项处理意见不服的，可以自收到书面答复之日起30日内请求原办理
    机关、单位的上一级机关、单位复查 — the review is the higher body's duty: overdue, it is
    listed under 县信访局, not under 人社局 which handled the matter."""
    number = closed_on(office, "2026-09-01")
    acts.review(office, number, "request", officer=OFFICER, on=D("2026-09-10"), body="县信访局")
    # 09-10 + 30 = 10-10, a make-up working day of 2026's National Day.
    report = reports.overdue(office, D("2026-10-20"))
    (item,) = [i for i in report["overdue"] if i["id"] == number]
    assert (item["clock"], item["unit"]) == ("review", "县信访局")
    assert [i["id"] for i in reports.overdue(office, D("2026-10-20"), unit="县信访局")["overdue"]] \
        == [number]
    assert reports.overdue(office, D("2026-10-20"), unit="人社局")["overdue"] == []
    assert reports.filed_under(office, office.find_case(number), "review") == "县信访局"
    state = office.stored_state(office.find_case(number))
    assert (state.holder_kind, state.holder) == ("unit", "县信访局")
    assert state.unit == "人社局"  # the unit that handled the matter stays on record
    assert check(office) == []


def test_a_recheck_is_filed_under_the_recheck_body(office):
    """Art 36: 信访人对复查意见不服的，可以自收到书面答复之日起30日内向复查机关、单位的
    上一级机关、单位请求复核."""
    number = closed_on(office, "2026-09-01")
    acts.review(office, number, "request", officer=OFFICER, on=D("2026-09-10"), body="县信访局")
    acts.review(office, number, "conclude", officer=OFFICER, on=D("2026-09-20"),
                outcome="维持", opinion="原处理意见正确")
    acts.recheck(office, number, "request", officer=OFFICER, on=D("2026-09-25"), body="市信访局")
    (item,) = [i for i in reports.overdue(office, D("2026-11-20"))["overdue"]
               if i["id"] == number]
    assert (item["clock"], item["unit"]) == ("recheck", "市信访局")


def test_a_body_not_in_the_unit_list_is_refused(office):
    from xinfang.errors import UnknownUnit

    number = closed_on(office, "2026-09-01")
    with pytest.raises(UnknownUnit):
        acts.review(office, number, "request", officer=OFFICER, on=D("2026-09-10"),
                    body="省信访局")


def test_conclusions_record_the_outcome_and_the_opinion(office):
    """Art 35 and 36: the body 维持、撤销或者变更 the opinion; a recheck may also 确认 it."""
    number = closed_on(office, "2026-09-01")
    acts.review(office, number, "request", officer=OFFICER, on=D("2026-09-10"), body="县信访局")
    with pytest.raises(Exception) as refused:
        acts.review(office, number, "conclude", officer=OFFICER, on=D("2026-09-20"),
                    outcome="确认")  # 确认 is a recheck's
    assert "确认" in refused.value.message("zh")
    event = acts.review(office, number, "conclude", officer=OFFICER, on=D("2026-09-20"),
                        outcome="变更", opinion="补发两个月工资")
    assert event["details"] == {"outcome": "changed", "opinion": "补发两个月工资"}
    acts.recheck(office, number, "request", officer=OFFICER, on=D("2026-09-25"), body="市信访局")
    event = acts.recheck(office, number, "conclude", officer=OFFICER, on=D("2026-10-12"),
                         outcome="confirmed", opinion="复查意见正确")
    assert event["details"]["outcome"] == "confirmed"


def test_review_request_and_conclusion_on_the_command_line(office, run):
    number = closed_on(office, "2026-09-01")
    ok = run("review", number, "request", "--body", "县信访局", "--on", "2026-09-10")
    assert ok.exit_code == 0, ok.stderr
    done = run("review", number, "conclude", "--outcome", "撤销", "--opinion", "重新办理",
               "--on", "2026-09-20")
    assert done.exit_code == 0, done.stderr
    shown = run("show", number)
    assert "县信访局" in shown.stdout and "撤销" in shown.stdout
    wrong = run("review", number, "conclude", "--body", "县信访局")
    assert wrong.exit_code != 0 and "Traceback" not in wrong.stderr


# Written replies and their delivery (Arts 23, 34–36) -----------------------------------------


def test_the_review_window_runs_from_the_delivery_of_the_opinion(office):
    """Art 35: 自收到书面答复之日起30日内 — from the petitioner's receipt. Closed 09-01, the
    window runs from the close (due 10-08: 10-01 is a holiday) until the delivery on 09-15
    is recorded; then from 09-15 (due 10-15)."""
    number = closed_on(office, "2026-09-01")
    assert clock(office, number, "review_request").due_on == D("2026-10-08")
    record = queries_record(office, number)
    assert record["windows"] == [{"clock": "review_request", "on": "2026-09-01",
                                  "act": "closed", "basis": "reply"}]
    event = acts.deliver(office, number, "opinion", "邮寄", officer=OFFICER, on=D("2026-09-15"))
    assert event["kind"] == "delivered"
    assert event["details"] == {"what": "opinion", "method": "post", "on": "2026-09-15"}
    window = clock(office, number, "review_request")
    assert (window.started_on, window.due_on) == (D("2026-09-15"), D("2026-10-15"))
    record = queries_record(office, number)
    assert record["deliveries"] == [{"what": "opinion", "method": "post", "on": "2026-09-15"}]
    assert record["windows"][0]["basis"] == "delivery"
    # A request on 10-12 is in time counted from the receipt (from the close it was not).
    acts.review(office, number, "request", officer=OFFICER, on=D("2026-10-12"))
    assert "late_review_request" not in office.stored_state(office.find_case(number)).flags
    assert check(office) == []


def test_the_recheck_window_runs_from_the_delivery_of_the_review_opinion(office):
    """Art 36: 信访人对复查意见不服的，可以自收到书面答复之日起30日内…请求复核."""
    number = closed_on(office, "2026-09-01")
    acts.review(office, number, "request", officer=OFFICER, on=D("2026-09-10"))
    acts.review(office, number, "conclude", officer=OFFICER, on=D("2026-09-20"))
    acts.deliver(office, number, "review", "直接送达", officer=OFFICER, on=D("2026-09-22"))
    window = clock(office, number, "recheck_request")
    assert (window.started_on, window.due_on) == (D("2026-09-22"), D("2026-10-22"))


def test_a_delivery_of_a_document_not_yet_written_or_before_it_is_refused(office):
    number = accepted_on(office, "2026-08-03")
    with pytest.raises(BadAct):
        acts.deliver(office, number, "opinion", "邮寄", officer=OFFICER, on=D("2026-08-20"))
    close(office, number, "2026-09-01")
    with pytest.raises(BadAct) as refused:
        acts.deliver(office, number, "opinion", "邮寄", officer=OFFICER, on=D("2026-08-31"))
    assert "2026-09-01" in refused.value.message("zh")


def test_deliveries_may_be_recorded_after_later_acts_and_show_lists_them(office, run):
    number = accepted_on(office, "2026-08-03")
    acts.extend(office, number, 10, "需要现场勘查", "王局长", officer=OFFICER,
                on=D("2026-08-20"))
    close(office, number, "2026-09-01")
    # The extension's notice, delivered before the close, recorded afterwards.
    result = run("deliver", number, "--what", "extension", "--on", "2026-08-22",
                 "--method", "电子")
    assert result.exit_code == 0, result.stderr
    shown = run("show", number)
    assert "延期告知书" in shown.stdout and "2026-08-22" in shown.stdout
    assert "尚未记录送达" in shown.stdout
    bad = run("deliver", number, "--what", "opinion", "--on", "2026-09-02", "--method", "飞鸽")
    assert bad.exit_code != 0 and "送达方式" in bad.stderr


def queries_record(ledger: Ledger, number: str):
    from xinfang.store import queries

    return queries.case_record(ledger, ledger.find_case(number))


# A new year's official schedule -----------------------------------------------------------


def test_a_years_schedule_entered_at_once_publishes_the_year_and_moves_open_deadlines(office):
    """The State Council's notice (国务院办公厅关于2027年部分节假日安排的通知) entered whole:
    2027 is published from then on and running clocks follow. Registered 12-17, the
    forward clock ends 2027-01-01, a rest day: 01-04 by the estimate; 01-05 once the
    notice makes 01-04 a rest day too."""
    from xinfang.store import queries, settings

    number = register(office, "2026-11-18")
    case_id = office.find_case(number)
    assert not office.calendar.is_published(2027)
    assert office.year_source(2027)["from"] == "estimated"
    settings.enter_year(office, 2027, [D("2027-01-01") + dt.timedelta(days=n) for n in range(4)],
                        [D("2027-01-09")], "国办发明电〔2026〕1号", "测试员")
    assert office.calendar.is_published(2027)
    assert office.year_source(2027) == {"year": 2027, "from": "entered",
                                        "source": "国办发明电〔2026〕1号"}
    assert office.calendar.is_working_day(D("2027-01-09"))  # a Saturday made a working day
    assert not office.calendar.is_working_day(D("2027-01-04"))
    assert queries.case_record(office, case_id)["unpublished_years"] == []
    assert check(office) == []


def test_a_local_rest_day_moves_every_running_clock_overdue_ones_too(office):
    """What `calendar --add-rest` says it does: every clock still running (an overdue one
    too) is counted again; a stopped one keeps its due date."""
    from xinfang.store import settings

    late = register(office, "2026-10-20", "李四")  # forward due 11-04, overdue on 11-23
    stopped = register(office, "2026-10-20", "王五")
    acts.forward(office, stopped, "人社局", officer=OFFICER, on=D("2026-10-21"))
    settings.add_override(office, D("2026-11-04"), False, "县里统一停电", "测试员")
    assert clock(office, late, "forward").due_on == D("2026-11-05")
    assert clock(office, stopped, "forward").due_on == D("2026-11-04")


def test_a_forward_clock_into_the_new_year_moves_when_the_notice_is_entered(office):
    from xinfang.store import settings

    office.today = D("2026-12-20")
    number = register(office, "2026-12-17")
    assert clock(office, number, "forward").due_on == D("2027-01-04")  # 01-01 estimated
    settings.enter_year(office, 2027, [D("2027-01-01"), D("2027-01-04")], [],
                        "国办发明电〔2026〕1号", "测试员")
    assert clock(office, number, "forward").due_on == D("2027-01-05")


def test_the_holidays_schedule_that_differs_is_reported_never_taken_over(office):
    """An office's entry for a year `holidays` has published: the entry stands, and
    every day where the two differ is listed."""
    from xinfang.store import settings

    settings.enter_year(office, 2026, [D("2026-10-01"), D("2026-10-02")], [D("2026-10-10")],
                        "国办发明电〔2025〕7号", "测试员")
    differs = settings.year_differences(office, 2026)
    assert differs["rest_only_holidays"][:2] == ["2026-01-01", "2026-01-02"]
    assert differs["rest_only_entered"] == []
    assert differs["work_only_entered"] == []
    assert "2026-09-20" in differs["work_only_holidays"]
    assert office.calendar.is_working_day(D("2026-10-05"))  # the entry stands


def test_a_schedule_from_a_small_file_on_the_command_line(office, run, tmp_path):
    notice = tmp_path / "2027.txt"
    notice.write_text("# 国务院办公厅通知\nsource 国办发明电〔2026〕1号\nrest 2027-01-01..2027-01-03\n"
                      "rest 2027-02-06..2027-02-13\nwork 2027-02-20\n", encoding="utf-8")
    result = run("calendar", "year", "2027", "--file", str(notice))
    assert result.exit_code == 0, result.stderr
    assert "11 天" in result.stderr and "国办发明电〔2026〕1号" in result.stderr
    shown = run("calendar", "--year", "2027")
    assert "尚未公布" not in shown.stdout + shown.stderr
    assert "本办按通知录入" in shown.stderr
    bad = tmp_path / "bad.txt"
    bad.write_text("rest 2027-01-01\nholiday 2027-02-01\n", encoding="utf-8")
    refused = run("calendar", "year", "2027", "--file", str(bad), "--source", "x")
    assert refused.exit_code == 1 and "第 2 行" in refused.stderr
    weekday = run("calendar", "year", "2027", "--rest", "2027-01-01", "--work", "2027-01-05",
                  "--source", "x")
    assert weekday.exit_code == 1 and "周六或周日" in weekday.stderr
    nosource = run("calendar", "year", "2027", "--rest", "2027-01-01")
    assert nosource.exit_code == 1 and "--source" in nosource.stderr
