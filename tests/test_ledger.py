"""The ledger as a library, on a temporary file: registering, numbering, people shared
across cases, the append-only event log, derived state, policy and calendar changes."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import stat

import pytest

from xinfang import acts
from xinfang.cases.intake import make_intake, make_person
from xinfang.cases.lifecycle import TRANSITIONS, CaseState
from xinfang.deadlines.clocks import Clock
from xinfang.deadlines.policy import ClockRule
from xinfang.errors import (
    BadOfficeCode,
    BadPolicy,
    CaseNotFound,
    DateBeforePrevious,
    FutureDate,
    LedgerMissing,
    LedgerTooNew,
    NotAllowed,
    OfficeAlreadySet,
    OfficeNotSet,
    OverrideNotFound,
    UnknownPolicyKey,
    XinfangError,
)
from xinfang.store import settings
from xinfang.store.ledger import Ledger
from xinfang.store.migrations import open_ledger, schema_version
from xinfang.store.queries import Filters, list_cases

D = dt.date
TODAY = D(2026, 11, 23)
OFFICER = "测试员"
ID_A = "11010519491231002X"
ID_B = "371526196601318579"
NUMBER = re.compile(r"^XF-YQH-(\d{4})-(\d{5})$")
NOV2 = D(2026, 11, 2)


def register(ledger: Ledger, received: dt.date = NOV2, *, people=None,
             content: str = "工地拖欠工资", **fields) -> str:
    if people is None:
        people = [make_person("张三", ID_A, "13812345678")]
    intake = make_intake(channel=fields.pop("channel", "来访"), content=content,
                         received_on=received, today=ledger.today, people=people, **fields)
    return acts.register(ledger, intake, officer=OFFICER).number


def case_id(ledger: Ledger, number: str) -> int:
    return ledger.find_case(number)


def clocks(ledger: Ledger, number: str) -> dict[str, Clock]:
    """The case's clocks by code (the latest of each)."""
    return {clock.clock: clock for clock in ledger.stored_state(case_id(ledger, number)).clocks}


def count(ledger: Ledger, table: str) -> int:
    return ledger.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# Registering and numbering ---------------------------------------------------------------


def test_register_stores_the_case_and_starts_the_forward_clock(ledger):
    number = register(ledger, D(2026, 11, 20))
    assert number == "XF-YQH-2026-00001"
    state = ledger.stored_state(case_id(ledger, number))
    assert state.status == "registered"
    assert state.holder_kind == "office"
    [clock] = state.clocks
    assert (clock.clock, clock.started_on, clock.length, clock.unit) == (
        "forward", D(2026, 11, 20), 15, "days")
    # 11-20 + 15 = Saturday 12-05 → Monday 12-07.
    assert clock.due_on == D(2026, 12, 7)
    assert clock.running
    [event] = ledger.events(case_id(ledger, number))
    assert event["kind"] == "registered"
    assert event["officer"] == OFFICER
    assert event["on"] == "2026-11-20"
    assert event["details"]["channel"] == "visit"


def test_a_commit_is_on_disk_before_the_officer_is_told(ledger):
    """WAL with synchronous FULL: every commit is synced to the disk, so a power cut right
    after "已登记" loses nothing (NORMAL may lose the last commits)."""
    assert ledger.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_case_numbers_count_per_year_and_sort_in_order(ledger):
    numbers = [
        register(ledger, D(2026, 1, 5)),
        register(ledger, D(2026, 1, 5)),
        register(ledger, D(2025, 12, 30)),
        register(ledger, D(2026, 11, 1)),
        register(ledger, D(2025, 6, 1)),
    ]
    assert numbers == [
        "XF-YQH-2026-00001",
        "XF-YQH-2026-00002",
        "XF-YQH-2025-00001",
        "XF-YQH-2026-00003",
        "XF-YQH-2025-00002",
    ]
    assert len(set(numbers)) == len(numbers)
    by_year_and_seq = sorted(numbers, key=lambda n: tuple(map(int, NUMBER.match(n).groups())))
    assert sorted(numbers) == by_year_and_seq


