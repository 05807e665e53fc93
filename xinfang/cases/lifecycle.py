"""The life of a case (DOMAIN.md §3) as one table: which act is allowed in which state,
the state it leads to, and the clocks (§4) it stops and starts.

`apply` is pure: it takes a case's state and one event and returns the next state.
Replaying a case's events through `apply` gives its stored state.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xinfang.dates import check_happened
from xinfang.deadlines.arithmetic import Calendar
from xinfang.deadlines.clocks import WINDOWS, Clock, refresh_due, start_clock
from xinfang.deadlines.policy import Policy
from xinfang.errors import DateBeforePrevious, NotAllowed, XinfangError
from xinfang.texts import Label, join, ref
from xinfang.vocab import CLOCKS, COMMANDS, EVENT_KINDS, STATUSES

ANY = "*"
# The acts of office practice (DOMAIN.md §9), each with a command of its own: they are
# not offered as a case's next step.
PRACTICE = ("led", "lead_target_changed", "lead_progress", "backlog_added", "backlog_closed",
             "meeting_referred", "meeting_held", "meeting_task_done", "mediated")
# Asides are not steps of the case: they never hold back the date of the next act.
ASIDES = _ASIDES = ("note", "revealed", "repeat_marked", "exported", "corrected", "withdrawn",
                    "unit_renamed", "notice", "people_linked", "delivered", "rejudged")


@dataclass(frozen=True)
class Transition:
    sources: tuple[str | None, ...]  # states the act is allowed from; (ANY,) = any state
    target: str | None  # the state after it; None = unchanged
    stops: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()


_BEFORE_HANDLING = ("forward", "notify", "objection", "report")
# The states in which an office still works on a case, or on keeping it settled.
_IN_WORK = ("registered", "forwarded", "accepted", "closed", "under_review", "reviewed",
            "under_recheck", "final", "rejected", "redirected")

TRANSITIONS: dict[str, Transition] = {
    "registered": Transition((None,), "registered", starts=("forward",)),
    "forwarded": Transition(("registered",), "forwarded", ("forward",), ("notify", "objection")),
    "assigned": Transition(
        ("registered",), "forwarded", ("forward",), ("notify", "objection", "report")
    ),
    "objected": Transition(("forwarded",), "registered", ("notify", "objection", "report"),
                           ("forward",)),
    "accepted": Transition(("registered", "forwarded"), "accepted", ("forward", "notify",
                                                                     "objection"), ("handle",)),
    "rejected": Transition(("registered", "forwarded"), "rejected", _BEFORE_HANDLING),
    "redirected": Transition(("registered", "forwarded"), "redirected", _BEFORE_HANDLING),
    "extended": Transition(("accepted",), None),
    "closed": Transition(("registered", "accepted"), "closed",
                         ("forward", "handle", "report", "lead"),
                         ("review_request", "evaluation")),
    "review_requested": Transition(("closed",), "under_review", ("review_request",),
                                   ("review",)),
    "review_concluded": Transition(("under_review",), "reviewed", ("review",),
                                   ("recheck_request",)),
    "recheck_requested": Transition(("reviewed",), "under_recheck", ("recheck_request",),
                                    ("recheck",)),
    "recheck_hearing": Transition(("under_recheck",), None),
    "recheck_concluded": Transition(("under_recheck",), "final", ("recheck",)),
    "reopened": Transition(("closed",), "accepted", ("review_request", "evaluation"),
                           ("handle",)),
    # A follow-up stops the evaluation window only when satisfaction was recorded.
    "followed_up": Transition((ANY,), None),
    "escalated": Transition((ANY,), None),
    "note": Transition((ANY,), None),
    "repeat_marked": Transition((ANY,), None),
    "revealed": Transition((ANY,), None),
    "exported": Transition((ANY,), None),  # a confidential case taken out by name
    # The officer's word that two petitioners' records are one person, or are not.
    "people_linked": Transition((ANY,), None),
    # Corrections (cases/corrections.py): a registration corrected, an act withdrawn,
    # a case registered by mistake voided whole (it stays, and leaves lists and figures).
    "corrected": Transition((ANY,), None),
    "withdrawn": Transition((ANY,), None),
    # The unit list tidied: a unit renamed, or merged into another, takes its cases along.
    "unit_renamed": Transition((ANY,), None),
    "voided": Transition(("registered", "forwarded", "accepted", "closed", "under_review",
                          "reviewed", "under_recheck", "final", "rejected", "redirected"),
                         "void"),
    # Re-routing a forwarded case to another unit (改转): the new unit's notice period and
    # objection window start again; an assignment's report-by date changed; an interim
    # report (阶段性报告) on an assignment, with the next report-by date if there is one.
    # Old rows of a paper register, or old cases, kept as history (已归档): nothing is owed
    # on them any more, and they are counted apart from the office's work.
    "archived": Transition(("registered", "forwarded", "accepted", "under_review",
                            "under_recheck"), "archived"),
    "rerouted": Transition(("forwarded",), "forwarded", ("notify", "objection", "report"),
                           ("notify", "objection")),
    "report_due_changed": Transition(("forwarded", "accepted"), None),
    "interim_reported": Transition(("forwarded", "accepted"), None),
    # A written reply or notice delivered to the petitioner (送达): the request window it
    # opens runs from its receipt (Arts 35, 36: 自收到书面答复之日起30日内).
    "delivered": Transition((ANY,), None),
    # The practice of offices (DOMAIN.md §9; cases/practice.py has their effects): a
    # leader's case with the 六定 (its 化解时限 a duty clock of the leader, stopped when
    # the case is closed or struck off the backlog), its target moved, progress on the
    # 四包; the backlog of old cases (积案) and striking one off (销号); a joint meeting's
    # referral, decisions and tasks (each a duty clock of its unit) and a task done;
    # a mediation.
    "led": Transition(_IN_WORK, None),
    "lead_target_changed": Transition(_IN_WORK, None),
    "lead_progress": Transition(_IN_WORK, None),
    "backlog_added": Transition(_IN_WORK, None),
    "backlog_closed": Transition(("closed", "reviewed", "final"), None, ("lead",)),
    "meeting_referred": Transition(_IN_WORK, None),
    "meeting_held": Transition(_IN_WORK, None),
    "meeting_task_done": Transition(_IN_WORK, None),
    "mediated": Transition(_IN_WORK, None),
    "notice": Transition((ANY,), None),  # a document written for the case (notices/)
    # Acts an older xinfang recorded, judged again under the Regulation's rules when the
    # ledger was upgraded (m010_regulation, cases/rejudgement.py): a record of what the
    # upgrade changed in the stored state; the replay of the acts gives that state.
    "rejudged": Transition((ANY,), None),
}

# The window each delivered document opens, from the day the petitioner received it.
DELIVERY_WINDOWS = {"opinion": "review_request", "review": "recheck_request"}


class ExtensionTooLong(XinfangError):
    """Extensions may total at most … days: … used, … left."""


class NotRunning(XinfangError):
    """This case has no running … clock to …."""


class ExtensionAfterPeriod(XinfangError):
    """The handling period ended on …: an extension is approved while it runs (Art 34)."""


class SatisfactionBeforeClose(XinfangError):
    """A satisfaction is given on the written reply: the case is not closed yet."""


@dataclass
class CaseState:
    status: str | None = None
    holder: str | None = None  # who holds the case: "office", a unit or a leader
    holder_kind: str | None = None  # "office" | "unit" | "leader"
    holder_since: dt.date | None = None
    unit: str | None = None  # the responsible unit it was forwarded to
    received_on: dt.date | None = None
    accepted_on: dt.date | None = None
    closed_on: dt.date | None = None
    result: str | None = None
    satisfaction: str | None = None
    repeat_of: str | None = None  # the number of the first case (初件) of its repeat chain
    last_on: dt.date | None = None
    clocks: list[Clock] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    # The recheck's hearings as (first day, last day), as far as this state knows them:
    # a replay knows them all; a state read back from the ledger does not keep them.
    hearings: list[tuple[dt.date, dt.date]] = field(default_factory=list, compare=False)

    def running(self, clock: str) -> Clock | None:
        for item in self.clocks:
            if item.clock == clock and item.running:
                return item
        return None

    @property
    def extension_days(self) -> int:
        """Total extension of the current handling period."""
        handle = [c for c in self.clocks if c.clock == "handle"]
        return handle[-1].extra_days if handle else 0


def allowed(status: str | None, kind: str) -> bool:
    sources = TRANSITIONS[kind].sources
    return ANY in sources or status in sources


def allowed_actions(status: str | None) -> list[str]:
    """The acts allowed from a state, in table order."""
    return [kind for kind in TRANSITIONS
            if kind not in ("registered", "revealed", "repeat_marked", "exported", "corrected",
                            "withdrawn", "unit_renamed", "voided", "archived", "report_due_changed",
                            "interim_reported", "notice", "people_linked", "delivered", "rejudged",
                            *PRACTICE)
            and allowed(status, kind)]


def guard(state: CaseState, kind: str, on: dt.date, today: dt.date, number: str) -> None:
    """The one check before any act is recorded, one by one or in a batch: the act is
    allowed from the case's state, not dated in the future, and not before the case's
    previous act."""
    if not allowed(state.status, kind):
        now = allowed_actions(state.status)
        raise NotAllowed(
            number=number, state=Label(STATUSES, state.status), action=Label(EVENT_KINDS, kind),
            allowed=join(ref("act.allowed", act=Label(EVENT_KINDS, k), command=COMMANDS[k])
                         for k in now),
        )
    check_happened(on, ref("field.acted_on"), today)
    # A delivery is known when the receipt comes back: it may be dated before acts
    # recorded since (the act it delivers is checked by `acts.deliver`).
    if state.last_on and on < state.last_on and kind not in DATED_BY_RECEIPT:
        raise DateBeforePrevious(date=on, previous=state.last_on)


DATED_BY_RECEIPT = ("delivered",)


def check_new(state: CaseState, kind: str, on: dt.date, details: dict[str, Any]) -> None:
    """What the Regulation refuses of an act recorded now (a replay of acts recorded
    earlier never refuses; the effects below count them as the Regulation says).

    Art 34: an extension is approved while the handling period runs; one approved after
    it ended is recorded only with `late_approval` (and never makes the close on time).
    A satisfaction is given on the written reply: only once the case is closed."""
    if kind == "extended" and not details.get("late_approval"):
        handle = state.running("handle")
        if handle is not None and on > handle.due_on:
            raise ExtensionAfterPeriod(due=handle.due_on)
    if kind == "followed_up" and details.get("satisfaction") and state.closed_on is None:
        raise SatisfactionBeforeClose()


# A window waits for one act; another act that ends it after it lapsed (a unit accepting,
# the office reopening) is not that act done late.
_AWAITED = {"objection": "objected", "review_request": "review_requested",
            "recheck_request": "recheck_requested", "evaluation": "followed_up"}


def _stop(state: CaseState, code: str, on: dt.date, kind: str) -> Clock | None:
    clock = state.running(code)
    if clock is not None:
        clock.stopped_on = on
        clock.late = on > clock.due_on and _AWAITED.get(code, kind) == kind
        if clock.late and code in WINDOWS:
            state.flags.add(f"late_{code}")
    return clock


def apply(
    state: CaseState,
    kind: str,
    on: dt.date,
    details: dict[str, Any],
    policy: Policy,
    calendar: Calendar,
) -> CaseState:
    """The state after one event. The caller checks `allowed` first."""
    return step(state, kind, on, details, policy, calendar)[0]


def step(
    state: CaseState,
    kind: str,
    on: dt.date,
    details: dict[str, Any],
    policy: Policy,
    calendar: Calendar,
) -> tuple[CaseState, list[str]]:
    """`apply`, and the windows the event stopped late (see `advance`)."""
    new = copy_state(state)
    return new, advance(new, kind, on, details, policy, calendar)


def advance(
    state: CaseState,
    kind: str,
    on: dt.date,
    details: dict[str, Any],
    policy: Policy,
    calendar: Calendar,
) -> list[str]:
    """`apply` in place, for a replay that keeps only the last state (an import).

    Returns the windows the event stopped after they had lapsed, when it was the act
    they waited for: such an act is recorded and flagged late."""
    rule = TRANSITIONS[kind]
    running_before = {clock.clock for clock in state.clocks if clock.running}
    for code in rule.stops:
        _stop(state, code, on, kind)
    for code in rule.starts:
        state.clocks.append(start_clock(code, on, policy, calendar))
    if rule.target is not None:
        state.status = rule.target
    if kind not in _ASIDES:
        state.last_on = max(on, state.last_on) if state.last_on else on
    _EFFECTS.get(kind, _nothing)(state, on, details, policy, calendar)
    return [
        clock.clock for clock in state.clocks
        if clock.stopped_on == on and clock.late and clock.clock in WINDOWS
        and clock.clock in running_before
    ]


def copy_state(state: CaseState) -> CaseState:
    """A copy deep enough for `apply` (clocks and flags are changed in place), far cheaper
    than copy.deepcopy: an import replays millions of events."""
    new = copy.copy(state)
    new.clocks = [
        Clock(c.clock, c.started_on, c.length, c.unit, c.due_on, c.extra_days, c.stopped_on,
              c.late, c.fixed, c.owner)
        for c in state.clocks
    ]
    new.flags = set(state.flags)
    new.hearings = list(state.hearings)
    return new


Effect = Callable[[CaseState, dt.date, dict[str, Any], Policy, Calendar], None]


def _nothing(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
             cal: Calendar) -> None:
    pass


def _hold(state: CaseState, kind: str, who: str, on: dt.date) -> None:
    state.holder_kind, state.holder, state.holder_since = kind, who, on


def _registered(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                cal: Calendar) -> None:
    state.flags.update(details.get("flags", []))
    state.repeat_of = details.get("repeat_of")
    state.received_on = on
    _hold(state, "office", "office", on)


def _forwarded(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
               cal: Calendar) -> None:
    state.unit = details["unit"]
    _hold(state, "unit", details["unit"], on)


def _assigned(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
              cal: Calendar) -> None:
    _forwarded(state, on, details, policy, cal)
    report = state.running("report")
    assert report is not None  # started by the transition
    report_by = dt.date.fromisoformat(details["report_by"])
    report.due_on, report.fixed = report_by, True
    report.length, report.unit = (report_by - on).days, "days"


def _objected(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
              cal: Calendar) -> None:
    # The unit sends it back: it is no longer the responsible unit; the office holds the
    # case again and must forward it anew.
    state.unit = None
    _hold(state, "office", "office", on)


def _accepted(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
              cal: Calendar) -> None:
    state.accepted_on = on


def _extended(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
              cal: Calendar) -> None:
    handle = state.running("handle")
    if handle is None:
        raise NotRunning(clock=Label(CLOCKS, "handle"), what=ref("act.extend"))
    days = int(details["days"])
    maximum = policy.number("max_extension_days")
    if handle.extra_days + days > maximum:
        used = handle.extra_days
        raise ExtensionTooLong(max=maximum, used=used, left=max(0, maximum - used))
    if on > handle.due_on:
        # Approved after the period ended (Art 34: 办理期限内): recorded, and the period
        # stays as it ended; the close is late whatever was approved.
        state.flags.add("late_extension")
        return
    handle.extra_days += days
    refresh_due(handle, policy, cal)


def _closed(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
            cal: Calendar) -> None:
    if state.accepted_on is None:
        # Closed without a unit's acceptance: counts as accepted that day. On the spot
        # (当场办结) only on the day it was registered; later, the office closed it itself
        # (本办自行办结).
        state.accepted_on = on
        state.flags.add("on_the_spot" if on == state.received_on else "closed_by_office")
    state.closed_on = on
    state.result = details.get("result")
    # A new written reply: its evaluation is yet to come.
    state.satisfaction = None


def _recheck_hearing(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                     cal: Calendar) -> None:
    recheck = state.running("recheck")
    if recheck is None:
        raise NotRunning(clock=Label(CLOCKS, "recheck"), what=ref("act.hold_hearing"))
    start = dt.date.fromisoformat(details["from"])
    end = dt.date.fromisoformat(details["to"])
    # Hearing time is not counted (Art 36: 听证所需时间不计算在前款规定的期限内): its days
    # (both ends included) are added before the roll, but only the days within the
    # recheck (from its request on) and not already counted for another hearing.
    recheck.extra_days += len(counted_hearing_days(state, recheck, start, end))
    state.hearings.append((max(start, recheck.started_on), end))
    refresh_due(recheck, policy, cal)


def counted_hearing_days(state: CaseState, recheck: Clock, start: dt.date,
                         end: dt.date) -> list[dt.date]:
    """The days of a hearing from `start` to `end` that the recheck does not count (Art
    36): those on or after its request and not already counted for another hearing."""
    counted = {day for first, last in state.hearings for day in _days(first, last)}
    return [day for day in _days(max(start, recheck.started_on), end) if day not in counted]


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _review_requested(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                      cal: Calendar) -> None:
    # The review (or recheck) body — the higher authority — holds the case while it
    # reviews: its duty is filed under it, not under the unit that handled the matter.
    if details.get("body"):
        _hold(state, "unit", details["body"], on)


def _delivered(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
               cal: Calendar) -> None:
    window = DELIVERY_WINDOWS.get(details.get("what", ""))
    clock = state.running(window) if window else None
    # Until the delivery is recorded the window runs from the document's date; from the
    # delivery on, from the day the petitioner received it.
    if clock is not None and on >= clock.started_on:
        clock.started_on = on
        refresh_due(clock, policy, cal)


def _concluded_final(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                     cal: Calendar) -> None:
    state.flags.add("final")


def _reopened(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
              cal: Calendar) -> None:
    state.closed_on = None
    state.result = None


def _followed_up(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                 cal: Calendar) -> None:
    # The evaluation is the first satisfaction given after the close (the one that ends
    # the evaluation window): `show` and the figures both count that one.
    if details.get("satisfaction") and state.running("evaluation") is not None:
        state.satisfaction = details["satisfaction"]
        _stop(state, "evaluation", on, "followed_up")


def _escalated(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
               cal: Calendar) -> None:
    state.flags.add("escalated")
    if details.get("leader"):
        _hold(state, "leader", details["leader"], on)
    elif details.get("unit"):
        _hold(state, "unit", details["unit"], on)


def _repeat_marked(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                   cal: Calendar) -> None:
    # The officer's correction of a repeat link: link to a chain, or say it is new.
    state.repeat_of = details.get("repeat_of")
    if state.repeat_of:
        state.flags.add("repeat")
    else:
        state.flags -= {"repeat", "repeat_being_handled", "repeat_final"}


def _corrected(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
               cal: Calendar) -> None:
    # A correction of the person or the matter may change the repeat link (judged anew).
    if "repeat" in details:
        _repeat_marked(state, on, details["repeat"], policy, cal)


def _unit_renamed(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                  cal: Calendar) -> None:
    if state.unit == details["from"]:
        state.unit = details["to"]
    if state.holder_kind == "unit" and state.holder == details["from"]:
        state.holder = details["to"]


def _voided(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
            cal: Calendar) -> None:
    # Nothing is owed on a case registered by mistake, or kept as history: every running
    # clock stops, on time.
    for clock in state.clocks:
        if clock.running:
            clock.stopped_on = on


def _rerouted(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
              cal: Calendar) -> None:
    _forwarded(state, on, details, policy, cal)
    if details.get("report_by"):
        _report_by(state, on, details["report_by"], policy, cal)


def _report_by(state: CaseState, on: dt.date, report_by: str, policy: Policy,
               cal: Calendar) -> None:
    """A report clock running from `on` to a fixed report-by date."""
    clock = start_clock("report", on, policy, cal)
    due = dt.date.fromisoformat(report_by)
    clock.due_on, clock.fixed, clock.length, clock.unit = due, True, (due - on).days, "days"
    state.clocks.append(clock)


def _report_due_changed(state: CaseState, on: dt.date, details: dict[str, Any],
                        policy: Policy, cal: Calendar) -> None:
    report = state.running("report")
    if report is None:
        raise NotRunning(clock=Label(CLOCKS, "report"), what=ref("act.change_report_by"))
    due = dt.date.fromisoformat(details["report_by"])
    report.due_on, report.fixed = due, True
    report.length, report.unit = (due - report.started_on).days, "days"


def _interim_reported(state: CaseState, on: dt.date, details: dict[str, Any],
                      policy: Policy, cal: Calendar) -> None:
    if state.running("report") is None:
        raise NotRunning(clock=Label(CLOCKS, "report"), what=ref("act.interim_report"))
    _stop(state, "report", on, "interim_reported")
    if details.get("next_report_by"):
        _report_by(state, on, details["next_report_by"], policy, cal)


def _started_fixed(state: CaseState, code: str, on: dt.date, due: str, owner: str | None,
                   policy: Policy, cal: Calendar) -> Clock:
    """A duty clock from `on` to a date the office set (not a length of the policy)."""
    clock = start_clock(code, on, policy, cal)
    day = dt.date.fromisoformat(due)
    clock.due_on, clock.fixed, clock.length, clock.unit = day, True, (day - on).days, "days"
    clock.owner = owner
    state.clocks.append(clock)
    return clock


def _led(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
         cal: Calendar) -> None:
    # A new 六定 on a leader's case already running replaces the old one: the same duty,
    # now the new leader's, to the new 化解时限 (the events keep the old one).
    state.flags.add("led")
    clock = state.running("lead")
    if clock is None:
        _started_fixed(state, "lead", on, details["target"], details["leader"], policy, cal)
        return
    day = dt.date.fromisoformat(details["target"])
    clock.due_on, clock.owner = day, details["leader"]
    clock.length = (day - clock.started_on).days


def _lead_target_changed(state: CaseState, on: dt.date, details: dict[str, Any],
                         policy: Policy, cal: Calendar) -> None:
    clock = state.running("lead")
    if clock is None:
        raise NotRunning(clock=Label(CLOCKS, "lead"), what=ref("act.change_lead_target"))
    day = dt.date.fromisoformat(details["target"])
    clock.due_on, clock.length = day, (day - clock.started_on).days


def _backlog_added(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                   cal: Calendar) -> None:
    if "backlog_closed" in state.flags:
        state.flags.add("backlog_returned")  # struck off once, and back on the list
    state.flags.add("backlog")


def _backlog_closed(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                    cal: Calendar) -> None:
    state.flags.discard("backlog")
    state.flags.add("backlog_closed")


def _meeting_referred(state: CaseState, on: dt.date, details: dict[str, Any],
                      policy: Policy, cal: Calendar) -> None:
    state.flags.add("meeting_referred")


def _meeting_held(state: CaseState, on: dt.date, details: dict[str, Any], policy: Policy,
                  cal: Calendar) -> None:
    state.flags.discard("meeting_referred")
    state.flags.add("meeting_held")
    for task in details.get("tasks", []):
        _started_fixed(state, "task", on, task["due"], task["unit"], policy, cal)


def _meeting_task_done(state: CaseState, on: dt.date, details: dict[str, Any],
                       policy: Policy, cal: Calendar) -> None:
    tasks = [c for c in state.clocks if c.clock == "task" and c.running
             and c.owner == details["unit"]]
    if not tasks:
        raise NotRunning(clock=Label(CLOCKS, "task"), what=ref("act.meeting_done"))
    for clock in tasks:
        clock.stopped_on = on
        clock.late = on > clock.due_on


_EFFECTS: dict[str, Effect] = {
    "review_requested": _review_requested,
    "recheck_requested": _review_requested,
    "delivered": _delivered,
    "led": _led,
    "lead_target_changed": _lead_target_changed,
    "backlog_added": _backlog_added,
    "backlog_closed": _backlog_closed,
    "meeting_referred": _meeting_referred,
    "meeting_held": _meeting_held,
    "meeting_task_done": _meeting_task_done,
    "corrected": _corrected,
    "unit_renamed": _unit_renamed,
    "voided": _voided,
    "archived": _voided,
    "rerouted": _rerouted,
    "report_due_changed": _report_due_changed,
    "interim_reported": _interim_reported,
    "repeat_marked": _repeat_marked,
    "registered": _registered,
    "forwarded": _forwarded,
    "assigned": _assigned,
    "objected": _objected,
    "accepted": _accepted,
    "extended": _extended,
    "closed": _closed,
    "recheck_hearing": _recheck_hearing,
    "recheck_concluded": _concluded_final,
    "reopened": _reopened,
    "followed_up": _followed_up,
    "escalated": _escalated,
}


def replay(
    events: list[tuple[str, dt.date, dict[str, Any]]], policy: Policy, calendar: Calendar
) -> CaseState:
    """A case's state from its events alone, in order (`corrections.effective` gives
    them: without the acts withdrawn, the registration as corrected)."""
    state = CaseState()
    for kind, on, details in events:
        state = apply(state, kind, on, details, policy, calendar)
    return state


def differences(stored: CaseState, replayed: CaseState) -> list[str]:
    """Where a stored state departs from the replay of its events.

    A stopped clock keeps the due date it had when it stopped, while a replay counts it
    under today's policy and calendar: for stopped clocks only the dates of start and
    stop are compared; running clocks are compared in full.
    """
    found = []
    for name in ("status", "holder", "holder_kind", "holder_since", "unit", "accepted_on",
                 "closed_on", "result", "satisfaction", "repeat_of", "last_on"):
        if getattr(stored, name) != getattr(replayed, name):
            found.append(f"{name}: {getattr(stored, name)!r} != {getattr(replayed, name)!r}")
    if stored.flags != replayed.flags:
        found.append(f"flags: {sorted(stored.flags)} != {sorted(replayed.flags)}")

    def shape(clock: Clock) -> tuple:
        if clock.running:
            return (clock.clock, clock.started_on, None, clock.due_on, clock.extra_days,
                    clock.owner)
        return (clock.clock, clock.started_on, clock.stopped_on)

    if [shape(c) for c in stored.clocks] != [shape(c) for c in replayed.clocks]:
        found.append("clocks differ")
    return found
