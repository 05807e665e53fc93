"""Reports over a temporary ledger: the overdue report (boundary days, holidays,
extensions, policy and calendar changes, windows, due soon, grouping, escalation), repeat
petitions at registration and over the whole ledger, collective and major visits, and the
office's figures with their numerators and denominators."""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang import acts, demo, reports
from xinfang.cases.intake import make_intake, make_person
from xinfang.deadlines import clocks
from xinfang.errors import UnknownUnit
from xinfang.store import queries, settings, writer
from xinfang.store.ledger import Ledger
from xinfang.store.queries import Filters, case_record, list_cases

D = dt.date
TODAY = D(2026, 11, 23)
OFFICER = "测试员"
IDS = ["11010519491231002X", "371526196601318579", "110105198001010016",
       "371526197003150029", "320102198511200039", "440301199007070040",
       "51010719751212005X", "610103198810080060", "42010219660606007X"]
ID_A = IDS[0]
PHONE = "13812345678"
WAGES = "工地拖欠农民工工资"
# Distinct matters, so cases of different people never look alike.
MATTERS = ["工地拖欠农民工工资", "违章建筑影响采光", "养殖场污水直排", "土地承包合同纠纷",
           "低保资格被取消", "小区物业乱收费", "学校食堂卫生差", "拆迁安置房迟迟不交付",
           "企业噪音扰民严重"]


def register(ledger: Ledger, received: dt.date, *, person: int = 0, content: str | None = None,
             category: str = "劳动社保", people=None, headcount: int = 1, flags=None,
             **options) -> str:
    """Register a petition of person `person` (an ID number), by default about their own
    matter."""
    if people is None:
        people = [make_person(f"信访人{person}", IDS[person], None)]
    intake = make_intake(channel="来访", content=content or MATTERS[person], received_on=received,
                         today=ledger.today, people=people, category=category,
                         headcount=headcount, flags=flags)
    return acts.register(ledger, intake, officer=OFFICER, **options).number


@pytest.fixture
def units(ledger):
    for name in ("人社局", "住建局", "县信访局"):
        writer.add_unit(ledger, name, "县区")
    return ledger


def forward(ledger, number, unit, on):
    acts.forward(ledger, number, unit, officer=OFFICER, on=on)


def accept(ledger, number, on):
    acts.accept(ledger, number, officer=OFFICER, on=on)


def close(ledger, number, on):
    acts.close(ledger, number, "resolved", "已答复", officer=OFFICER, on=on)


def followup(ledger, number, satisfaction, on):
    acts.followup(ledger, number, officer=OFFICER, satisfaction=satisfaction, on=on)


def items(report, section="overdue"):
    key = "days_overdue" if section == "overdue" else "days_left"
    return [(i["id"], i["clock"], i[key]) for i in report[section]]


def row(ledger, number):
    return ledger.db.execute(
        "SELECT r.number, c.flags FROM cases c LEFT JOIN cases r ON r.id = c.repeat_of "
        "WHERE c.number = ?", [number]).fetchone()


def repeat_of(ledger, number):
    return row(ledger, number)[0]


def registered_event(ledger, number):
    return ledger.events(ledger.find_case(number))[0]


def stored_links(ledger):
    return dict(ledger.db.execute(
        "SELECT c.number, r.number FROM cases c JOIN cases r ON r.id = c.repeat_of"
    ).fetchall())


def computed_links(ledger):
    return {case["id"]: chain["first"] for chain in reports.repeat_chains(ledger)
            for case in chain["cases"][1:]}


# The overdue report: boundary days ---------------------------------------------------------


@pytest.mark.parametrize(
    "received, due",
    [
        (D(2026, 11, 1), D(2026, 11, 16)),  # plain
        (D(2026, 9, 28), D(2026, 10, 13)),  # plain, just after National Day
        (D(2026, 9, 20), D(2026, 10, 8)),  # 10-05 falls in National Day: rolls to 10-08
        (D(2026, 9, 25), D(2026, 10, 10)),  # 10-10 is a Saturday but a make-up working day
        (D(2026, 9, 26), D(2026, 10, 12)),  # Sunday 10-11 rolls to Monday
        (D(2026, 2, 1), D(2026, 2, 24)),  # 02-16 in the Spring Festival: rolls to 02-24
        (D(2026, 4, 20), D(2026, 5, 6)),  # 05-05 in the Labour Day holiday
    ],
)
def test_due_on_the_due_date_overdue_the_day_after(ledger, received, due):
    number = register(ledger, received)
    on_the_day = reports.overdue(ledger, due)
    assert on_the_day["overdue"] == []
    assert items(on_the_day, "due_soon") == [(number, "forward", 0)]
    day_after = reports.overdue(ledger, due + dt.timedelta(days=1))
    assert items(day_after) == [(number, "forward", 1)]
    assert day_after["overdue"][0]["due_on"] == due.isoformat()
    assert day_after["due_soon"] == []
    later = reports.overdue(ledger, due + dt.timedelta(days=20))
    assert items(later) == [(number, "forward", 20)]