def test_the_case_number_column_is_unique(ledger):
    register(ledger)
    with pytest.raises(sqlite3.IntegrityError):
        ledger.db.execute(
            "INSERT INTO cases(uid, number, year, seq, received_on, channel, content, status, "
            "last_on) VALUES ('x', 'XF-YQH-2026-00001', 2026, 1, '2026-11-02', 'visit', 'c', "
            "'registered', '2026-11-02')"
        )
    ledger.db.conn.rollback()


def test_cases_and_events_carry_unique_uids(ledger):
    numbers = [register(ledger) for _ in range(3)]
    acts.record(ledger, numbers[0], "note", officer=OFFICER, details={"text": "电话联系"})
    case_uids = [row[0] for row in ledger.db.execute("SELECT uid FROM cases ORDER BY id")]
    event_uids = [row[0] for row in ledger.db.execute("SELECT uid FROM events ORDER BY id")]
    assert len(event_uids) == 4
    for uids in (case_uids, event_uids):
        assert len(set(uids)) == len(uids)
        assert all(re.fullmatch(r"[0-9a-f]{32}", uid) for uid in uids)
        # Time first: ids made one after another sort one after another.
        assert [uid[:12] for uid in uids] == sorted(uid[:12] for uid in uids)
    # A case can be found by its uid as well as its number.
    assert ledger.find_case(case_uids[0]) == case_id(ledger, numbers[0])


@pytest.mark.parametrize("ref", ["XF-YQH-2026-00002", "xf-yqh-2026-00002", "2026-2", "2026-00002",
                                 " 2026-2 "])
def test_find_case_by_full_or_short_number(ledger, ref):
    register(ledger)
    second = register(ledger)
    assert ledger.find_case(ref) == case_id(ledger, second)


@pytest.mark.parametrize("ref", ["2026-3", "XF-YQH-2026-00009", "nonsense", "2025-1"])
def test_unknown_case_is_refused(ledger, ref):
    register(ledger)
    with pytest.raises(CaseNotFound) as info:
        ledger.find_case(ref)
    assert "xinfang list" in info.value.message("zh")


def test_register_needs_the_office_code(db_path):
    ledger = Ledger.open(db_path, create=True, today=TODAY)
    try:
        with pytest.raises(OfficeNotSet) as info:
            register(ledger)
        assert "xinfang office set" in info.value.message("zh")
        assert count(ledger, "cases") == 0
    finally:
        ledger.close()


def test_office_code_changes_only_while_no_case_uses_it(ledger):
    # No case yet: a wrong code is corrected (and the change is logged).
    settings.set_office(ledger, "ABC", "别的办", OFFICER)
    assert ledger.office() == {"code": "ABC", "name": "别的办"}
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", OFFICER)
    register(ledger)
    with pytest.raises(OfficeAlreadySet) as refused:
        settings.set_office(ledger, "ABC", "别的办", OFFICER)
    assert "已有 1 件案件" in refused.value.message("zh")
    assert ledger.office()["code"] == "YQH"
    # The same code again only renames the office.
    assert settings.set_office(ledger, "yqh", "鱼邱湖街道信访办（新）", OFFICER)["code"] == "YQH"
    assert ledger.office() == {"code": "YQH", "name": "鱼邱湖街道信访办（新）"}


@pytest.mark.parametrize("code", ["Y", "YQ-H", "鱼邱湖", "ABCDEFGHIJKLM"])
def test_bad_office_codes_are_refused(db_path, code):
    ledger = Ledger.open(db_path, create=True, today=TODAY)
    try:
        with pytest.raises(BadOfficeCode):
            settings.set_office(ledger, code, "x", OFFICER)
        assert ledger.office() is None
    finally:
        ledger.close()


def test_received_date_after_today_is_refused(ledger):
    intake = make_intake(channel="来访", content="c", received_on=D(2026, 11, 24),
                         today=D(2026, 11, 30), people=[make_person("张三")])
    with pytest.raises(FutureDate):
        acts.register(ledger, intake, officer=OFFICER)
    assert count(ledger, "cases") == 0


def test_anonymous_case_has_no_people(ledger):
    number = register(ledger, people=[], anonymous=True, channel="来信")
    record = list_cases(ledger, Filters())[0][0]
    assert record["id"] == number
    assert record["anonymous"] is True
    assert record["people"] == []


# People shared across cases ---------------------------------------------------------------


