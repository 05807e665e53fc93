"""How offices really work, beyond the bare Regulation (DOMAIN.md §9): leaders' cases with
the 六定 and the 四包, the backlog of old cases (积案: 清单管理、挂图作战、化解一个销号一个),
joint meetings (联席会议) and their tasks, mediation (Gaotang "1+3"), hardship help
(帮扶救助); and the officer's day, which gathers the work all of them create.

Each act on a case is an event recorded through the one writer (`acts.record`); the
leader's 化解时限 and a meeting's tasks are duty clocks of their own (the lifecycle table
starts and stops them), owed by the leader or the unit the clock names.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from xinfang import acts, rules, texts
from xinfang.cases import corrections
from xinfang.db import write
from xinfang.deadlines.clocks import due_soon_until, duty_sql
from xinfang.errors import BadAct, MissingField, XinfangError
from xinfang.store import writer
from xinfang.store.ledger import Ledger
from xinfang.store.records import (
    BacklogItem,
    DayItem,
    DayReport,
    EventRecord,
    LeadRecord,
    Proposal,
    Recorded,
)
from xinfang.vocab import (
    FOUR_DUTIES,
    OPEN,
    SOURCE_CHANNELS,
    parse_assist_measure,
    parse_four_duty,
    parse_intake_source,
    parse_mediation_outcome,
    parse_mediation_role,
    parse_meeting_body,
    parse_purpose,
)


class SixFixesMissing(XinfangError):
    """A leader's case needs all of the 六定: … missing."""

    exit_code = 2


class BadTask(XinfangError):
    """A meeting task is written UNIT:DATE:TEXT."""

    exit_code = 2


class NotOnBacklog(XinfangError):
    """The case is not on the backlog."""


class AlreadyOnBacklog(XinfangError):
    """The case is on the backlog already."""


# The 六定, as the `lead` command's options name them (DOMAIN.md §9, Naidong's 会诊).
SIX_FIXES = ("leader", "unit", "plan", "target", "goal", "requirements")