def test_an_extension_moves_the_handling_deadline(units):
    ledger = units
    extended = register(ledger, D(2026, 7, 30), person=0)
    plain = register(ledger, D(2026, 7, 30), person=1)
    for number in (extended, plain):
        accept(ledger, number, D(2026, 8, 1))  # handle: 60 days → 09-30
    acts.extend(ledger, extended, 30, "需要现场勘查", "王局长", officer=OFFICER,
                   on=D(2026, 9, 20))  # 60 + 30 days → 10-30
    assert items(reports.overdue(ledger, D(2026, 9, 30))) == []
    assert items(reports.overdue(ledger, D(2026, 10, 1))) == [(plain, "handle", 1)]
    assert items(reports.overdue(ledger, D(2026, 10, 30))) == [(plain, "handle", 30)]
    assert items(reports.overdue(ledger, D(2026, 10, 31))) == [
        (plain, "handle", 31), (extended, "handle", 1)]


def test_a_policy_change_moves_running_clocks_and_the_report(units):
    ledger = units
    waiting = register(ledger, D(2026, 11, 10), person=0)  # forward 15 days → 11-25
    forwarded = register(ledger, D(2026, 11, 2), person=1)  # forward 15 days → 11-17
    forward(ledger, forwarded, "人社局", D(2026, 11, 3))  # stops it; notify → 11-18
    before = reports.overdue(ledger, TODAY)
    assert items(before, "due_soon") == [(waiting, "forward", 2)]
    assert items(before) == [(forwarded, "notify", 5)]

    settings.set_policy(ledger, "forward", "5", "workdays", OFFICER)
    # 5 working days after Tuesday 11-10: 11, 12, 13, 16, 17.
    after = reports.overdue(ledger, TODAY)
    assert items(after) == [(waiting, "forward", 6), (forwarded, "notify", 5)]
    assert after["due_soon"] == []
    # A stopped clock keeps the due date it had: what was due when stays explainable.
    clocks = {c["clock"]: c for c in case_record(ledger, ledger.find_case(forwarded))["clocks"]}
    assert clocks["forward"]["due_on"] == "2026-11-17"

    settings.set_policy(ledger, "forward", "15", "days", OFFICER)
    assert items(reports.overdue(ledger, TODAY), "due_soon") == [(waiting, "forward", 2)]


def test_a_local_rest_day_moves_running_clocks_and_the_report(ledger):
    number = register(ledger, D(2026, 11, 1))  # forward → Monday 11-16
    assert items(reports.overdue(ledger, D(2026, 11, 17))) == [(number, "forward", 1)]
    settings.add_override(ledger, D(2026, 11, 16), False, "全镇停电", OFFICER)
    report = reports.overdue(ledger, D(2026, 11, 17))
    assert report["overdue"] == []
    assert items(report, "due_soon") == [(number, "forward", 0)]
    settings.remove_override(ledger, D(2026, 11, 16), OFFICER)
    assert items(reports.overdue(ledger, D(2026, 11, 17))) == [(number, "forward", 1)]


# Windows lapse; they are never overdue work ------------------------------------------------


def test_a_lapsed_objection_window_is_not_in_the_report(units):
    ledger = units
    number = register(ledger, D(2026, 11, 9))
    forward(ledger, number, "人社局", D(2026, 11, 10))  # objection → 11-17, notify → 11-25
    record = case_record(ledger, ledger.find_case(number), as_of=TODAY)
    states = {c["clock"]: c["state"] for c in record["clocks"]}
    assert states == {"forward": "stopped", "objection": "lapsed", "notify": "due_soon"}
    report = reports.overdue(ledger, TODAY)
    assert report["overdue"] == []
    assert items(report, "due_soon") == [(number, "notify", 2)]