def test_same_id_number_is_one_person_across_cases(ledger):
    first = register(ledger, people=[make_person("张三", ID_A, "13812345678")])
    # Typed differently (lower-case x), with a newer phone.
    second = register(ledger, people=[make_person("张三", ID_A.lower(), "13900001111", "东村")])
    assert count(ledger, "people") == 1
    phone, address = ledger.db.execute("SELECT phone, address FROM people").fetchone()
    assert (phone, address) == ("13900001111", "东村")  # newer details replace older
    records, total = list_cases(ledger, Filters(person=ID_A))
    assert total == 2
    assert {r["id"] for r in records} == {first, second}
    assert records[0]["people"][0]["uid"] == records[1]["people"][0]["uid"]


def test_without_id_number_same_name_and_phone_is_the_same_person(ledger):
    register(ledger, people=[make_person("李四", None, "13900001111")])
    register(ledger, people=[make_person("李四", None, "139 0000 1111")])
    assert count(ledger, "people") == 1
    register(ledger, people=[make_person("李四", None, "13700002222")])  # another 李四
    register(ledger, people=[make_person("李四")])  # nothing to tell them apart
    assert count(ledger, "people") == 3
    assert list_cases(ledger, Filters(person="李四"))[1] == 4


def test_several_petitioners_the_first_is_the_lead(ledger):
    number = register(ledger, people=[
        make_person("王五", ID_B),
        make_person("赵六", None, "13900001111"),
        make_person("钱七", ID_A),
    ], headcount=3)
    record = list_cases(ledger, Filters())[0][0]
    assert record["id"] == number
    assert [p["name"] for p in record["people"]] == ["王五", "赵六", "钱七"]
    assert [p["lead"] for p in record["people"]] == [True, False, False]
    # 钱七 petitions again alone: the same person, now a lead.
    register(ledger, people=[make_person("钱七", ID_A)])
    assert count(ledger, "people") == 3
    assert list_cases(ledger, Filters(person=ID_A))[1] == 2


def test_same_person_twice_in_one_case_is_linked_once(ledger):
    register(ledger, people=[make_person("王五", ID_B), make_person("王五", ID_B)])
    assert count(ledger, "case_people") == 1


# The event log is append-only -------------------------------------------------------------


def test_events_cannot_be_updated(ledger):
    register(ledger)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        ledger.db.execute("UPDATE events SET officer = '别人'")
    ledger.db.conn.rollback()
    assert ledger.db.execute("SELECT officer FROM events").fetchone()[0] == OFFICER


def test_events_cannot_be_deleted(ledger):
    number = register(ledger)
    acts.record(ledger, number, "note", officer=OFFICER, details={"text": "x"})
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        ledger.db.execute("DELETE FROM events WHERE kind = 'note'")
    ledger.db.conn.rollback()
    assert count(ledger, "events") == 2


def test_a_refused_act_leaves_no_trace(ledger):
    number = register(ledger, D(2026, 9, 1))
    acts.record(ledger, number, "accepted", officer=OFFICER, on=D(2026, 9, 2))
    acts.record(ledger, number, "extended", officer=OFFICER, on=D(2026, 10, 1), details={"days": 20})
    before = (count(ledger, "events"), ledger.stored_state(case_id(ledger, number)))
    with pytest.raises(XinfangError):  # 20 + 15 days is more than the 30 allowed
        acts.record(ledger, number, "extended", officer=OFFICER, on=D(2026, 10, 2), details={"days": 15})
    assert (count(ledger, "events"), ledger.stored_state(case_id(ledger, number))) == before


def test_act_not_allowed_in_the_state_says_what_is(ledger):
    number = register(ledger, D(2026, 9, 1))
    acts.record(ledger, number, "closed", officer=OFFICER, on=D(2026, 9, 1), details={"result": "resolved"})
    with pytest.raises(NotAllowed) as info:
        acts.record(ledger, number, "accepted", officer=OFFICER, on=D(2026, 9, 2))
    zh = info.value.message("zh")
    assert number in zh
    assert "已办结" in zh  # the state it is in
    assert "申请复查" in zh  # and what is allowed now