def _clean(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _after(day: dt.date, on: dt.date) -> None:
    if day <= on:
        raise BadAct("practice.target_after", date=day)


# Leaders' cases (领导包案) ----------------------------------------------------------------


def lead(ledger: Ledger, ref: str, *, officer: str, leader: str | None, unit: str | None,
         plan: str | None, target: dt.date | None, goal: str | None,
         requirements: str | None, on: dt.date | None = None) -> Recorded:
    """领导包案 with the 六定: 包案领导、责任单位、化解方案、化解时限、化解目标、工作要求,
    all six required. The 化解时限 becomes a duty clock of the leader. A case already a
    leader's takes the new 六定 (a new leader, a new target) in its place."""
    given = {"leader": _clean(leader), "unit": _clean(unit), "plan": _clean(plan),
             "target": target, "goal": _clean(goal), "requirements": _clean(requirements)}
    missing = [name for name in SIX_FIXES if not given[name]]
    if missing:
        raise SixFixesMissing(missing=texts.join(texts.ref(f"six.{name}") for name in missing),
                              options=" ".join(f"--{name}" for name in missing))
    assert target is not None and unit is not None
    _after(target, on or ledger.today)
    details: dict[str, Any] = {**given, "unit": ledger.require_unit(unit),
                               "target": target.isoformat()}
    return acts.record(ledger, ref, "led", officer=officer, on=on, details=details)


def change_lead_target(ledger: Ledger, ref: str, target: dt.date, reason: str | None, *,
                       officer: str, on: dt.date | None = None) -> Recorded:
    """The 化解时限 moved, with the reason (an event: the old date stays in the history)."""
    if not _clean(reason):
        raise MissingField(what=texts.ref("field.lead_target_reason"), option="--reason",
                           hint="")
    _after(target, on or ledger.today)
    state = ledger.stored_state(ledger.find_case(ref))
    clock = state.running("lead")
    old = clock.due_on.isoformat() if clock else None
    return acts.record(ledger, ref, "lead_target_changed", officer=officer, on=on,
                       details={"target": target.isoformat(), "was": old,
                                "reason": str(_clean(reason))})


def lead_progress(ledger: Ledger, ref: str, duty: str, note: str | None, *, officer: str,
                  on: dt.date | None = None) -> Recorded:
    """Progress on one of the 四包 of a leader's case."""
    code = parse_four_duty(duty)
    case_id = ledger.find_case(ref)
    if "led" not in ledger.stored_state(case_id).flags:
        raise BadAct("practice.not_led", number=ledger.case_number(case_id))
    details: dict[str, Any] = {"duty": code}
    if _clean(note):
        details["note"] = _clean(note)
    return acts.record(ledger, case_id, "lead_progress", officer=officer, on=on,
                       details=details)


def _effective(events: Sequence[EventRecord]) -> list[EventRecord]:
    gone = corrections.withdrawn(events)
    return [event for event in events if event["uid"] not in gone]


def leadership(events: Sequence[EventRecord]) -> LeadRecord | None:
    """A case's 六定 as last recorded (its target as last changed) and the 四包 done."""
    record: LeadRecord | None = None
    for event in _effective(events):
        d = event["details"]
        if event["kind"] == "led":
            four: dict[str, str | None] = (record["four"] if record else
                                           dict.fromkeys(FOUR_DUTIES))
            new: LeadRecord = {
                "leader": d["leader"], "unit": d["unit"], "plan": d["plan"],
                "target": d["target"], "goal": d["goal"], "requirements": d["requirements"],
                "since": event["on"], "four": four}
            record = new
        elif record is not None and event["kind"] == "lead_target_changed":
            record["target"] = d["target"]
        elif record is not None and event["kind"] == "lead_progress":
            record["four"][d["duty"]] = event["on"]
    return record


# The backlog (积案) ------------------------------------------------------------------------


def backlog_add(ledger: Ledger, ref: str, reason: str | None, *, officer: str,
                on: dt.date | None = None) -> Recorded:
    """The office's decision that a case is a 积案, with the reason."""
    if not _clean(reason):
        raise MissingField(what=texts.ref("field.backlog_reason"), option="--reason", hint="")
    case_id = ledger.find_case(ref)
    if "backlog" in ledger.stored_state(case_id).flags:
        raise AlreadyOnBacklog(number=ledger.case_number(case_id))
    return acts.record(ledger, case_id, "backlog_added", officer=officer, on=on,
                       details={"reason": str(_clean(reason))})


def backlog_close(ledger: Ledger, ref: str, how: str | None, *, officer: str,
                  on: dt.date | None = None) -> Recorded:
    """销号: a 积案 resolved (化解) is struck off, with how; the leader's 化解时限 stops."""
    if not _clean(how):
        raise MissingField(what=texts.ref("field.backlog_how"), option="--how", hint="")
    case_id = ledger.find_case(ref)
    if "backlog" not in ledger.stored_state(case_id).flags:
        raise NotOnBacklog(number=ledger.case_number(case_id))
    return acts.record(ledger, case_id, "backlog_closed", officer=officer, on=on,
                       details={"how": str(_clean(how))})


def _chains(ledger: Ledger) -> dict[int, int]:
    """Each chain's first case → how many cases the chain holds."""
    return {root: count + 1 for root, count in ledger.db.execute(
        "SELECT repeat_of, count(*) FROM cases WHERE repeat_of IS NOT NULL "
        "AND status NOT IN ('void', 'archived') GROUP BY repeat_of")}


def backlog(ledger: Ledger, as_of: dt.date, *, struck_off: bool = False) -> list[BacklogItem]:
    """The backlog, most urgent first: past its 化解时限 the longest, then the nearest
    target, then open the longest. With `struck_off`, the cases struck off too (last)."""
    chains = _chains(ledger)
    items: list[BacklogItem] = []
    for case_id, number, status, received, flags, root in ledger.db.execute(
        "SELECT id, number, status, received_on, flags, coalesce(repeat_of, id) FROM cases "
        "WHERE flags LIKE '%\"backlog%' ORDER BY id"
    ).fetchall():
        events = _effective(ledger.events(case_id))
        added = [e for e in events if e["kind"] == "backlog_added"]
        closed = [e for e in events if e["kind"] == "backlog_closed"]
        on_list = "backlog" in json.loads(flags)
        if not added or (not on_list and not struck_off):
            continue
        led = leadership(events)
        target = led["target"] if led else None
        struck = closed[-1]["on"] if closed and not on_list else None
        later = ledger.db.execute(
            "SELECT count(*) FROM cases WHERE coalesce(repeat_of, id) = ? AND id != ? "
            "AND received_on > ? AND status NOT IN ('void', 'archived')",
            [root, case_id, closed[-1]["on"] if closed else "9999"]).fetchone()[0]
        items.append({
            "id": number, "status": status, "received_on": received,
            "added_on": added[-1]["on"], "reason": added[-1]["details"]["reason"],
            "leader": led["leader"] if led else None, "plan": led["plan"] if led else None,
            "target": target,
            "days_open": (as_of - dt.date.fromisoformat(received)).days,
            "visits": chains.get(root, 1),
            "days_to_target": (dt.date.fromisoformat(target) - as_of).days if target else None,
            "struck_off": struck,
            "returned": "backlog_returned" in json.loads(flags) or bool(later),
        })
    items.sort(key=lambda i: (i["struck_off"] is not None,
                              i["days_to_target"] if i["days_to_target"] is not None else 1 << 30,
                              -i["days_open"], i["id"]))
    return items


def proposals(ledger: Ledger, as_of: dt.date) -> list[Proposal]:
    """Cases the policy proposes for the backlog: open longer than `backlog_open_days`,
    the latest open case of a repeat chain of `backlog_chain_visits` or more, a repeat
    after a final 复核. Only listed: the office decides (`backlog add`)."""
    days = ledger.policy.number("backlog_open_days")
    visits = ledger.policy.number("backlog_chain_visits")
    chains = _chains(ledger)
    on_list = {root for root, in ledger.db.execute(
        "SELECT coalesce(repeat_of, id) FROM cases WHERE flags LIKE '%\"backlog\"%'")}
    states = ", ".join(f"'{s}'" for s in OPEN)
    found: dict[str, Proposal] = {}
    latest: dict[int, int] = {}
    rows = ledger.db.execute(
        "SELECT id, number, received_on, status, flags, coalesce(repeat_of, id) FROM cases "
        f"WHERE status IN ({states}) AND received_on <= ? ORDER BY received_on, id",
        [as_of.isoformat()]).fetchall()
    for case_id, _, _, _, _, root in rows:
        latest[root] = case_id
    for case_id, number, received, status, flags, root in rows:
        if root in on_list:
            continue
        why = []
        open_days = (as_of - dt.date.fromisoformat(received)).days
        if open_days > days:
            why.append("open_long")
        if chains.get(root, 1) >= visits and latest[root] == case_id:
            why.append("chain")
        if "repeat_final" in json.loads(flags):
            why.append("after_final")
        if why:
            found[number] = {"id": number, "received_on": received, "status": status,
                             "days_open": open_days, "visits": chains.get(root, 1), "why": why}
    return sorted(found.values(), key=lambda p: (-len(p["why"]), -p["visits"],
                                                 -p["days_open"], p["id"]))


@dataclass(frozen=True)
class BacklogMonth:
    """The backlog over one month: added, struck off, and on the list at its end."""

    month: str
    added: int
    struck_off: int
    open: int


def backlog_history(ledger: Ledger, as_of: dt.date) -> list[BacklogMonth]:
    """The backlog's size month by month, from its first case to `as_of` (挂图作战)."""
    moves: list[tuple[str, str]] = []
    case_ids = [case_id for case_id, in ledger.db.execute(
        "SELECT DISTINCT case_id FROM events WHERE kind = 'backlog_added'")]
    for case_id in case_ids:
        moves += [(e["on"], e["kind"]) for e in _effective(ledger.events(case_id))
                  if e["kind"] in ("backlog_added", "backlog_closed")
                  and e["on"] <= as_of.isoformat()]
    if not moves:
        return []
    months = []
    year, month = int(min(moves)[0][:4]), int(min(moves)[0][5:7])
    size = 0
    while (year, month) <= (as_of.year, as_of.month):
        key = f"{year:04d}-{month:02d}"
        added = sum(1 for on, kind in moves if on[:7] == key and kind == "backlog_added")
        struck = sum(1 for on, kind in moves if on[:7] == key and kind == "backlog_closed")
        size += added - struck
        months.append(BacklogMonth(key, added, struck, size))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# Joint meetings (联席会议) -----------------------------------------------------------------


def meeting_refer(ledger: Ledger, ref: str, body: str, reason: str | None, *, officer: str,
                  on: dt.date | None = None) -> Recorded:
    """提请联席会议研究: a hard matter referred to the township's or county's meeting."""
    if not _clean(reason):
        raise MissingField(what=texts.ref("field.meeting_reason"), option="--reason", hint="")
    return acts.record(ledger, ref, "meeting_referred", officer=officer, on=on,
                       details={"body": parse_meeting_body(body), "reason": str(_clean(reason))})


@dataclass(frozen=True)
class Task:
    unit: str
    due: dt.date
    text: str


def parse_task(ledger: Ledger, value: str) -> Task:
    """UNIT:DATE:TEXT (the colons may be full-width), the unit in the list."""
    from xinfang.dates import parse_date

    parts = value.replace("：", ":").split(":", 2)
    if len(parts) != 3 or not all(part.strip() for part in parts):
        raise BadTask(value=value)
    return Task(ledger.require_unit(parts[0].strip()), parse_date(parts[1].strip()),
                parts[2].strip())


def meeting_record(ledger: Ledger, cases: Sequence[str], body: str, decision: str | None,
                   tasks: Sequence[str], *, officer: str,
                   on: dt.date | None = None) -> list[Recorded]:
    """A joint meeting held on `on` about `cases`: its decision and its tasks, each a duty
    clock of its unit on every case studied (until `meeting done`). One transaction."""
    if not cases:
        raise MissingField(what=texts.ref("field.meeting_cases"), option="--cases", hint="")
    if not _clean(decision):
        raise MissingField(what=texts.ref("field.meeting_decision"), option="--decision",
                           hint="")
    day = on or ledger.today
    parsed = [parse_task(ledger, task) for task in tasks]
    for task in parsed:
        _after(task.due, day)
    ids = [ledger.find_case(ref) for ref in cases]
    details = {
        "meeting": writer.new_uid(), "body": parse_meeting_body(body),
        "decision": str(_clean(decision)),
        "cases": [ledger.case_number(case_id) for case_id in ids],
        "tasks": [{"unit": t.unit, "due": t.due.isoformat(), "text": t.text} for t in parsed],
    }
    with write(ledger.db):
        return [acts.record(ledger, case_id, "meeting_held", officer=officer, on=day,
                            details=details) for case_id in ids]


def meeting_done(ledger: Ledger, cases: Iterable[str], unit: str, note: str | None, *,
                 officer: str, on: dt.date | None = None) -> list[Recorded]:
    """The unit's meeting tasks on these cases are done: their clocks stop."""
    name = ledger.require_unit(unit)
    details: dict[str, Any] = {"unit": name}
    if _clean(note):
        details["note"] = _clean(note)
    with write(ledger.db):
        return [acts.record(ledger, ref, "meeting_task_done", officer=officer, on=on,
                            details=details) for ref in cases]


# Mediation (调解, Gaotang "1+3") -----------------------------------------------------------


def mediate(ledger: Ledger, ref: str, *, officer: str, place: str | None,
            members: Sequence[str], outcome: str, agreement: str | None,
            close: bool = False, on: dt.date | None = None) -> list[Recorded]:
    """A mediation: where, who mediated (ROLE:NAME each), its outcome and agreement. An
    agreed one may close the case (result `mediated`, the agreement as the opinion)."""
    code = parse_mediation_outcome(outcome)
    if not _clean(place):
        raise MissingField(what=texts.ref("field.mediation_place"), option="--place", hint="")
    people = []
    for member in members:
        role, _, name = member.replace("：", ":").partition(":")
        if not name.strip():
            raise BadAct("practice.member_form", value=member)
        people.append({"role": parse_mediation_role(role), "name": name.strip()})
    if not people:
        raise MissingField(what=texts.ref("field.mediation_members"), option="--with", hint="")
    if code == "agreed" and not _clean(agreement):
        raise MissingField(what=texts.ref("field.mediation_agreement"), option="--agreement",
                           hint="")
    if close and code != "agreed":
        raise BadAct("practice.close_needs_agreement")
    details: dict[str, Any] = {"place": str(_clean(place)), "members": people,
                               "outcome": code}
    if _clean(agreement):
        details["agreement"] = _clean(agreement)
    with write(ledger.db):
        done = [acts.record(ledger, ref, "mediated", officer=officer, on=on, details=details)]
        if close:
            done.append(acts.close(ledger, ref, "mediated", str(_clean(agreement)),
                                   officer=officer, on=on))
    return done


# Hardship help (帮扶救助) ------------------------------------------------------------------


class UnknownPerson(XinfangError):
    """No petitioner in the ledger is known by …."""


class AmbiguousPerson(XinfangError):
    """Several petitioners are called …: give the ID number."""


def find_person(ledger: Ledger, who: str) -> int:
    """A petitioner by ID number, or by a name only one of them has."""
    from xinfang.cases.people import normalize_id

    text = who.strip()
    rows = ledger.db.execute("SELECT id FROM people WHERE name = ?", [text]).fetchall()
    if not rows and len(text) >= 15:
        try:
            number = normalize_id(text, today=ledger.today)
        except XinfangError:
            number = None
        if number:
            rows = ledger.db.execute("SELECT id FROM people WHERE id_number = ?",
                                     [number]).fetchall()
    if not rows:
        raise UnknownPerson(who=text)
    if len(rows) > 1:
        raise AmbiguousPerson(who=text, count=len(rows))
    return int(rows[0][0])


def assist(ledger: Ledger, person: str, measure: str, note: str | None, *, officer: str,
           on: dt.date | None = None) -> dict[str, Any]:
    """Assistance given to a petitioner (not an act on a case): who, which measure, when."""
    from xinfang.dates import check_happened

    day = on or ledger.today
    check_happened(day, texts.ref("field.acted_on"), ledger.today)
    return writer.add_assistance(ledger, find_person(ledger, person),
                                 parse_assist_measure(measure), _clean(note), day, officer)


def assistance(ledger: Ledger, case_id: int) -> list[dict[str, Any]]:
    """The help given to the petitioners of a case, in order."""
    return [{"name": name, "measure": measure, "note": note, "on": on, "officer": officer}
            for name, measure, note, on, officer in ledger.db.execute(
                "SELECT cp.name, a.measure, a.note, a.given_on, a.officer FROM assistance a "
                "JOIN case_people cp ON cp.person_id = a.person_id WHERE cp.case_id = ? "
                "ORDER BY a.given_on, a.id", [case_id])]


# Follow-up (回诊): another request --------------------------------------------------------


def register_other_request(ledger: Ledger, ref: str, request: str, *,
                           officer: str) -> acts.Registered:
    """有其他诉求: the petitioners' other request, told at a follow-up, registered as a
    new case of theirs (not a repeat: another matter), linked to the case followed up."""
    from xinfang.cases.intake import make_intake, make_person

    case_id = ledger.find_case(ref)
    people = [make_person(name, id_number, phone, address, today=ledger.today)
              for name, id_number, phone, address in ledger.db.execute(
                  "SELECT name, id_number, phone, address FROM case_people WHERE case_id = ? "
                  "ORDER BY position", [case_id])]
    row = ledger.db.execute("SELECT locality, confidential FROM cases WHERE id = ?",
                            [case_id]).fetchone()
    intake = make_intake(channel="other", content=request, received_on=ledger.today,
                         today=ledger.today, people=people, anonymous=not people,
                         locality=row[0], confidential=bool(row[1]))
    return acts.register(ledger, intake, officer=officer, not_repeat=True,
                         source={"followup_of": ledger.case_number(case_id)})


# Intake: where it came from, who first received it, what the petitioner wants -----------


def intake_source(*, origin: str | None, received_by: str | None, ticket: str | None,
                  purpose: str | None, officer: str) -> dict[str, Any] | None:
    """What a registration at the counter records of its source: where it came from
    (来访接待, 12345热线 …, the hotline with its ticket number), who first received it
    (首接首办: its owner to the end; the officer registering it unless named) and the
    petitioner's purpose (信访目的). None when none of them is given."""
    if not (origin or received_by or ticket or purpose):
        return None
    source: dict[str, Any] = {"received_by": _clean(received_by) or officer}
    if origin:
        source["origin"] = parse_intake_source(origin)
        if source["origin"] == "hotline" and not _clean(ticket):
            raise MissingField(what=texts.ref("field.ticket"), option="--ticket", hint="")
    if _clean(ticket):
        source["ticket"] = _clean(ticket)
    if purpose:
        source["purpose"] = parse_purpose(purpose)
    return source


def channel_of(origin: str | None) -> str | None:
    """The channel a source implies (a hotline call is 来电), for a register without one."""
    return SOURCE_CHANNELS[parse_intake_source(origin)] if origin else None


def intake_of(events: Sequence[EventRecord]) -> dict[str, Any] | None:
    """The source a case's registration recorded at the counter, if any."""
    for event in events:
        if event["kind"] == "registered":
            source = event["details"].get("source") or {}
            keys = ("origin", "received_by", "ticket", "purpose", "followup_of")
            found = {key: source[key] for key in keys if source.get(key)}
            return found or None
    return None


# The office's own target (Dalian Zhongshan: ordinary cases closed within 15 days) -------


def office_target(ledger: Ledger, received_on: str, closed_on: str | None,
                  as_of: dt.date) -> dict[str, Any] | None:
    """The office's own target beside the statutory deadline (policy
    `office_target_days`; 0: none): its date, and whether it was met or how far off."""
    days = ledger.policy.number("office_target_days")
    if not days:
        return None
    due = dt.date.fromisoformat(received_on) + dt.timedelta(days=days)
    out: dict[str, Any] = {"days": days, "due_on": due.isoformat()}
    if closed_on:
        out["met"] = dt.date.fromisoformat(closed_on) <= due
    else:
        out["days_left"] = (due - as_of).days
    return out


# The officer's day ---------------------------------------------------------------------------


def day(ledger: Ledger, as_of: dt.date, unit: str | None = None) -> DayReport:
    """What falls to the office on `as_of`: its own duties overdue, duties due today and
    soon, leaders' 化解时限 overdue or due soon, meeting tasks not yet done, follow-ups
    due. With `unit`, only that unit's work (its cases' duties and the tasks it owes)."""
    soon = due_soon_until(as_of, ledger.policy.number("warning_days"), ledger.calendar)
    name = ledger.require_unit(unit, in_service=False) if unit else None
    rows = ledger.db.execute(
        "SELECT c.number, k.clock, k.due_on, k.owner, u.name, c.status, c.content, "
        "c.confidential FROM clocks k JOIN cases c ON c.id = k.case_id "
        "LEFT JOIN units u ON u.id = c.unit_id WHERE k.stopped_on IS NULL "
        # A follow-up is due while the evaluation window runs (a lapsed one is not work).
        "AND ((k.clock = 'evaluation' AND k.due_on >= :as_of) OR k.clock = 'task' "
        f"OR (k.clock IN ({duty_sql()}) AND k.due_on <= :soon)) "
        "ORDER BY k.due_on, c.number, k.clock",
        {"as_of": as_of.isoformat(), "soon": soon.isoformat()}).fetchall()
    report: DayReport = {"as_of": as_of.isoformat(), "overdue": [], "due_today": [],
                         "due_soon": [], "leaders": [], "tasks": [], "followups": [],
                         "office_target": [], "units_overdue": 0}
    for number, clock, due, owner, unit_name, status, content, secret in rows:
        if name and (owner or unit_name) != name:
            continue
        left = (dt.date.fromisoformat(due) - as_of).days
        item: DayItem = {"id": number, "clock": clock, "due_on": due, "days_left": left,
                         "owner": owner, "unit": unit_name, "status": status,
                         "content": rules.WITHHELD if secret else content}
        if clock == "evaluation":
            if status == "closed":
                report["followups"].append(item)
        elif clock == "task":
            report["tasks"].append(item)
        elif clock == "lead":
            report["leaders"].append(item)
        elif left == 0:
            report["due_today"].append(item)
        elif left > 0:
            report["due_soon"].append(item)
        elif unit_name is None or name:
            report["overdue"].append(item)  # the office's own (or, with --unit, the unit's)
        else:
            report["units_overdue"] += 1
    days = ledger.policy.number("office_target_days")
    if days:
        # The office's own target (a policy clock beside the statutory one): due today or soon.
        states = ", ".join(f"'{state}'" for state in OPEN)
        for number, received, unit_name, status, content, secret in ledger.db.execute(
            "SELECT c.number, c.received_on, u.name, c.status, c.content, c.confidential "
            "FROM cases c LEFT JOIN units u ON u.id = c.unit_id "
            f"WHERE c.status IN ({states}) AND date(c.received_on, ?) BETWEEN ? AND ? "
            "ORDER BY c.received_on, c.number",
            [f"+{int(days)} days", as_of.isoformat(), soon.isoformat()]).fetchall():
            if name and unit_name != name:
                continue
            due = dt.date.fromisoformat(received) + dt.timedelta(days=days)
            report["office_target"].append({
                "id": number, "clock": "office_target", "due_on": due.isoformat(),
                "days_left": (due - as_of).days, "owner": None, "unit": unit_name,
                "status": status, "content": rules.WITHHELD if secret else content})
    return report