def test_lapsed_review_recheck_and_evaluation_windows_are_not_in_the_report(units):
    ledger = units
    closed = register(ledger, D(2026, 8, 3), person=0)
    accept(ledger, closed, D(2026, 8, 4))
    close(ledger, closed, D(2026, 9, 1))  # review request and evaluation windows → 10-08
    reviewed = register(ledger, D(2026, 6, 1), person=1)
    accept(ledger, reviewed, D(2026, 6, 2))
    close(ledger, reviewed, D(2026, 6, 20))
    acts.review(ledger, reviewed, "request", officer=OFFICER, on=D(2026, 7, 1))
    acts.review(ledger, reviewed, "conclude", officer=OFFICER, on=D(2026, 7, 20))
    for number in (closed, reviewed):
        states = {c["clock"]: c["state"] for c in
                  case_record(ledger, ledger.find_case(number), as_of=TODAY)["clocks"]
                  if c["stopped_on"] is None}
        assert states and set(states.values()) == {"lapsed"}
    report = reports.overdue(ledger, TODAY)
    assert (report["as_of"], report["overdue"], report["due_soon"]) == ("2026-11-23", [], [])
    # The same windows, a day before they end, are not listed as due soon either.
    earlier = reports.overdue(ledger, D(2026, 10, 7))
    assert (earlier["as_of"], earlier["overdue"], earlier["due_soon"]) == ("2026-10-07", [], [])


# Due soon --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "as_of, until",
    [
        (D(2026, 11, 23), D(2026, 11, 26)),
        (D(2026, 11, 27), D(2026, 12, 2)),
        # Over National Day to the make-up Saturday 10-10, and the Sunday after it: a
        # report-by date set on that rest day is still due soon, as `show` says.
        (D(2026, 9, 30), D(2026, 10, 11)),
        (D(2026, 2, 12), D(2026, 2, 24)),  # 02-13, make-up 02-14, then after the festival
    ],
)
def test_due_soon_until_three_working_days(ledger, as_of, until):
    assert clocks.due_soon_until(as_of, ledger.policy.number("warning_days"),
                                 ledger.calendar) == until


def test_due_soon_lists_duties_due_within_three_working_days(ledger):
    due_thursday = register(ledger, D(2026, 11, 11), person=0)  # → 11-26
    due_friday = register(ledger, D(2026, 11, 12), person=1)  # → 11-27
    due_today = register(ledger, D(2026, 11, 8), person=2)  # → 11-23
    report = reports.overdue(ledger, TODAY)
    assert report["overdue"] == []
    assert items(report, "due_soon") == [(due_today, "forward", 0),
                                         (due_thursday, "forward", 3)]
    assert due_friday not in {i["id"] for i in report["due_soon"]}
    settings.set_policy(ledger, "warning_days", "4", None, OFFICER)
    assert items(reports.overdue(ledger, TODAY), "due_soon")[-1] == (due_friday, "forward", 4)


def test_due_soon_over_national_day(ledger):
    make_up_saturday = register(ledger, D(2026, 9, 25), person=0)  # → Saturday 10-10
    monday = register(ledger, D(2026, 9, 26), person=1)  # → 10-11 Sunday → 10-12
    report = reports.overdue(ledger, D(2026, 9, 30))
    assert items(report, "due_soon") == [(make_up_saturday, "forward", 10)]
    assert monday not in {i["id"] for i in report["due_soon"]}


# Grouping, the unit filter, escalation -----------------------------------------------------


@pytest.fixture
def overdue_ledger(units):
    """As of 11-23: 人社局 holds cases 19 and 6 days overdue, 住建局 one 12 days overdue,
    the office one it has not forwarded, 7 days overdue; one more is due soon."""
    ledger = units
    numbers = {}
    numbers["a"] = register(ledger, D(2026, 10, 19), person=0)
    forward(ledger, numbers["a"], "人社局", D(2026, 10, 20))  # notify → 11-04
    numbers["b"] = register(ledger, D(2026, 11, 1), person=1)
    forward(ledger, numbers["b"], "人社局", D(2026, 11, 2))  # notify → 11-17
    numbers["c"] = register(ledger, D(2026, 10, 26), person=2)
    forward(ledger, numbers["c"], "住建局", D(2026, 10, 27))  # notify → 11-11
    numbers["d"] = register(ledger, D(2026, 11, 1), person=3)  # forward → 11-16
    numbers["e"] = register(ledger, D(2026, 11, 11), person=4)  # forward → 11-26
    return ledger, numbers


def test_overdue_grouped_by_unit_most_overdue_first(overdue_ledger):
    ledger, n = overdue_ledger
    report = reports.overdue(ledger, TODAY)
    assert [(i["unit"], i["id"], i["clock"], i["days_overdue"]) for i in report["overdue"]] == [
        ("人社局", n["a"], "notify", 19),
        ("人社局", n["b"], "notify", 6),
        ("住建局", n["c"], "notify", 12),
        (None, n["d"], "forward", 7),
    ]
    assert items(report, "due_soon") == [(n["e"], "forward", 3)]
    first = report["overdue"][0]
    assert first["due_on"] == "2026-11-04"
    assert first["holder"] == {"kind": "unit", "name": "人社局", "since": "2026-10-20"}
    assert report["overdue"][3]["holder"]["kind"] == "office"