def test_act_dates_are_checked(ledger):
    number = register(ledger, D(2026, 9, 10))
    with pytest.raises(FutureDate):
        acts.record(ledger, number, "forwarded", officer=OFFICER, on=D(2026, 11, 24),
                   details={"unit": "人社局"})
    with pytest.raises(DateBeforePrevious):
        acts.record(ledger, number, "forwarded", officer=OFFICER, on=D(2026, 9, 9),
                   details={"unit": "人社局"})
    assert len(ledger.events(case_id(ledger, number))) == 1


# The stored state is what the events give ------------------------------------------------

RECEIVED = D(2026, 3, 2)  # a Monday

SCENARIOS = {
    "registered only": ([], "registered", set()),
    "forward, accept, extend, close, follow up": ([
        ("forwarded", 2, {"unit": "人社局"}),
        ("accepted", 5, {}),
        ("extended", 40, {"days": 10, "reason": "需现场核查"}),
        ("closed", 60, {"result": "resolved", "opinion": "已督促支付"}),
        ("followed_up", 70, {"satisfaction": "satisfied"}),
    ], "closed", set()),
    "assigned, objection, forwarded anew": ([
        ("assigned", 1, {"unit": "住建局", "report_by": "2026-03-20"}),
        ("objected", 4, {"reason": "不属本单位职责"}),
        ("forwarded", 6, {"unit": "自然资源局"}),
        ("accepted", 10, {}),
        ("closed", 50, {"result": "partly"}),
    ], "closed", set()),
    "review and recheck to final": ([
        ("accepted", 0, {}),
        ("closed", 30, {"result": "unsupported"}),
        ("review_requested", 40, {}),
        ("review_concluded", 65, {"result": "upheld"}),
        ("recheck_requested", 80, {}),
        ("recheck_hearing", 95, {"from": "2026-06-01", "to": "2026-06-03"}),
        ("recheck_concluded", 120, {"result": "upheld"}),
    ], "final", {"final"}),
    "closed on the spot": ([("closed", 0, {"result": "resolved"})], "closed", {"on_the_spot"}),
    "forwarded, not accepted": ([
        ("forwarded", 3, {"unit": "人社局"}),
        ("rejected", 9, {"reason": "no_remit"}),
    ], "rejected", set()),
    "redirected to litigation": ([("redirected", 1, {"route": "litigation"})], "redirected",
                                 set()),
    "late objection": ([
        ("forwarded", 1, {"unit": "人社局"}),
        ("objected", 20, {"reason": "非本单位"}),
    ], "registered", {"late_objection"}),
    "late review request": ([
        ("accepted", 1, {}),
        ("closed", 10, {"result": "resolved"}),
        ("review_requested", 50, {}),
    ], "under_review", {"late_review_request"}),
    "escalated to a leader, notes and a reveal": ([
        ("note", 0, {"text": "电话联系"}),
        ("escalated", 3, {"leader": "王书记", "plan": "包案化解"}),
        ("revealed", 5, {"fields": ["id_number", "phone"], "command": "show"}),
        ("forwarded", 6, {"unit": "人社局"}),
    ], "forwarded", {"escalated"}),
    "reopened and closed again": ([
        ("accepted", 1, {}),
        ("closed", 20, {"result": "resolved"}),
        ("reopened", 25, {"reason": "未落实"}),
        ("closed", 40, {"result": "mediated"}),
    ], "closed", set()),
    "forwarded late, still waiting": ([("forwarded", 30, {"unit": "人社局"})], "forwarded",
                                      set()),
}


def _play(ledger: Ledger, steps, **fields) -> str:
    number = register(ledger, RECEIVED, **fields)
    for kind, offset, details in steps:
        assert kind in TRANSITIONS
        acts.record(ledger, number, kind, officer=OFFICER, on=RECEIVED + dt.timedelta(days=offset),
                   details=details)
    return number


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_replaying_events_gives_the_stored_state(ledger, db_path, name):
    steps, status, flags = SCENARIOS[name]
    number = _play(ledger, steps)
    cid = case_id(ledger, number)
    stored = ledger.stored_state(cid)
    assert stored.status == status
    assert stored.flags == flags
    assert stored == ledger.replayed_state(cid)
    # The same from a fresh connection.
    again = Ledger.open(db_path, create=False, today=TODAY)
    try:
        assert again.replayed_state(cid) == again.stored_state(cid) == stored
    finally:
        again.close()


