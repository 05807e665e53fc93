"""The life of a case (DOMAIN.md §3) and its clocks (§4), on real ledgers.

The state machine is written out here from the §3 diagram, independently of
`lifecycle.TRANSITIONS`; the tests check the table agrees with it and then drive ledgers
into every state and try every act. Expected due dates are counted by hand from the
2026 calendar facts below, never by calling the code under test.

Calendar facts used (2026 official schedule):
- Spring Festival: 02-15 … 02-23 rest; 02-14 (Sat) and 02-28 (Sat) are make-up working days.
- National Day: 10-01 … 10-07 rest; 09-20 (Sun) and 10-10 (Sat) are make-up working days.
- Otherwise Saturdays and Sundays rest; 2026-11-23 (today in these tests) is a Monday.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from xinfang import acts
from xinfang.cases import lifecycle
from xinfang.cases.intake import make_intake, make_person
from xinfang.cases.lifecycle import ANY, TRANSITIONS, ExtensionTooLong
from xinfang.deadlines.clocks import DUTIES, WINDOWS, Clock
from xinfang.errors import (
    BadAct,
    BadChoice,
    DateBeforePrevious,
    FutureDate,
    MissingField,
    NotAllowed,
    UnknownUnit,
)
from xinfang.store import queries, settings, writer
from xinfang.store.ledger import Ledger

TODAY = dt.date(2026, 11, 23)
D = dt.date.fromisoformat

# --- The §3 diagram, written out by hand --------------------------------------------------

STATES = (
    "registered", "forwarded", "accepted", "closed", "under_review", "reviewed",
    "under_recheck", "final", "rejected", "redirected", "void", "archived",
)
# Allowed in any state; they never move the case.
ANYWHERE = ("note", "escalated", "followed_up")
# state -> {act: the state after it}
STEPS: dict[str, dict[str, str]] = {
    "registered": {
        "forwarded": "forwarded", "assigned": "forwarded",
        "accepted": "accepted",  # the office handles it itself
        "closed": "closed",  # closed on the spot (当场办结)
        "rejected": "rejected", "redirected": "redirected",
    },
    "forwarded": {
        "accepted": "accepted", "objected": "registered",
        "rejected": "rejected", "redirected": "redirected",
    },
    "accepted": {"extended": "accepted", "closed": "closed"},
    "closed": {"review_requested": "under_review", "reopened": "accepted"},
    "under_review": {"review_concluded": "reviewed"},
    "reviewed": {"recheck_requested": "under_recheck"},
    "under_recheck": {"recheck_hearing": "under_recheck", "recheck_concluded": "final"},
    "final": {},
    "rejected": {},
    "redirected": {},
    "void": {},
    "archived": {},
}
# Corrections (DOMAIN.md §3): a forwarded case re-routed to another unit; an assignment's
# report-by date changed or answered by an interim report; any case registered by mistake
# voided whole; an open case kept as history (archived).
STEPS["forwarded"].update(rerouted="forwarded", report_due_changed="forwarded",
                          interim_reported="forwarded")
STEPS["accepted"].update(report_due_changed="accepted", interim_reported="accepted")
for _state in ("registered", "forwarded", "accepted", "closed", "under_review", "reviewed",
               "under_recheck", "final", "rejected", "redirected"):
    STEPS[_state]["voided"] = "void"
for _state in ("registered", "forwarded", "accepted", "under_review", "under_recheck"):
    STEPS[_state]["archived"] = "archived"
# Allowed, but never offered as a next step in a refusal.
NOT_OFFERED = ("voided", "archived", "report_due_changed", "interim_reported")
# Allowed only on an assignment (a running report clock): tried in test_corrections.
NEEDS_ASSIGNMENT = ("report_due_changed", "interim_reported")
# Bookkeeping about a case rather than steps of its life: allowed anywhere, never offered
# as a next step (personal data shown unmasked; an officer's word on a repeat link; a
# registration corrected; an act withdrawn; a document written for the case; a written
# reply delivered, which may be recorded after later acts: tried in test_regulation).
BOOKKEEPING = ("revealed", "repeat_marked", "exported", "corrected", "withdrawn",
               "unit_renamed", "notice", "people_linked", "delivered", "rejudged")
ACTS = tuple(sorted({act for steps in STEPS.values() for act in steps} | set(ANYWHERE)))

STATE_ZH = {
    "registered": "已登记", "forwarded": "已转送", "accepted": "已受理", "closed": "已办结",
    "under_review": "复查中", "reviewed": "已复查", "under_recheck": "复核中",
    "final": "已终结", "rejected": "不予受理", "redirected": "已告知法定途径",
    "void": "已作废", "archived": "已归档",
}
# What an officer types for each act.
COMMAND = {
    "forwarded": "forward", "assigned": "forward --assign", "objected": "object",
    "accepted": "accept", "rejected": "reject", "redirected": "redirect", "extended": "extend",
    "escalated": "escalate", "closed": "close", "review_requested": "review request",
    "review_concluded": "review conclude", "recheck_requested": "recheck request",
    "recheck_hearing": "recheck hearing", "recheck_concluded": "recheck conclude",
    "followed_up": "followup", "reopened": "reopen", "note": "note", "rerouted": "forward",
}

# §4: which acts start and stop each clock. `report` is an assignment's report-by date;
# reopening a closed case ends its request and evaluation windows and restarts handling.
STARTS = {
    "forward": {"registered", "objected"},
    "notify": {"forwarded", "assigned", "rerouted"},
    "objection": {"forwarded", "assigned", "rerouted"},
    "report": {"assigned"},
    "handle": {"accepted", "reopened"},
    "review_request": {"closed"},
    "review": {"review_requested"},
    "recheck_request": {"review_concluded"},
    "recheck": {"recheck_requested"},
    "evaluation": {"closed"},
}
STOPS = {
    "forward": {"forwarded", "assigned", "accepted", "rejected", "redirected", "closed"},
    "notify": {"accepted", "rejected", "redirected", "objected", "rerouted"},
    "objection": {"objected", "accepted", "rejected", "redirected", "rerouted"},
    "handle": {"closed"},
    "review_request": {"review_requested", "reopened"},
    "review": {"review_concluded"},
    "recheck_request": {"recheck_requested"},
    "recheck": {"recheck_concluded"},
    # Satisfaction recorded by a follow-up also stops it (checked on a ledger below).
    "evaluation": {"reopened"},
}

# The acts that lead from registration into each state, one day apart.
PATHS = {
    "registered": [],
    "forwarded": ["forwarded"],
    "accepted": ["forwarded", "accepted"],
    "closed": ["forwarded", "accepted", "closed"],
    "under_review": ["forwarded", "accepted", "closed", "review_requested"],
    "reviewed": ["forwarded", "accepted", "closed", "review_requested", "review_concluded"],
    "under_recheck": ["forwarded", "accepted", "closed", "review_requested",
                      "review_concluded", "recheck_requested"],
    "final": ["forwarded", "accepted", "closed", "review_requested", "review_concluded",
              "recheck_requested", "recheck_concluded"],
    "rejected": ["rejected"],
    "redirected": ["redirected"],
    "void": ["voided"],
    "archived": ["archived"],
}


# --- Helpers --------------------------------------------------------------------------------


@pytest.fixture
def office(ledger: Ledger) -> Ledger:
    """The test ledger with the units cases go to."""
    writer.add_unit(ledger, "人社局", "县区")
    writer.add_unit(ledger, "住建局", "县区")
    writer.add_unit(ledger, "县信访局", "县区")
    return ledger


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Ledger:
    """One ledger for the exhaustive walk: each test works on cases of its own, and a
    ledger (with its holiday calendar) is costly to make 170 times."""
    ledger = Ledger.open(tmp_path_factory.mktemp("walk") / "ledger.db", create=True,
                         today=TODAY)
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    writer.add_unit(ledger, "人社局", "县区")
    writer.add_unit(ledger, "住建局", "县区")
    yield ledger
    ledger.close()


def register(ledger: Ledger, on: dt.date, name: str = "张三") -> str:
    intake = make_intake(channel="来访", content="工地拖欠工资", received_on=on,
                         today=ledger.today, people=[make_person(name)])
    return acts.register(ledger, intake, officer="登记员").number


def do(ledger: Ledger, number: str, act: str, on: dt.date | None = None,
       officer: str = "王专干") -> dict:
    """Perform one act with valid arguments, through the actions module."""
    day = on or ledger.today
    kw = {"officer": officer, "on": on}
    calls = {
        "forwarded": lambda: acts.forward(ledger, number, "人社局", **kw),
        "assigned": lambda: acts.forward(ledger, number, "人社局", assign=True,
                                            report_by=day + dt.timedelta(days=20), **kw),
        "objected": lambda: acts.object_(ledger, number, "不属于本单位职责", **kw),
        "accepted": lambda: acts.accept(ledger, number, **kw),
        "rejected": lambda: acts.reject(ledger, number, "no_remit", **kw),
        "redirected": lambda: acts.redirect(ledger, number, "litigation", **kw),
        "extended": lambda: acts.extend(ledger, number, 10, "需要现场勘查", "王局长", **kw),
        "escalated": lambda: acts.escalate(ledger, number, "重复信访", leader="李书记", **kw),
        "closed": lambda: acts.close(ledger, number, "resolved", "已督促企业补发工资", **kw),
        "review_requested": lambda: acts.review(ledger, number, "request", **kw),
        "review_concluded": lambda: acts.review(ledger, number, "conclude", **kw),
        "recheck_requested": lambda: acts.recheck(ledger, number, "request", **kw),
        "recheck_hearing": lambda: acts.recheck(ledger, number, "hearing", hearing_from=day,
                                                   hearing_to=day, **kw),
        "recheck_concluded": lambda: acts.recheck(ledger, number, "conclude", **kw),
        # A satisfaction rates the written reply: before the close, the contact only.
        "followed_up": lambda: acts.followup(ledger, number, **(
            {"satisfaction": "满意"} if state_of(ledger, number).closed_on
            else {"unreachable": True}), **kw),
        "reopened": lambda: acts.reopen(ledger, number, "处理意见未落实", **kw),
        "note": lambda: acts.record(ledger, number, "note", officer=officer, on=on,
                                   details={"text": "电话联系信访人"}),
        "rerouted": lambda: acts.reroute(ledger, number, "住建局", reason="转错单位", **kw),
        "voided": lambda: acts.void(ledger, number, reason="重复录入", **kw),
        "archived": lambda: acts.record(ledger, number, "archived", officer=officer, on=on,
                                       details={"basis": "officer", "reason": "旧案"}),
    }
    return calls[act]()


def drive(ledger: Ledger, state: str) -> str:
    """A new case registered on 11-02 and brought into `state`, one act a day."""
    number = register(ledger, D("2026-11-02"))
    for day, act in enumerate(PATHS[state], start=3):
        do(ledger, number, act, dt.date(2026, 11, day))
    return number


def state_of(ledger: Ledger, number: str) -> lifecycle.CaseState:
    return ledger.stored_state(ledger.find_case(number))


def clocks(ledger: Ledger, number: str, code: str) -> list[Clock]:
    return [c for c in state_of(ledger, number).clocks if c.clock == code]


def clock(ledger: Ledger, number: str, code: str) -> Clock:
    """The latest clock of that kind."""
    found = clocks(ledger, number, code)
    assert found, f"no {code} clock"
    return found[-1]


def events(ledger: Ledger, number: str) -> list[dict]:
    return ledger.events(ledger.find_case(number))


def allowed_commands(message: str) -> set[str]:
    """The commands a NotAllowed message lists as allowed now."""
    allowed = message.split("此状态下可以：", 1)[1]
    return set(re.findall(r"（([^）]+)）", allowed))


# --- The table agrees with the diagram -----------------------------------------------------


def test_table_has_exactly_the_acts_of_the_diagram():
    # The acts of office practice (DOMAIN.md §9) are tested in test_practice.py.
    assert set(TRANSITIONS) - {"registered", *BOOKKEEPING, *lifecycle.PRACTICE} == set(ACTS)


@pytest.mark.parametrize("act", ACTS)
def test_table_sources_and_targets_agree_with_the_diagram(act):
    rule = TRANSITIONS[act]
    if act in ANYWHERE:
        assert rule.sources == (ANY,)
        assert rule.target is None
        return
    assert set(rule.sources) == {state for state in STATES if act in STEPS[state]}
    for state in rule.sources:
        assert (rule.target or state) == STEPS[state][act]


@pytest.mark.parametrize("state", STATES)
def test_allowed_actions_per_state(state):
    assert set(lifecycle.allowed_actions(state)) == (
        set(STEPS[state]) - set(NOT_OFFERED)) | set(ANYWHERE)
    for act in ACTS:
        assert lifecycle.allowed(state, act) == (act in STEPS[state] or act in ANYWHERE)


def test_registration_only_starts_a_case():
    assert lifecycle.allowed(None, "registered")
    assert not any(lifecycle.allowed(state, "registered") for state in STATES)
    assert "registered" not in lifecycle.allowed_actions("registered")


@pytest.mark.parametrize("kind", BOOKKEEPING)
def test_bookkeeping_is_allowed_anywhere_and_moves_nothing(kind):
    rule = TRANSITIONS[kind]
    assert (rule.sources, rule.target, rule.stops, rule.starts) == ((ANY,), None, (), ())
    assert not any(kind in lifecycle.allowed_actions(state) for state in STATES)


@pytest.mark.parametrize("code", sorted(STARTS))
def test_table_starts_and_stops_each_clock_as_section_4_says(code):
    assert {k for k, rule in TRANSITIONS.items() if code in rule.starts} == STARTS[code]
    if code in STOPS:
        assert {k for k, rule in TRANSITIONS.items() if code in rule.stops} == STOPS[code]


def test_report_clock_outlives_acceptance_and_stops_when_the_result_comes():
    stoppers = {k for k, rule in TRANSITIONS.items() if "report" in rule.stops}
    assert "closed" in stoppers and "objected" in stoppers
    assert "accepted" not in stoppers


def test_clock_codes_split_into_duties_and_windows():
    assert set(DUTIES) == {"forward", "notify", "handle", "report", "review", "recheck",
                           "lead", "task"}
    assert set(WINDOWS) == {"objection", "review_request", "recheck_request",
                                      "evaluation"}


# --- Every state × every act on a real ledger ---------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_drive_reaches_each_state(shared, state):
    number = drive(shared, state)
    assert state_of(shared, number).status == state
    kinds = [event["kind"] for event in events(shared, number)]
    assert kinds == ["registered", *PATHS[state]]


# Forwarding a forwarded case again re-routes it (tried in test_corrections).
@pytest.mark.parametrize("state,act", [(s, a) for s in STATES for a in ACTS
                                       if a not in NEEDS_ASSIGNMENT and not (
                                           s == "forwarded" and a in ("forwarded", "assigned"))])
def test_every_act_in_every_state(shared, state, act):
    number = drive(shared, state)
    before = state_of(shared, number)
    count = len(events(shared, number))
    if act in STEPS[state] or act in ANYWHERE:
        event = do(shared, number, act)
        after = state_of(shared, number)
        assert after.status == STEPS[state].get(act, state)
        history = events(shared, number)
        assert len(history) == count + 1
        assert history[-1]["kind"] == act and history[-1]["uid"] == event["uid"]
        assert history[-1]["officer"] == "王专干"
        assert history[-1]["on"] == TODAY.isoformat()
        return
    with pytest.raises(NotAllowed) as refused:
        do(shared, number, act)
    message = refused.value.message("zh")
    assert f"“{STATE_ZH[state]}”" in message
    assert allowed_commands(message) == {COMMAND[a] for a in [*STEPS[state], *ANYWHERE]
                                         if a not in NOT_OFFERED}
    # Refused means nothing happened.
    assert len(events(shared, number)) == count
    assert state_of(shared, number) == before


def test_refusal_in_english_names_state_and_commands(office):
    number = drive(office, "final")
    with pytest.raises(NotAllowed) as refused:
        do(office, number, "closed")
    message = refused.value.message("en")
    assert "'final'" in message
    for command in ("note", "escalate", "followup"):
        assert f"({command})" in message


# --- Forward clock ---------------------------------------------------------------------------


@pytest.mark.parametrize("received,due", [
    ("2026-09-28", "2026-10-13"),  # plain
    ("2026-09-20", "2026-10-08"),  # 10-05 falls in 10-01…07: next working day 10-08
    ("2026-02-01", "2026-02-24"),  # 02-16 falls in 02-15…23: next working day 02-24
    ("2026-01-30", "2026-02-14"),  # 02-14 is a Saturday but a make-up working day
    ("2026-02-13", "2026-02-28"),  # 02-28 is a Saturday but a make-up working day
    ("2026-09-05", "2026-09-20"),  # 09-20 is a Sunday but a make-up working day
    ("2026-09-25", "2026-10-10"),  # 10-10 is a Saturday but a make-up working day
    ("2026-10-24", "2026-11-09"),  # 11-08 is a Sunday: Monday 11-09
])
def test_forward_clock_starts_at_registration(office, received, due):
    number = register(office, D(received))
    forward = clock(office, number, "forward")
    assert (forward.started_on, forward.length, forward.unit) == (D(received), 15, "days")
    assert forward.due_on == D(due)
    assert forward.running


@pytest.mark.parametrize("act", ["forwarded", "assigned", "accepted", "rejected",
                                 "redirected", "closed"])
def test_forward_clock_stops_at(office, act):
    number = register(office, D("2026-09-20"))
    do(office, number, act, D("2026-10-08"))
    forward = clock(office, number, "forward")
    assert forward.stopped_on == D("2026-10-08")
    assert not forward.late


def test_forward_after_its_due_date_is_late(office):
    number = register(office, D("2026-09-20"))  # due 2026-10-08
    do(office, number, "forwarded", D("2026-10-09"))
    assert clock(office, number, "forward").late


@pytest.mark.parametrize("act", ["note", "escalated", "followed_up"])
def test_asides_do_not_stop_the_forward_clock(office, act):
    number = register(office, D("2026-11-02"))
    do(office, number, act, D("2026-11-05"))
    assert clock(office, number, "forward").running


# --- Notify clock, objection window, report-by date ---------------------------------------


@pytest.mark.parametrize("forwarded,notify_due,objection_due", [
    # notify 09-30 + 15 = 10-15; objection: 10-08, 10-09, 10-10 (make-up Sat), 10-12, 10-13
    ("2026-09-30", "2026-10-15", "2026-10-13"),
    # notify 02-20 is in the festival: 02-24; objection: 02-06, 02-09, 02-10, 02-11, 02-12
    ("2026-02-05", "2026-02-24", "2026-02-12"),
    # notify 02-27 (Fri); objection: 02-13, 02-14 (make-up Sat), 02-24, 02-25, 02-26
    ("2026-02-12", "2026-02-27", "2026-02-26"),
])
def test_forwarding_starts_notify_clock_and_objection_window(office, forwarded, notify_due,
                                                           objection_due):
    number = register(office, D(forwarded) - dt.timedelta(days=2))
    do(office, number, "forwarded", D(forwarded))
    notify = clock(office, number, "notify")
    objection = clock(office, number, "objection")
    assert (notify.started_on, notify.length, notify.unit) == (D(forwarded), 15, "days")
    assert notify.due_on == D(notify_due)
    assert (objection.started_on, objection.length, objection.unit) == (
        D(forwarded), 5, "workdays")
    assert objection.due_on == D(objection_due)
    state = state_of(office, number)
    assert (state.holder_kind, state.holder, state.holder_since) == (
        "unit", "人社局", D(forwarded))
    assert state.unit == "人社局"


@pytest.mark.parametrize("act", ["accepted", "rejected", "redirected", "objected"])
def test_notify_clock_and_objection_window_stop_at(office, act):
    number = register(office, D("2026-09-28"))
    do(office, number, "forwarded", D("2026-09-30"))
    do(office, number, act, D("2026-10-12"))
    assert clock(office, number, "notify").stopped_on == D("2026-10-12")
    assert clock(office, number, "objection").stopped_on == D("2026-10-12")


def test_assignment_sets_a_report_by_date(office):
    number = register(office, D("2026-11-02"))
    acts.forward(office, number, "人社局", officer="王专干", on=D("2026-11-03"),
                    assign=True, report_by=D("2026-11-20"))
    report = clock(office, number, "report")
    assert report.started_on == D("2026-11-03")
    assert report.due_on == D("2026-11-20") and report.fixed
    assert clock(office, number, "notify").running
    assert clock(office, number, "objection").running
    do(office, number, "accepted", D("2026-11-04"))
    assert clock(office, number, "report").running  # the unit still owes its report
    do(office, number, "closed", D("2026-11-18"))
    assert clock(office, number, "report").stopped_on == D("2026-11-18")
    assert events(office, number)[1]["details"]["report_by"] == "2026-11-20"


def test_assignment_needs_a_report_by_date_after_the_assignment(office):
    number = register(office, D("2026-11-02"))
    with pytest.raises(MissingField):
        acts.forward(office, number, "人社局", officer="王专干", assign=True)
    with pytest.raises(BadAct):
        acts.forward(office, number, "人社局", officer="王专干", on=D("2026-11-10"),
                        assign=True, report_by=D("2026-11-10"))
    with pytest.raises(BadAct):
        acts.forward(office, number, "人社局", officer="王专干", report_by=D("2026-12-01"))
    assert len(events(office, number)) == 1


def test_forward_to_a_unit_not_in_the_list_is_refused(office):
    number = register(office, D("2026-11-02"))
    with pytest.raises(UnknownUnit) as refused:
        acts.forward(office, number, "人社", officer="王专干")
    assert "人社局" in refused.value.message("zh")  # the closest name is suggested
    assert state_of(office, number).status == "registered"


# --- Objection -------------------------------------------------------------------------------


def test_objection_in_time_sends_the_case_back_and_restarts_forwarding(office):
    number = register(office, D("2026-09-28"))
    do(office, number, "forwarded", D("2026-09-30"))  # objection window ends 10-13
    event = do(office, number, "objected", D("2026-10-13"))
    state = state_of(office, number)
    assert state.status == "registered"
    assert (state.holder_kind, state.holder, state.holder_since) == (
        "office", "office", D("2026-10-13"))
    assert "late_objection" not in state.flags
    assert "late" not in event["details"]
    assert event["details"]["reason"] == "不属于本单位职责"
    objection = clock(office, number, "objection")
    assert objection.stopped_on == D("2026-10-13") and not objection.late
    first, second = clocks(office, number, "forward")
    assert first.stopped_on == D("2026-09-30")
    assert second.started_on == D("2026-10-13")
    assert second.due_on == D("2026-10-28")  # 10-13 + 15, a Wednesday
    assert second.running


def test_late_objection_is_recorded_and_flagged(office):
    number = register(office, D("2026-09-28"))
    do(office, number, "forwarded", D("2026-09-30"))
    event = do(office, number, "objected", D("2026-10-14"))  # a working day after 10-13
    state = state_of(office, number)
    assert state.status == "registered"
    assert "late_objection" in state.flags
    assert event["details"]["late"] == ["objection"]
    assert events(office, number)[-1]["details"]["late"] == ["objection"]
    assert clock(office, number, "objection").late
    assert clock(office, number, "forward").due_on == D("2026-10-29")


def test_objection_stops_an_assignment_report(office):
    number = register(office, D("2026-11-02"))
    do(office, number, "assigned", D("2026-11-03"))
    do(office, number, "objected", D("2026-11-05"))
    assert clock(office, number, "report").stopped_on == D("2026-11-05")


def test_after_an_objection_the_case_is_forwarded_anew(office):
    number = register(office, D("2026-11-02"))
    do(office, number, "forwarded", D("2026-11-03"))
    do(office, number, "objected", D("2026-11-04"))
    acts.forward(office, number, "住建局", officer="王专干", on=D("2026-11-05"))
    state = state_of(office, number)
    assert state.status == "forwarded"
    assert (state.unit, state.holder) == ("住建局", "住建局")
    assert [c.started_on for c in clocks(office, number, "notify")] == [
        D("2026-11-03"), D("2026-11-05")]
    assert all(not c.running for c in clocks(office, number, "forward"))


def test_objection_needs_a_reason(office):
    number = drive(office, "forwarded")
    with pytest.raises(MissingField):
        acts.object_(office, number, "  ", officer="王专干")


@pytest.mark.parametrize("act", ["accepted", "rejected", "redirected"])
def test_acts_after_the_objection_window_are_not_late_objections(office, act):
    """The window waits for an objection; a unit accepting (or not) after it lapsed
    has not objected late."""
    number = register(office, D("2026-09-28"))
    do(office, number, "forwarded", D("2026-09-30"))  # objection window ends 10-13
    event = do(office, number, act, D("2026-10-14"))
    assert "late_objection" not in state_of(office, number).flags
    assert "late" not in event["details"]
    assert "late" not in events(office, number)[-1]["details"]


# --- Handling: acceptance, extensions, closing ----------------------------------------------


def test_office_accepts_itself_from_registered(office):
    number = register(office, D("2026-07-01"))
    do(office, number, "accepted", D("2026-07-02"))
    state = state_of(office, number)
    assert state.status == "accepted" and state.accepted_on == D("2026-07-02")
    assert (state.holder_kind, state.holder) == ("office", "office")
    assert clock(office, number, "forward").stopped_on == D("2026-07-02")
    assert clock(office, number, "handle").due_on == D("2026-08-31")  # a Monday
    assert clocks(office, number, "notify") == []


def accepted_on(office: Ledger, day: str) -> str:
    number = register(office, D(day) - dt.timedelta(days=3))
    do(office, number, "forwarded", D(day) - dt.timedelta(days=1))
    do(office, number, "accepted", D(day))
    return number


@pytest.mark.parametrize("accepted,due", [
    ("2026-08-01", "2026-09-30"),  # plain (DOMAIN worked example)
    ("2025-12-20", "2026-02-24"),  # 02-18 is in the Spring Festival
    ("2026-08-06", "2026-10-08"),  # 10-05 is in the National Day holiday
])
def test_handle_clock(office, accepted, due):
    number = accepted_on(office, accepted)
    handle = clock(office, number, "handle")
    assert (handle.started_on, handle.length, handle.unit) == (D(accepted), 60, "days")
    assert handle.due_on == D(due)
    assert state_of(office, number).accepted_on == D(accepted)


def extend(office: Ledger, number: str, days: int, on: str = "2026-08-20") -> dict:
    return acts.extend(office, number, days, "需要现场勘查", "王局长", officer="王专干",
                          on=D(on))


def test_thirty_days_extension(office):
    number = accepted_on(office, "2026-08-01")
    event = extend(office, number, 30)
    handle = clock(office, number, "handle")
    assert handle.extra_days == 30
    assert handle.due_on == D("2026-10-30")  # 08-01 + 90
    assert handle.started_on == D("2026-08-01")
    assert event["details"] == {"days": 30, "reason": "需要现场勘查", "approved_by": "王局长"}
    assert state_of(office, number).status == "accepted"


def test_extension_days_are_added_before_the_rest_day_roll(office):
    number = accepted_on(office, "2026-08-01")
    extend(office, number, 5)
    # 08-01 + 65 = 10-05, a holiday: 10-08 (not 09-30 + 5 = 10-05)
    assert clock(office, number, "handle").due_on == D("2026-10-08")


def test_extensions_add_up_to_thirty(office):
    number = accepted_on(office, "2026-08-01")
    extend(office, number, 20)
    assert clock(office, number, "handle").due_on == D("2026-10-20")  # 08-01 + 80
    extend(office, number, 10, on="2026-09-01")
    assert clock(office, number, "handle").due_on == D("2026-10-30")
    assert clock(office, number, "handle").extra_days == 30


@pytest.mark.parametrize("first,second,left", [(20, 11, 10), (30, 1, 0), (None, 31, 30)])
def test_extension_beyond_thirty_is_refused_saying_what_is_left(office, first, second, left):
    number = accepted_on(office, "2026-08-01")
    if first:
        extend(office, number, first)
    before = state_of(office, number)
    count = len(events(office, number))
    with pytest.raises(ExtensionTooLong) as refused:
        extend(office, number, second, on="2026-09-01")
    message = refused.value.message("zh")
    assert f"最多还能延 {left} 日" in message
    assert "30" in message
    assert f"{left} left" in refused.value.message("en")
    assert state_of(office, number) == before
    assert len(events(office, number)) == count


def test_extension_needs_days_a_reason_and_an_approver(office):
    number = accepted_on(office, "2026-08-01")
    with pytest.raises(BadAct):
        acts.extend(office, number, 0, "理由", "王局长", officer="王专干")
    with pytest.raises(MissingField):
        acts.extend(office, number, 5, "", "王局长", officer="王专干")
    with pytest.raises(MissingField):
        acts.extend(office, number, 5, "理由", " ", officer="王专干")
    assert clock(office, number, "handle").extra_days == 0


def test_close_stops_handling_and_opens_the_windows(office):
    number = accepted_on(office, "2026-08-01")
    do(office, number, "closed", D("2026-09-05"))
    state = state_of(office, number)
    assert state.status == "closed"
    assert state.closed_on == D("2026-09-05") and state.result == "resolved"
    assert state.accepted_on == D("2026-08-01")
    assert "on_the_spot" not in state.flags
    handle = clock(office, number, "handle")
    assert handle.stopped_on == D("2026-09-05") and not handle.late
    # 09-05 + 30 = 10-05, a holiday: both windows end 10-08
    for code in ("review_request", "evaluation"):
        window = clock(office, number, code)
        assert (window.started_on, window.due_on) == (D("2026-09-05"), D("2026-10-08"))
        assert window.running


def test_closing_after_the_handling_period_is_late(office):
    number = accepted_on(office, "2026-08-01")  # due 09-30
    do(office, number, "closed", D("2026-10-01"))
    assert clock(office, number, "handle").late


def test_close_from_registered_later_is_closed_by_the_office(office):
    number = register(office, D("2026-11-02"))
    do(office, number, "closed", D("2026-11-05"))
    state = state_of(office, number)
    assert state.status == "closed"
    assert state.accepted_on == D("2026-11-05") == state.closed_on
    # 当场办结 is a close on the day of registration; three days later it is 本办自行办结.
    assert "closed_by_office" in state.flags and "on_the_spot" not in state.flags
    assert clock(office, number, "forward").stopped_on == D("2026-11-05")
    # 11-05 + 30 = 12-05, a Saturday: Monday 12-07
    assert clock(office, number, "review_request").due_on == D("2026-12-07")
    assert clock(office, number, "evaluation").due_on == D("2026-12-07")


def test_close_needs_an_opinion_and_a_known_result(office):
    number = drive(office, "accepted")
    with pytest.raises(MissingField):
        acts.close(office, number, "resolved", " ", officer="王专干")
    with pytest.raises(BadChoice) as refused:
        acts.close(office, number, "很好", "意见", officer="王专干")
    assert "很好" in refused.value.message("zh")
    assert state_of(office, number).status == "accepted"


@pytest.mark.parametrize("act", ["rejected", "redirected"])
def test_ending_a_case_stops_every_clock_before_handling(office, act):
    number = register(office, D("2026-11-02"))
    do(office, number, "assigned", D("2026-11-03"))
    do(office, number, act, D("2026-11-06"))
    state = state_of(office, number)
    assert state.status == act
    assert state.clocks and all(c.stopped_on == D("2026-11-06") or
                                c.stopped_on == D("2026-11-03") for c in state.clocks)
    assert not any(c.running for c in state.clocks)


def test_reject_with_other_reason_needs_a_text(office):
    number = register(office, D("2026-11-02"))
    with pytest.raises(MissingField):
        acts.reject(office, number, "other", officer="王专干")
    event = acts.reject(office, number, "other", officer="王专干", text="重复提交")
    assert event["details"] == {"reason": "other", "text": "重复提交"}


# --- Review and recheck ---------------------------------------------------------------------


def closed_on(office: Ledger, day: str) -> str:
    number = register(office, D(day) - dt.timedelta(days=3))
    do(office, number, "accepted", D(day) - dt.timedelta(days=1))
    do(office, number, "closed", D(day))
    return number


def test_review_requested_in_time(office):
    number = closed_on(office, "2026-09-05")  # window ends 10-08
    event = do(office, number, "review_requested", D("2026-10-08"))
    state = state_of(office, number)
    assert state.status == "under_review"
    assert "late_review_request" not in state.flags and "late" not in event["details"]
    assert clock(office, number, "review_request").stopped_on == D("2026-10-08")
    review = clock(office, number, "review")
    # 10-08 + 30 = 11-07, a Saturday: Monday 11-09
    assert (review.started_on, review.length, review.due_on) == (
        D("2026-10-08"), 30, D("2026-11-09"))


def test_late_review_request_is_recorded_and_flagged(office):
    number = closed_on(office, "2026-09-05")
    event = do(office, number, "review_requested", D("2026-10-09"))
    state = state_of(office, number)
    assert state.status == "under_review"
    assert "late_review_request" in state.flags
    assert event["details"]["late"] == ["review_request"]
    assert events(office, number)[-1]["details"]["late"] == ["review_request"]
    assert clock(office, number, "review").due_on == D("2026-11-09")  # 11-08 is a Sunday


def test_review_due_on_a_make_up_saturday(office):
    number = closed_on(office, "2026-09-01")
    do(office, number, "review_requested", D("2026-09-10"))
    assert clock(office, number, "review").due_on == D("2026-10-10")


def reviewed_on_0120(office: Ledger) -> str:
    number = closed_on(office, "2026-01-05")
    do(office, number, "review_requested", D("2026-01-10"))
    do(office, number, "review_concluded", D("2026-01-20"))
    return number


def test_review_concluded_opens_the_recheck_request_window(office):
    number = reviewed_on_0120(office)
    assert state_of(office, number).status == "reviewed"
    assert clock(office, number, "review").stopped_on == D("2026-01-20")
    window = clock(office, number, "recheck_request")
    # 01-20 + 30 = 02-19, in the Spring Festival: 02-24
    assert (window.started_on, window.due_on) == (D("2026-01-20"), D("2026-02-24"))


def test_recheck_requested_on_the_last_day_is_not_late(office):
    number = reviewed_on_0120(office)
    event = do(office, number, "recheck_requested", D("2026-02-24"))
    assert "late_recheck_request" not in state_of(office, number).flags
    assert "late" not in event["details"]


def test_late_recheck_request_is_recorded_and_flagged(office):
    number = reviewed_on_0120(office)
    event = do(office, number, "recheck_requested", D("2026-02-25"))
    state = state_of(office, number)
    assert state.status == "under_recheck"
    assert "late_recheck_request" in state.flags
    assert event["details"]["late"] == ["recheck_request"]
    recheck = clock(office, number, "recheck")
    assert (recheck.started_on, recheck.due_on) == (D("2026-02-25"), D("2026-03-27"))


def recheck_requested_on(office: Ledger, day: str) -> str:
    number = closed_on(office, "2026-06-01")
    do(office, number, "review_requested", D("2026-06-10"))
    do(office, number, "review_concluded", D("2026-07-01"))
    do(office, number, "recheck_requested", D(day))
    return number


def test_recheck_clock(office):
    number = recheck_requested_on(office, "2026-08-30")
    recheck = clock(office, number, "recheck")
    assert (recheck.started_on, recheck.length, recheck.unit) == (D("2026-08-30"), 30, "days")
    assert recheck.due_on == D("2026-09-29")  # a Tuesday
    assert clock(office, number, "recheck_request").stopped_on == D("2026-08-30")


def test_hearing_days_are_added_before_the_rest_day_roll(office):
    number = recheck_requested_on(office, "2026-08-30")
    event = acts.recheck(office, number, "hearing", officer="王专干",
                            hearing_from=D("2026-09-10"), hearing_to=D("2026-09-12"))
    # Three hearing days: 08-30 + 33 = 10-02, a holiday: 10-08
    recheck = clock(office, number, "recheck")
    assert recheck.extra_days == 3
    assert recheck.due_on == D("2026-10-08")
    assert event["acted_on"] == "2026-09-12"  # the hearing's last day, unless --on says otherwise
    assert event["details"] == {"from": "2026-09-10", "to": "2026-09-12"}
    assert state_of(office, number).status == "under_recheck"


def test_hearings_add_up(office):
    number = recheck_requested_on(office, "2026-07-20")  # due 08-19 (Wed)
    acts.recheck(office, number, "hearing", officer="王专干",
                    hearing_from=D("2026-07-28"), hearing_to=D("2026-07-29"))
    assert clock(office, number, "recheck").due_on == D("2026-08-21")  # + 2 days, a Friday
    acts.recheck(office, number, "hearing", officer="王专干",
                    hearing_from=D("2026-08-03"), hearing_to=D("2026-08-03"))
    # + 3 days: 08-22 is a Saturday: Monday 08-24
    assert clock(office, number, "recheck").due_on == D("2026-08-24")


def test_hearing_needs_both_dates_in_order(office):
    number = recheck_requested_on(office, "2026-07-20")
    with pytest.raises(MissingField):
        acts.recheck(office, number, "hearing", officer="王专干", hearing_from=D("2026-08-01"))
    with pytest.raises(BadAct):
        acts.recheck(office, number, "hearing", officer="王专干",
                        hearing_from=D("2026-08-03"), hearing_to=D("2026-08-01"))
    assert clock(office, number, "recheck").extra_days == 0


def test_recheck_concluded_is_final(office):
    number = recheck_requested_on(office, "2026-07-20")
    do(office, number, "recheck_concluded", D("2026-08-10"))
    state = state_of(office, number)
    assert state.status == "final" and "final" in state.flags
    assert clock(office, number, "recheck").stopped_on == D("2026-08-10")
    assert not any(c.running for c in state.clocks if c.duty)


# --- Evaluation and follow-ups --------------------------------------------------------------


def test_unreachable_follow_up_leaves_the_evaluation_window_running(office):
    number = closed_on(office, "2026-09-05")  # evaluation window ends 10-08
    event = acts.followup(office, number, officer="王专干", unreachable=True,
                             on=D("2026-09-20"), note="电话无人接听")
    assert event["details"] == {"unreachable": True, "note": "电话无人接听"}
    assert clock(office, number, "evaluation").running
    assert state_of(office, number).satisfaction is None


def test_satisfaction_stops_the_evaluation_window(office):
    number = closed_on(office, "2026-09-05")
    event = acts.followup(office, number, officer="王专干", satisfaction="基本满意",
                             on=D("2026-10-08"))
    state = state_of(office, number)
    assert state.satisfaction == "basic"
    evaluation = clock(office, number, "evaluation")
    assert evaluation.stopped_on == D("2026-10-08") and not evaluation.late
    assert "late_evaluation" not in state.flags and "late" not in event["details"]
    assert state.status == "closed"
    assert clock(office, number, "review_request").running


def test_late_satisfaction_is_recorded_and_flagged(office):
    number = closed_on(office, "2026-09-05")
    event = acts.followup(office, number, officer="王专干", satisfaction="不满意",
                             on=D("2026-10-09"))
    assert event["details"]["late"] == ["evaluation"]
    state = state_of(office, number)
    assert "late_evaluation" in state.flags and state.satisfaction == "unsatisfied"


def test_follow_up_needs_satisfaction_or_unreachable_not_both(office):
    number = closed_on(office, "2026-09-05")
    with pytest.raises(MissingField):
        acts.followup(office, number, officer="王专干")
    with pytest.raises(BadAct):
        acts.followup(office, number, officer="王专干", satisfaction="满意", unreachable=True)
    assert len(events(office, number)) == 3


def test_lapsed_windows_are_not_overdue_work(office):
    number = closed_on(office, "2026-09-05")  # both windows ended 10-08; today is 11-23
    record = queries.case_record(office, office.find_case(number))
    states = {c["clock"]: c["state"] for c in record["clocks"] if c["stopped_on"] is None}
    assert states == {"review_request": "lapsed", "evaluation": "lapsed"}
    assert record["next_due_on"] is None


# --- Escalation ------------------------------------------------------------------------------


def test_escalation_to_a_leader_changes_the_holder_and_no_clock(office):
    number = register(office, D("2026-11-02"))
    do(office, number, "assigned", D("2026-11-03"))
    before = state_of(office, number)
    event = acts.escalate(office, number, "重复信访", officer="王专干", leader="李书记",
                             plan="召集住建、国土联合调处", target=D("2026-12-31"),
                             on=D("2026-11-10"))
    after = state_of(office, number)
    assert after.clocks == before.clocks
    assert after.status == "forwarded" and after.unit == "人社局"
    assert (after.holder_kind, after.holder, after.holder_since) == (
        "leader", "李书记", D("2026-11-10"))
    assert "escalated" in after.flags
    assert event["details"] == {"leader": "李书记", "plan": "召集住建、国土联合调处",
                                "target": "2026-12-31", "reason": "重复信访"}


def test_escalation_to_a_unit_hands_it_over(office):
    number = accepted_on(office, "2026-08-01")
    before = state_of(office, number)
    acts.escalate(office, number, "群体性", officer="王专干", unit="县信访局",
                     on=D("2026-08-05"))
    after = state_of(office, number)
    assert (after.holder_kind, after.holder, after.holder_since) == (
        "unit", "县信访局", D("2026-08-05"))
    assert after.clocks == before.clocks
    assert clock(office, number, "handle").due_on == D("2026-09-30")


def test_escalation_needs_a_unit_or_leader_and_a_reason(office):
    number = register(office, D("2026-11-02"))
    with pytest.raises(MissingField):
        acts.escalate(office, number, "理由", officer="王专干")
    with pytest.raises(MissingField):
        acts.escalate(office, number, "", officer="王专干", leader="李书记")
    with pytest.raises(UnknownUnit):
        acts.escalate(office, number, "理由", officer="王专干", unit="市委")
    assert len(events(office, number)) == 1


# --- Reopening -------------------------------------------------------------------------------


def test_reopen_starts_a_new_handle_clock(office):
    number = accepted_on(office, "2026-06-01")
    do(office, number, "closed", D("2026-06-20"))  # windows end 07-20
    event = do(office, number, "reopened", D("2026-08-06"))
    state = state_of(office, number)
    assert state.status == "accepted"
    assert state.closed_on is None and state.result is None
    assert state.accepted_on == D("2026-06-01")
    old, new = clocks(office, number, "handle")
    assert old.stopped_on == D("2026-06-20")
    assert (new.started_on, new.length, new.extra_days) == (D("2026-08-06"), 60, 0)
    assert new.due_on == D("2026-10-08")  # 08-06 + 60 = 10-05, a holiday
    assert new.running
    for code in ("review_request", "evaluation"):
        assert clock(office, number, code).stopped_on == D("2026-08-06")
    # The windows lapsed before the reopening, but reopening is neither a review request
    # nor a satisfaction: nothing is late.
    assert not {"late_review_request", "late_evaluation"} & state.flags
    assert "late" not in event["details"]
    assert event["details"] == {"reason": "处理意见未落实"}


def test_reopened_case_can_be_closed_again(office):
    number = accepted_on(office, "2026-06-01")
    do(office, number, "closed", D("2026-06-20"))
    do(office, number, "reopened", D("2026-06-25"))
    do(office, number, "closed", D("2026-07-10"))
    state = state_of(office, number)
    assert state.status == "closed" and state.closed_on == D("2026-07-10")
    assert all(not c.running for c in clocks(office, number, "handle"))
    assert [c.started_on for c in clocks(office, number, "review_request")] == [
        D("2026-06-20"), D("2026-07-10")]


def test_reopen_needs_a_reason(office):
    number = drive(office, "closed")
    with pytest.raises(MissingField):
        acts.reopen(office, number, "", officer="王专干")


# --- Dates of acts ---------------------------------------------------------------------------


def test_an_act_before_the_previous_act_is_refused(office):
    number = register(office, D("2026-11-02"))
    do(office, number, "forwarded", D("2026-11-10"))
    before = state_of(office, number)
    with pytest.raises(DateBeforePrevious) as refused:
        do(office, number, "accepted", D("2026-11-09"))
    message = refused.value.message("zh")
    assert "2026-11-09" in message and "2026-11-10" in message
    assert state_of(office, number) == before
    assert len(events(office, number)) == 2


def test_an_act_before_registration_is_refused(office):
    number = register(office, D("2026-11-02"))
    with pytest.raises(DateBeforePrevious):
        do(office, number, "forwarded", D("2026-11-01"))


def test_an_act_on_the_day_of_the_previous_one_is_fine(office):
    number = register(office, D("2026-11-02"))
    do(office, number, "forwarded", D("2026-11-02"))
    do(office, number, "accepted", D("2026-11-02"))
    assert state_of(office, number).status == "accepted"


@pytest.mark.parametrize("act", ["forwarded", "escalated", "note", "followed_up"])
def test_an_act_in_the_future_is_refused(office, act):
    number = register(office, D("2026-11-02"))
    with pytest.raises(FutureDate) as refused:
        do(office, number, act, D("2026-11-24"))
    message = refused.value.message("zh")
    assert "2026-11-24" in message and "2026-11-23" in message
    assert len(events(office, number)) == 1


def test_a_hearing_ending_in_the_future_is_refused(office):
    number = recheck_requested_on(office, "2026-11-01")
    with pytest.raises(FutureDate):
        acts.recheck(office, number, "hearing", officer="王专干",
                        hearing_from=D("2026-11-20"), hearing_to=D("2026-11-25"))
    assert clock(office, number, "recheck").extra_days == 0


def test_an_act_without_a_date_happens_today(office):
    number = register(office, D("2026-11-02"))
    event = acts.forward(office, number, "人社局", officer="王专干")
    assert event["acted_on"] == TODAY.isoformat()
    assert state_of(office, number).last_on == TODAY


# --- The history ------------------------------------------------------------------------------


def test_history_records_who_when_what_and_why(office):
    number = register(office, D("2026-08-01"))
    acts.forward(office, number, "人社局", officer="王专干", on=D("2026-08-03"))
    acts.accept(office, number, officer="人社局张科长", on=D("2026-08-05"))
    acts.extend(office, number, 15, "需要现场勘查", "王局长", officer="人社局张科长",
                   on=D("2026-09-01"))
    acts.close(office, number, "partly", "补发部分工资", officer="人社局张科长",
                  on=D("2026-09-20"))
    history = events(office, number)
    assert [(e["kind"], e["on"], e["officer"]) for e in history] == [
        ("registered", "2026-08-01", "登记员"),
        ("forwarded", "2026-08-03", "王专干"),
        ("accepted", "2026-08-05", "人社局张科长"),
        ("extended", "2026-09-01", "人社局张科长"),
        ("closed", "2026-09-20", "人社局张科长"),
    ]
    assert history[1]["details"] == {"unit": "人社局"}
    assert history[3]["details"]["reason"] == "需要现场勘查"
    assert history[4]["details"] == {"result": "partly", "opinion": "补发部分工资"}
    assert all(e["recorded_at"] for e in history)
    assert len({e["uid"] for e in history}) == 5


def test_case_record_carries_history_and_holder(office):
    number = register(office, D("2026-11-02"))
    do(office, number, "forwarded", D("2026-11-03"))
    acts.escalate(office, number, "重复信访", officer="王专干", leader="李书记",
                     on=D("2026-11-10"))
    record = queries.case_record(office, office.find_case(number))
    assert record["holder"] == {"kind": "leader", "name": "李书记", "since": "2026-11-10"}
    assert [(e["kind"], e["on"], e["officer"]) for e in record["events"]] == [
        ("registered", "2026-11-02", "登记员"),
        ("forwarded", "2026-11-03", "王专干"),
        ("escalated", "2026-11-10", "王专干"),
    ]
    assert record["events"][2]["details"] == {"leader": "李书记", "reason": "重复信访"}


@pytest.mark.parametrize("state", STATES)
def test_stored_state_is_the_replay_of_the_events(shared, state):
    number = drive(shared, state)
    case_id = shared.find_case(number)
    assert lifecycle.differences(shared.stored_state(case_id),
                                 shared.replayed_state(case_id)) == []