def test_overdue_for_one_unit(overdue_ledger):
    ledger, n = overdue_ledger
    report = reports.overdue(ledger, TODAY, unit="住建局")
    assert items(report) == [(n["c"], "notify", 12)]
    assert report["due_soon"] == []
    assert [i["id"] for i in reports.overdue(ledger, TODAY, unit="人社局")["overdue"]] == [
        n["a"], n["b"]]
    assert reports.overdue(ledger, TODAY, unit="县信访局")["overdue"] == []
    with pytest.raises(UnknownUnit):
        reports.overdue(ledger, TODAY, unit="人设局")


def test_overdue_is_the_same_twice(overdue_ledger):
    ledger, _ = overdue_ledger
    assert reports.overdue(ledger, TODAY) == reports.overdue(ledger, TODAY)


def test_needs_escalation_when_overdue_more_than_fifteen_days(overdue_ledger):
    ledger, n = overdue_ledger
    flags = {i["id"]: i["needs_escalation"] for i in reports.overdue(ledger, TODAY)["overdue"]}
    assert flags == {n["a"]: True, n["b"]: False, n["c"]: False, n["d"]: False}
    # 住建局's case is 15 days overdue on 11-26 (not more than 15), 16 on 11-27.
    at = {day: {i["id"]: i["needs_escalation"] for i in
                reports.overdue(ledger, D(2026, 11, day))["overdue"]} for day in (26, 27)}
    assert at[26][n["c"]] is False
    assert at[27][n["c"]] is True
    acts.escalate(ledger, n["a"], "超期未受理", officer=OFFICER, leader="李书记")
    after = {i["id"]: i for i in reports.overdue(ledger, TODAY)["overdue"]}
    assert after[n["a"]]["needs_escalation"] is False
    assert after[n["a"]]["holder"]["kind"] == "leader"
    assert after[n["a"]]["days_overdue"] == 19  # escalation stops no statutory clock


def test_needs_escalation_for_a_chain_of_three(ledger):
    first = register(ledger, D(2026, 11, 1), content=WAGES)  # forward → 11-16
    second = register(ledger, D(2026, 11, 5), content=WAGES + "（再次反映）")  # → 11-20
    flags = {i["id"]: i["needs_escalation"] for i in reports.overdue(ledger, TODAY)["overdue"]}
    assert flags == {first: False, second: False}
    register(ledger, D(2026, 11, 6), content="多次反映" + WAGES)
    flags = {i["id"]: i["needs_escalation"] for i in reports.overdue(ledger, TODAY)["overdue"]}
    assert flags == {first: True, second: True}
    acts.escalate(ledger, first, "重复信访", officer=OFFICER, leader="李书记")
    flags = {i["id"]: i["needs_escalation"] for i in reports.overdue(ledger, TODAY)["overdue"]}
    assert flags == {first: False, second: True}


# Repeat petitions at registration ----------------------------------------------------------


def test_a_repeat_is_linked_to_the_first_case_and_counted(ledger):
    first = register(ledger, D(2026, 3, 2), content=WAGES)
    second = register(ledger, D(2026, 4, 1), content=WAGES + "（再次反映）")
    third = register(ledger, D(2026, 5, 6), content="多次反映" + WAGES + "未果")
    assert repeat_of(ledger, first) is None
    assert repeat_of(ledger, second) == first
    assert repeat_of(ledger, third) == first  # the first case, not the one before
    details = registered_event(ledger, third)["details"]
    assert details["repeat_of"] == first
    assert details["repeat_decision"] == "auto"
    assert {"repeat", "repeat_being_handled"} <= set(details["flags"])
    chain = queries.chain_of(ledger, ledger.find_case(second))
    assert chain["first"] == first
    assert chain["length"] == 3
    assert [c["id"] for c in chain["cases"]] == [first, second, third]
    records, total = list_cases(ledger, Filters(repeat=True))
    assert [r["id"] for r in records] == [third, second]
    assert [c["id"] for c in acts.repeat_candidates(ledger, make_intake(
        channel="来访", content=WAGES, received_on=TODAY, today=TODAY, category="劳动社保",
        people=[make_person("信访人0", ID_A)]))] == [first, second, third]
    rate = reports.stats(ledger, D(2026, 1, 1), TODAY)["figures"]["repeat_rate"]
    assert (rate["numerator"], rate["denominator"]) == (2, 3)