def test_replay_with_several_cases_in_one_ledger(ledger):
    numbers = [_play(ledger, steps) for steps, _, _ in SCENARIOS.values()]
    for number in numbers:
        cid = case_id(ledger, number)
        assert ledger.stored_state(cid) == ledger.replayed_state(cid)


def test_clocks_follow_the_lifecycle(ledger):
    number = _play(ledger, SCENARIOS["forward, accept, extend, close, follow up"][0])
    state = ledger.stored_state(case_id(ledger, number))
    by_code = {c.clock: c for c in state.clocks}
    assert set(by_code) == {"forward", "notify", "objection", "handle", "review_request",
                            "evaluation"}
    assert by_code["forward"].stopped_on == D(2026, 3, 4)
    handle = by_code["handle"]
    assert handle.started_on == D(2026, 3, 7)
    assert handle.extra_days == 10
    # 03-07 + 60 + 10 = 05-16 (Saturday) → Monday 05-18.
    assert handle.due_on == D(2026, 5, 18)
    assert handle.stopped_on == D(2026, 5, 1) and not handle.late
    assert by_code["evaluation"].stopped_on == D(2026, 5, 11)
    assert by_code["review_request"].running
    assert state.satisfaction == "satisfied"
    assert state.result == "resolved"
    assert state.unit == "人社局"


def test_late_forwarding_is_marked_late(ledger):
    number = _play(ledger, SCENARIOS["forwarded late, still waiting"][0])
    forward = clocks(ledger, number)["forward"]
    assert forward.stopped_on == D(2026, 4, 1)
    assert forward.late


def test_assignment_report_date_is_fixed(ledger):
    number = _play(ledger, [("assigned", 1, {"unit": "住建局", "report_by": "2026-03-20"})])
    report = clocks(ledger, number)["report"]
    assert report.due_on == D(2026, 3, 20) and report.fixed and report.running


def test_recheck_hearing_days_are_not_counted(ledger):
    number = _play(ledger, SCENARIOS["review and recheck to final"][0][:6])
    recheck = clocks(ledger, number)["recheck"]
    # requested 05-21; hearing 06-01…06-03 adds 3 days: 05-21 + 30 + 3 = 06-23.
    assert recheck.started_on == D(2026, 5, 21)
    assert recheck.extra_days == 3
    assert recheck.due_on == D(2026, 6, 23)


def test_registration_flags_are_kept(ledger):
    number = register(ledger, flags=["to_province"], headcount=6)
    cid = case_id(ledger, number)
    assert "to_province" in ledger.stored_state(cid).flags
    assert ledger.stored_state(cid) == ledger.replayed_state(cid)


def test_notes_do_not_move_the_state(ledger):
    number = register(ledger, D(2026, 11, 2))
    before = ledger.stored_state(case_id(ledger, number))
    acts.record(ledger, number, "note", officer=OFFICER, details={"text": "再次来电"})
    assert ledger.stored_state(case_id(ledger, number)) == before


# Policy and calendar changes -----------------------------------------------------------


def _same_apart_from_stopped_due_dates(stored: CaseState, replayed: CaseState) -> None:
    """After a policy or calendar change a stopped clock keeps the due date it had, while a
    replay counts it under today's rules; everything else must agree."""
    assert stored.status == replayed.status
    assert stored.flags == replayed.flags
    assert len(stored.clocks) == len(replayed.clocks)
    for mine, theirs in zip(stored.clocks, replayed.clocks, strict=True):
        if mine.running:
            assert mine == theirs
        else:
            assert (mine.clock, mine.started_on, mine.stopped_on) == (
                theirs.clock, theirs.started_on, theirs.stopped_on)