def test_a_person_without_an_id_is_recognised_by_name_and_phone(ledger):
    def person(phone):
        return [make_person("李四", None, phone)]

    first = register(ledger, D(2026, 3, 2), people=person(PHONE), content=WAGES)
    same = register(ledger, D(2026, 4, 1), people=person(PHONE), content=WAGES)
    namesake = register(ledger, D(2026, 4, 2), people=person("13900001111"), content=WAGES)
    assert repeat_of(ledger, same) == first
    assert repeat_of(ledger, namesake) is None


@pytest.mark.parametrize(
    "person, category, content",
    [
        (0, "劳动社保", "养殖场污水直排影响饮水"),  # the same person, another matter
        (0, "劳动社保", "单位不给交养老保险，要求补缴"),  # the same employer, another matter
        (1, "劳动社保", WAGES),  # another person, the same matter
    ],
)
def test_not_a_repeat(ledger, person, category, content):
    register(ledger, D(2026, 3, 2), person=0, content=WAGES)
    number = register(ledger, D(2026, 4, 1), person=person, category=category, content=content)
    assert repeat_of(ledger, number) is None
    assert "repeat" not in row(ledger, number)[1]
    assert "repeat_decision" not in registered_event(ledger, number)["details"]
    assert computed_links(ledger) == {}


def test_another_clerks_category_does_not_hide_a_repeat(ledger):
    first = register(ledger, D(2026, 3, 2), person=0, content=WAGES)
    again = register(ledger, D(2026, 4, 1), person=0, category="城乡建设", content=WAGES)
    assert repeat_of(ledger, again) == first
    assert computed_links(ledger) == stored_links(ledger) == {again: first}


def drive_to_final(ledger, number, start):
    day = start
    for step in (lambda d: accept(ledger, number, d), lambda d: close(ledger, number, d),
                 lambda d: acts.review(ledger, number, "request", officer=OFFICER, on=d),
                 lambda d: acts.review(ledger, number, "conclude", officer=OFFICER, on=d),
                 lambda d: acts.recheck(ledger, number, "request", officer=OFFICER, on=d),
                 lambda d: acts.recheck(ledger, number, "conclude", officer=OFFICER, on=d)):
        day += dt.timedelta(days=5)
        step(day)
    assert ledger.stored_state(ledger.find_case(number)).status == "final"


def test_repeat_flags_at_registration(ledger):
    first = register(ledger, D(2026, 3, 2), content=WAGES)
    being_handled = register(ledger, D(2026, 3, 10), content=WAGES)
    assert set(registered_event(ledger, being_handled)["details"]["flags"]) == {
        "repeat", "repeat_being_handled"}
    drive_to_final(ledger, first, D(2026, 3, 10))
    close(ledger, being_handled, D(2026, 5, 1))
    after_final = register(ledger, D(2026, 6, 1), content=WAGES)
    flags = set(registered_event(ledger, after_final)["details"]["flags"])
    assert flags == {"repeat", "repeat_final"}
    assert set(ledger.stored_state(ledger.find_case(after_final)).flags) == flags
    both = register(ledger, D(2026, 6, 2), content=WAGES)  # after_final is still open
    assert set(registered_event(ledger, both)["details"]["flags"]) == {
        "repeat", "repeat_being_handled", "repeat_final"}
    assert queries.chain_of(ledger, ledger.find_case(first))["final"] is True


def test_a_repeat_of_a_closed_case_carries_no_advice(ledger):
    first = register(ledger, D(2026, 3, 2), content=WAGES)
    accept(ledger, first, D(2026, 3, 3))
    close(ledger, first, D(2026, 3, 20))
    again = register(ledger, D(2026, 4, 1), content=WAGES)
    assert registered_event(ledger, again)["details"]["flags"] == ["repeat"]


def test_the_officer_links_a_repeat_at_registration(ledger):
    first = register(ledger, D(2026, 3, 2), content=WAGES)
    second = register(ledger, D(2026, 4, 1), content=WAGES)
    # Worded so differently that the rule would not see it; the officer knows better.
    linked = register(ledger, D(2026, 5, 6), content="包工头跑路，血汗钱讨不回",
                      repeat_of=second)
    assert repeat_of(ledger, linked) == first  # to the first case of the chain
    details = registered_event(ledger, linked)["details"]
    assert details["repeat_decision"] == "officer"
    assert details["repeat_of"] == first
    assert "repeat" in details["flags"]
    assert computed_links(ledger) == {second: first, linked: first}
    assert computed_links(ledger) == stored_links(ledger)


def test_the_officer_says_not_a_repeat_at_registration(ledger):
    first = register(ledger, D(2026, 3, 2), content=WAGES)
    new = register(ledger, D(2026, 4, 1), content=WAGES, not_repeat=True)
    assert repeat_of(ledger, new) is None
    details = registered_event(ledger, new)["details"]
    assert details["repeat_decision"] == "not_repeat"
    assert "repeat_of" not in details
    assert "repeat" not in details.get("flags", [])
    assert computed_links(ledger) == {}  # the whole-ledger rule keeps the decision
    later = register(ledger, D(2026, 5, 6), content=WAGES)
    assert repeat_of(ledger, later) == first
    assert computed_links(ledger) == stored_links(ledger) == {later: first}


def test_a_link_is_corrected_with_an_event(ledger):
    first = register(ledger, D(2026, 3, 2), content=WAGES)
    second = register(ledger, D(2026, 4, 1), content=WAGES)
    other = register(ledger, D(2026, 4, 2), person=1)
    events_before = len(ledger.events(ledger.find_case(second)))

    acts.mark_repeat(ledger, second, officer="李干事", on=D(2026, 4, 3))
    case = ledger.find_case(second)
    event = ledger.events(case)[-1]
    assert len(ledger.events(case)) == events_before + 1
    assert (event["kind"], event["officer"], event["details"]) == (
        "repeat_marked", "李干事", {"decision": "not_repeat", "repeat_of": None})
    assert repeat_of(ledger, second) is None
    assert "repeat" not in ledger.stored_state(case).flags
    assert computed_links(ledger) == stored_links(ledger) == {}

    acts.mark_repeat(ledger, other, officer="李干事", repeat_of=second, on=D(2026, 4, 3))
    assert repeat_of(ledger, other) == second
    assert "repeat" in ledger.stored_state(ledger.find_case(other)).flags
    assert computed_links(ledger) == stored_links(ledger) == {other: second}
    assert queries.chain_of(ledger, ledger.find_case(first))["length"] == 1


def test_the_whole_ledger_rule_agrees_with_the_links_made_at_registration(ledger):
    a = register(ledger, D(2026, 3, 2), person=0, content=WAGES)
    register(ledger, D(2026, 3, 9), person=1, content=WAGES)  # another person
    register(ledger, D(2026, 4, 1), person=0, content=WAGES + "（再次反映）")
    register(ledger, D(2026, 4, 8), person=0, content="养殖场污水直排")
    register(ledger, D(2026, 4, 9), person=0, content="养殖场污水直排，仍未整改")
    register(ledger, D(2026, 5, 1), person=0, content=WAGES, not_repeat=True)
    register(ledger, D(2026, 5, 2), person=2, content="低保资格被取消", repeat_of=a)
    register(ledger, D(2026, 6, 1), person=1, content="多次反映" + WAGES)
    stored = stored_links(ledger)
    assert len(stored) == 4
    assert computed_links(ledger) == stored


def test_the_whole_ledger_rule_agrees_on_the_demo_ledger(tmp_path):
    ledger = Ledger.open(tmp_path / "demo.db", create=True, today=demo.DEMO_TODAY)
    try:
        demo.build(ledger)
        stored = stored_links(ledger)
        assert len(stored) >= 5
        assert computed_links(ledger) == stored
        chains = reports.repeat_chains(ledger)
        assert [c["length"] for c in chains] == sorted((c["length"] for c in chains),
                                                       reverse=True)
    finally:
        ledger.close()


# Collective and major visits ---------------------------------------------------------------


def test_collective_from_a_headcount_of_five(ledger):
    four = register(ledger, D(2026, 11, 2), person=0, headcount=4)
    five = register(ledger, D(2026, 11, 3), person=1, headcount=5)
    records, _ = list_cases(ledger, Filters(collective=True))
    assert [r["id"] for r in records] == [five]
    assert [i["id"] for i in reports.major(ledger, TODAY)] == [five]
    assert four not in {i["id"] for i in reports.major(ledger, TODAY)}