def test_policy_change_moves_running_clocks_only(ledger, db_path):
    forwarded = register(ledger, D(2026, 11, 2))
    acts.record(ledger, forwarded, "forwarded", officer=OFFICER, on=D(2026, 11, 5),
               details={"unit": "人社局"})
    waiting = register(ledger, D(2026, 11, 16))
    assert clocks(ledger, forwarded)["forward"].due_on == D(2026, 11, 17)
    assert clocks(ledger, waiting)["forward"].due_on == D(2026, 12, 1)
    assert clocks(ledger, forwarded)["notify"].due_on == D(2026, 11, 20)

    settings.set_policy(ledger, "forward", "5", "工作日", OFFICER)
    settings.set_policy(ledger, "notify", "10", None, OFFICER)

    # Running: recomputed. 11-16 + 5 working days = 11-23; 11-05 + 10 = Sunday 11-15 → 11-16.
    running = clocks(ledger, waiting)["forward"]
    assert (running.length, running.unit, running.due_on) == (5, "workdays", D(2026, 11, 23))
    assert clocks(ledger, forwarded)["notify"].due_on == D(2026, 11, 16)
    # Stopped: keeps the due date and rule it ran under.
    stopped = clocks(ledger, forwarded)["forward"]
    assert (stopped.length, stopped.unit, stopped.due_on) == (15, "days", D(2026, 11, 17))
    # The fast query column follows.
    next_due = ledger.db.execute(
        "SELECT next_due_on FROM cases WHERE number = ?", [waiting]).fetchone()[0]
    assert next_due == "2026-11-23"

    for number in (forwarded, waiting):
        cid = case_id(ledger, number)
        _same_apart_from_stopped_due_dates(ledger.stored_state(cid), ledger.replayed_state(cid))

    # The policy is stored in the ledger, with who changed it.
    again = Ledger.open(db_path, create=False, today=TODAY)
    try:
        assert again.policy.rule("forward") == ClockRule(5, "workdays")
        assert again.policy.rule("notify") == ClockRule(10, "days")
    finally:
        again.close()
    officers = {row[0] for row in ledger.db.execute(
        "SELECT officer FROM settings_log WHERE key LIKE 'clock.%'")}
    assert officers == {OFFICER}


def test_new_clocks_start_under_the_new_policy(ledger):
    settings.apply_preset(ledger, "henan", OFFICER)
    number = register(ledger, D(2026, 11, 2))
    forward = clocks(ledger, number)["forward"]
    assert (forward.length, forward.due_on) == (5, D(2026, 11, 9))  # 11-07 is a Saturday
    acts.record(ledger, number, "accepted", officer=OFFICER, on=D(2026, 11, 3))
    assert clocks(ledger, number)["handle"].length == 30
    settings.apply_preset(ledger, "national", OFFICER)
    assert clocks(ledger, number)["handle"].length == 60
    assert clocks(ledger, number)["forward"].length == 5  # stopped under the Henan rule


def test_policy_change_keeps_extensions(ledger):
    number = register(ledger, D(2026, 9, 1))
    acts.record(ledger, number, "accepted", officer=OFFICER, on=D(2026, 9, 1))
    acts.record(ledger, number, "extended", officer=OFFICER, on=D(2026, 10, 1), details={"days": 30})
    assert clocks(ledger, number)["handle"].due_on == D(2026, 11, 30)
    settings.set_policy(ledger, "handle", "30", None, OFFICER)
    # 09-01 + 30 + 30 = 10-31 (Saturday) → 11-02.
    handle = clocks(ledger, number)["handle"]
    assert (handle.length, handle.extra_days, handle.due_on) == (30, 30, D(2026, 11, 2))


@pytest.mark.parametrize(
    "key, value, unit, error",
    [
        ("forward", "0", None, BadPolicy),
        ("forward", "366", None, BadPolicy),
        ("forward", "abc", None, BadPolicy),
        ("warning_days", "-1", None, BadPolicy),
        ("warning_days", "3", "days", BadPolicy),
        ("nothing", "3", None, UnknownPolicyKey),
    ],
)
def test_bad_policy_changes_are_refused(ledger, key, value, unit, error):
    with pytest.raises(error):
        settings.set_policy(ledger, key, value, unit, OFFICER)
    assert count(ledger, "settings_log") == 2  # only the office code and name