def test_major_report(ledger):
    def group(size):
        return [make_person(f"代表{i}", IDS[i], None) for i in range(size)]

    crowd = register(ledger, D(2026, 11, 2), people=group(6), headcount=30, content="征地补偿")
    five_reps = register(ledger, D(2026, 11, 3), people=group(5)[::-1], headcount=30,
                         content="村道损毁无人修")
    province = register(ledger, D(2026, 11, 4), person=6, flags=["to_province"])
    beijing = register(ledger, D(2026, 11, 5), person=7, flags=["to_beijing"])
    register(ledger, D(2026, 11, 6), person=8)  # one person, here: not major
    done = register(ledger, D(2026, 11, 1), people=[make_person("王五", None, PHONE)],
                    headcount=8, content="河道采砂")
    close(ledger, done, D(2026, 11, 2))  # closed on the spot: no longer to report
    major = reports.major(ledger, TODAY)
    assert [(i["id"], i["flags"]) for i in major] == [
        (beijing, ["to_beijing"]),
        (province, ["to_province"]),
        (five_reps, ["collective"]),
        (crowd, ["collective", "too_many_representatives"]),
    ]
    assert major[-1]["headcount"] == 30
    # Only what had arrived by the day asked about.
    assert [i["id"] for i in reports.major(ledger, D(2026, 11, 3))] == [five_reps, crowd]
    records, _ = list_cases(ledger, Filters(flag="to_province"))
    assert [r["id"] for r in records] == [province]
    records, _ = list_cases(ledger, Filters(collective=True))
    assert [r["id"] for r in records] == [five_reps, crowd, done]


# The office's figures (DOMAIN.md §6) ---------------------------------------------------------


@pytest.fixture
def figures_ledger(units):
    """Seven cases in 2026 whose figures are counted by hand in the test below."""
    ledger = units
    n = {}
    # 1: forwarded, accepted and closed on time; then satisfied.
    n[1] = register(ledger, D(2026, 3, 2), person=0, content=WAGES)
    forward(ledger, n[1], "人社局", D(2026, 3, 5))  # forward due 03-17
    accept(ledger, n[1], D(2026, 3, 10))  # notify due 03-20
    close(ledger, n[1], D(2026, 4, 10))  # handle due 05-09
    followup(ledger, n[1], "满意", D(2026, 4, 15))
    # 2: everything late; then unsatisfied.
    n[2] = register(ledger, D(2026, 3, 2), person=1)
    forward(ledger, n[2], "人社局", D(2026, 3, 30))  # forward due 03-17: late
    accept(ledger, n[2], D(2026, 4, 20))  # notify due 04-14: late
    close(ledger, n[2], D(2026, 8, 31))  # handle due 06-19 (holiday) → 06-22: late
    followup(ledger, n[2], "不满意", D(2026, 9, 5))
    # 3: on time thanks to an extension; never evaluated (window ended 08-31).
    n[3] = register(ledger, D(2026, 5, 6), person=2)
    forward(ledger, n[3], "住建局", D(2026, 5, 8))
    accept(ledger, n[3], D(2026, 5, 12))  # handle due 07-11 → 07-13
    acts.extend(ledger, n[3], 30, "需要现场勘查", "王局长", officer=OFFICER,
                   on=D(2026, 7, 1))  # → 08-10
    close(ledger, n[3], D(2026, 8, 1))
    # 4: never forwarded; its forward clock came due 11-17.
    n[4] = register(ledger, D(2026, 11, 2), person=3)
    # 5: forward due 12-07: not yet due, not counted.
    n[5] = register(ledger, D(2026, 11, 20), person=4)
    # 6: a repeat of 1, closed on the spot; basically satisfied.
    n[6] = register(ledger, D(2026, 6, 1), person=0, content=WAGES + "（再次反映）")
    close(ledger, n[6], D(2026, 6, 1))
    followup(ledger, n[6], "基本满意", D(2026, 6, 5))
    # 7: closed on the spot, then contested (review); never evaluated (window → 07-31).
    n[7] = register(ledger, D(2026, 7, 1), person=5)
    close(ledger, n[7], D(2026, 7, 1))
    acts.review(ledger, n[7], "request", officer=OFFICER, on=D(2026, 7, 10))
    return ledger, n


def figure(result, code):
    item = result["figures"][code]
    return item["numerator"], item["denominator"], item["rate"]


def test_figures_with_numerators_and_denominators(figures_ledger):
    ledger, n = figures_ledger
    assert repeat_of(ledger, n[6]) == n[1]
    result = reports.stats(ledger, D(2026, 1, 1), TODAY, definitions="clock")
    # Forward and notify stopped on time: 1 ×2, 3 ×2, 6 and 7 (closed on the spot stops
    # the forward clock); late: 2 ×2; came due unstopped: 4.
    assert figure(result, "timely_acceptance") == (6, 9, round(6 / 9, 4))
    # Handle stopped on time: 1 and 3 (extended); late: 2. 6 and 7 never had one.
    assert figure(result, "on_time_closing") == (2, 3, round(2 / 3, 4))
    # Evaluated: 1, 2, 6; window ended unevaluated: 3, 7.
    assert figure(result, "participation") == (3, 5, 0.6)
    # 满意 (1) + 基本满意 (6) of the 3 evaluated.
    assert figure(result, "satisfaction") == (2, 3, round(2 / 3, 4))
    # One repeat (6) of seven registered.
    assert figure(result, "repeat_rate") == (1, 7, round(1 / 7, 4))
    # First petitions closed: 1, 2, 3, 7; 1 came back (6) and 7 went to review.
    assert figure(result, "first_time_resolution") == (2, 4, 0.5)
    for item in result["figures"].values():
        assert item["name"] and item["name_en"] and item["definition"]


def test_figures_count_only_the_period(figures_ledger):
    ledger, n = figures_ledger
    november = reports.stats(ledger, D(2026, 11, 1), TODAY, definitions="clock")
    assert figure(november, "timely_acceptance") == (0, 1, 0.0)  # case 4
    assert figure(november, "on_time_closing") == (0, 0, None)
    assert figure(november, "participation") == (0, 0, None)
    assert figure(november, "repeat_rate") == (0, 2, 0.0)
    spring = reports.stats(ledger, D(2026, 3, 1), D(2026, 4, 30), definitions="clock")
    # Stopped in March–April: 1 ×2 on time, 2 ×2 late.
    assert figure(spring, "timely_acceptance") == (2, 4, 0.5)
    assert figure(spring, "on_time_closing") == (1, 1, 1.0)
    assert figure(spring, "participation") == (1, 1, 1.0)
    assert figure(spring, "satisfaction") == (1, 1, 1.0)


def test_figures_by_unit_and_month(figures_ledger):
    ledger, n = figures_ledger
    result = reports.stats(ledger, D(2026, 1, 1), TODAY, by="unit")
    assert result["groups"] == [
        # 4, 5, 6, 7 were never forwarded; 4 (forward) and 7 (review) are overdue.
        {"key": "", "registered": 4, "closed": 2, "overdue": 2, "repeats": 1},
        {"key": "人社局", "registered": 2, "closed": 2, "overdue": 0, "repeats": 0},
        {"key": "住建局", "registered": 1, "closed": 1, "overdue": 0, "repeats": 0},
    ]
    months = {m["month"]: (m["registered"], m["closed"]) for m in result["months"]}
    assert list(months) == [f"2026-{m:02d}" for m in range(1, 12)]
    assert months == {
        "2026-01": (0, 0), "2026-02": (0, 0), "2026-03": (2, 0), "2026-04": (0, 1),
        "2026-05": (1, 0), "2026-06": (1, 1), "2026-07": (1, 1), "2026-08": (0, 2),
        "2026-09": (0, 0), "2026-10": (0, 0), "2026-11": (2, 0),
    }
    by_month = reports.stats(ledger, D(2026, 1, 1), TODAY, by="month")["groups"]
    assert [(g["key"], g["registered"]) for g in by_month] == [
        ("2026-03", 2), ("2026-11", 2), ("2026-05", 1), ("2026-06", 1), ("2026-07", 1)]


def test_a_reopened_case_is_not_counted_as_evaluated(units):
    ledger = units
    number = register(ledger, D(2026, 8, 3))
    accept(ledger, number, D(2026, 8, 4))
    close(ledger, number, D(2026, 8, 10))
    acts.reopen(ledger, number, "处理意见未落实", officer=OFFICER, on=D(2026, 8, 20))
    result = reports.stats(ledger, D(2026, 1, 1), TODAY)
    assert figure(result, "participation") == (0, 0, None)
    assert figure(result, "satisfaction") == (0, 0, None)
    close(ledger, number, D(2026, 9, 1))
    followup(ledger, number, "满意", D(2026, 9, 3))
    result = reports.stats(ledger, D(2026, 1, 1), TODAY)
    assert figure(result, "participation") == (1, 1, 1.0)
    assert figure(result, "satisfaction") == (1, 1, 1.0)


def test_the_month_chart_leaves_out_the_empty_months_before_and_after():
    from rich.console import Console

    from xinfang.render.terminal import month_chart

    months = [{"month": f"2026-{m:02d}", "registered": r, "closed": c}
              for m, r, c in [(1, 0, 0), (2, 3, 0), (3, 0, 0), (4, 1, 2), (5, 0, 0)]]
    console = Console(width=80, record=True)
    console.print(month_chart(months, "zh"))
    shown = console.export_text()
    assert [m for m in ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05")
            if m in shown] == ["2026-02", "2026-03", "2026-04"]