def test_calendar_override_moves_running_clocks_only(ledger):
    waiting = register(ledger, D(2026, 11, 20))
    done = register(ledger, D(2026, 11, 2))
    acts.record(ledger, done, "forwarded", officer=OFFICER, on=D(2026, 11, 5), details={"unit": "人社局"})
    assert clocks(ledger, waiting)["forward"].due_on == D(2026, 12, 7)
    assert clocks(ledger, done)["forward"].due_on == D(2026, 11, 17)

    settings.add_override(ledger, D(2026, 12, 7), False, "全县停电", OFFICER)
    settings.add_override(ledger, D(2026, 11, 17), False, "培训", OFFICER)
    assert clocks(ledger, waiting)["forward"].due_on == D(2026, 12, 8)
    assert clocks(ledger, done)["forward"].due_on == D(2026, 11, 17)  # stopped: kept
    for number in (waiting, done):
        cid = case_id(ledger, number)
        _same_apart_from_stopped_due_dates(ledger.stored_state(cid), ledger.replayed_state(cid))

    settings.remove_override(ledger, D(2026, 12, 7), OFFICER)
    assert clocks(ledger, waiting)["forward"].due_on == D(2026, 12, 7)
    with pytest.raises(OverrideNotFound):
        settings.remove_override(ledger, D(2026, 12, 7), OFFICER)

    # An extra working day on Saturday 12-05 holds the due date there.
    settings.add_override(ledger, D(2026, 12, 5), True, "集中接访日", OFFICER)
    assert clocks(ledger, waiting)["forward"].due_on == D(2026, 12, 5)
    cid = case_id(ledger, waiting)
    assert ledger.stored_state(cid) == ledger.replayed_state(cid)


def test_overrides_are_stored_with_the_officer(ledger, db_path):
    settings.add_override(ledger, D(2026, 12, 24), False, "县里统一停电", "李干事")
    again = Ledger.open(db_path, create=False, today=TODAY)
    try:
        override = again.calendar.overrides[D(2026, 12, 24)]
        assert (override.working, override.reason) == (False, "县里统一停电")
        assert not again.calendar.is_working_day(D(2026, 12, 24))
    finally:
        again.close()
    assert ledger.db.execute("SELECT officer FROM calendar_overrides").fetchone()[0] == "李干事"


# The file, its pragmas and its migrations -------------------------------------------------


def test_new_ledger_file_is_readable_by_its_owner_only(ledger, db_path):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_ledger_in_a_new_directory(tmp_path):
    path = tmp_path / "deep" / "er" / "ledger.db"
    ledger = Ledger.open(path, create=True, today=TODAY)
    ledger.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_read_only_open_of_a_missing_ledger_creates_nothing(tmp_path):
    path = tmp_path / "nowhere" / "ledger.db"
    with pytest.raises(LedgerMissing) as info:
        Ledger.open(path, create=False)
    assert str(path) in info.value.message("zh")
    assert "xinfang register" in info.value.message("zh")
    assert not path.exists()
    assert not path.parent.exists()


def test_pragmas(ledger):
    pragma = ledger.db.execute
    assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
    assert pragma("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_foreign_keys_are_enforced(ledger):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        ledger.db.execute(
            "INSERT INTO events(uid, case_id, kind, acted_on, recorded_at, officer) "
            "VALUES ('u', 999, 'note', '2026-11-23', '2026-11-23T00:00:00', 'x')"
        )
    ledger.db.conn.rollback()


def test_schema_comes_from_named_migrations(ledger, db_path):
    names = schema_version(ledger.db)
    assert names[0] == "m001_initial"
    assert all(re.fullmatch(r"m\d{3}_\w+", name) for name in names)
    ledger.close()
    db = open_ledger(db_path, create=False)  # opening again applies nothing twice
    try:
        assert schema_version(db) == names
        tables = set(db.table_names())
        assert {"cases", "events", "clocks", "people", "case_people", "settings"} <= tables
    finally:
        db.close()


def test_ledger_from_a_newer_version_is_left_alone(ledger, db_path):
    ledger.db.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('xinfang', 'm999_future', '2030-01-01 00:00:00')"
    )
    ledger.db.conn.commit()
    ledger.close()
    with pytest.raises(LedgerTooNew) as info:
        Ledger.open(db_path, create=True)
    assert "m999_future" in info.value.message("zh")


def test_details_are_stored_as_json(ledger):
    number = register(ledger)
    acts.record(ledger, number, "note", officer=OFFICER, details={"text": "含“引号”和 [b]括号[/b]"})
    raw = ledger.db.execute("SELECT details FROM events WHERE kind = 'note'").fetchone()[0]
    assert json.loads(raw) == {"text": "含“引号”和 [b]括号[/b]"}
