"""The acts of a case's life (DOMAIN.md §3), one function each: check what the officer
gave, then record it through the one writer (`store.writer`), which applies the
lifecycle table and its guard. Registering a petition is an act too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from xinfang import texts
from xinfang.cases import corrections
from xinfang.cases.identity import Who
from xinfang.cases.intake import Intake, Person, make_person, parse_headcount
from xinfang.cases.matching import Petition, RepeatIndex
from xinfang.errors import (
    BadAct,
    BadChoice,
    MissingField,
    NoSuchPetitioner,
    NothingToUndo,
)
from xinfang.store import writer
from xinfang.store.ledger import Ledger, PersonLookup
from xinfang.store.queries import describe_chains
from xinfang.store.records import ChainCase, Recorded
from xinfang.vocab import (
    DELIVERABLES,
    OUTCOMES,
    REVIEW_OUTCOMES,
    parse_channel,
    parse_deliverable,
    parse_delivery_method,
    parse_outcome,
    parse_reject_reason,
    parse_result,
    parse_route,
    parse_satisfaction,
)


@dataclass(frozen=True)
class Registered:
    """A petition just registered: its case, and the first case of the chain it repeats."""

    case_id: int
    number: str
    repeat_of: str | None


def register(ledger: Ledger, intake: Intake, *, officer: str, repeat_of: str | None = None,
             not_repeat: bool = False, source: dict[str, Any] | None = None,
             update_people: bool = False) -> Registered:
    """Record a new petition; its forward clock starts.

    A repeat of an earlier matter is recognised and linked to the first case of its chain,
    unless the officer links it (`repeat_of`) or says it is new (`not_repeat`); either
    decision is recorded with the event. A petitioner whose ID number the ledger knows by
    another name (`name_differences`) keeps that name in the ledger's record, and this
    case the name given, unless the officer says the name given is right
    (`update_people`): then the record takes it, and the registration records the change."""
    if repeat_of and not_repeat:
        raise BadAct("act.repeat_of_or_not")
    ledger.require_category(intake.category)
    decision = "not_repeat" if not_repeat else repeat_of
    new = writer.NewCase(intake, officer=officer, source=source, repeat=decision,
                         update_people=update_people)
    try:
        (written,) = writer.write_cases(ledger, [new], officer)
    except writer.CaseFailed as failed:
        raise failed.error from None
    return Registered(written.id, written.number, written.repeat_of)


@dataclass(frozen=True)
class NameDifference:
    """A petitioner given with an ID number the ledger knows by another name: which of the
    intake's people (its index), the ID number, the ledger's name and the name given."""

    index: int
    id_number: str
    known: str
    given: str


def name_differences(ledger: Ledger, intake: Intake) -> list[NameDifference]:
    """The intake's petitioners whose ID number the ledger knows by another name: what the
    officer is asked about before registering (which name is right?)."""
    found = []
    for index, person in enumerate(intake.people):
        if not (person.id_number and person.name):
            continue
        row = ledger.db.execute("SELECT name FROM people WHERE id_number = ?",
                                [person.id_number]).fetchone()
        if row is not None and row[0] is not None and row[0] != person.name:
            found.append(NameDifference(index, person.id_number, row[0], person.name))
    return found


@dataclass(frozen=True)
class Candidate:
    """An earlier chain a petition may repeat, as the officer is shown it: the chain as
    it stood (first case first), the case of it the petition is most like, the score
    and what it rests on, and the advice a link carries (`flags`, from
    `rules.repeat_flags`). `taken`: the repeat rule links it."""

    first: str
    cases: list[ChainCase]
    matched: str
    score: float
    identity: str
    shared: tuple[str, ...]
    agree: tuple[str, ...]
    conflict: tuple[str, str] | None
    category: str
    flags: list[str]
    taken: bool
    summaries: bool = False  # two standard summaries that differ (similarity.values)


def _petition(ledger: Ledger, intake: Intake, key: int | None = None,
              records: list[int | None] | None = None) -> Petition:
    """The intake as the repeat rule reads it, each petitioner under the person record
    the writer would file them under (by ID number, else by name and phone)."""
    who = []
    for index, person in enumerate(intake.people):
        record = records[index] if records is not None else None
        if records is None:
            row = None
            if person.id_number:
                row = ledger.db.execute("SELECT id FROM people WHERE id_number = ?",
                                        [person.id_number]).fetchone()
            elif person.name and person.phone:
                row = ledger.db.execute(
                    "SELECT id FROM people WHERE id_number IS NULL AND name = ? AND phone = ?",
                    [person.name, person.phone]).fetchone()
            record = row[0] if row else None
        who.append(Who.given(record, person.name, person.id_number, person.phone,
                             person.address))
    return Petition(key, intake.received_on, tuple(who), intake.category, intake.content)


def _index(ledger: Ledger, petition: Petition) -> RepeatIndex:
    lookup = PersonLookup({w.record for w in petition.people if w.record is not None})
    for who in petition.people:
        lookup.add(who)
    return ledger.repeat_index(lookup, ledger.repeat_scorer())


def repeat_choices(ledger: Ledger, intake: Intake, *, limit: int = 3,
                   petition: Petition | None = None) -> list[Candidate]:
    """The earlier chains of the intake's petitioners that it may repeat, best first
    (at most `limit`), each with its reasons: what the officer is shown before saying
    whether it is a repeat, and of which."""
    petition = petition or _petition(ledger, intake)
    if not petition.people:
        return []
    index = _index(ledger, petition)
    judged = index.judge(petition)
    taken = judged.match.root if judged.match is not None else None
    out = []
    for found in judged.candidates[:limit]:
        chain = index.chain_judged(found.root, petition.received_on)
        members = [case.id for case in chain.chain or [] if case.id != petition.key]
        old = index.known[found.case].petition
        # (What the score rests on, worked out again with the terms: the same score.)
        reasons = (index.scorer.match(petition, old, found.root, terms=True,
                                      standard=found.scored.summaries) or found).scored
        # (The words two complaints share are what they say: none of a confidential one.)
        secret = intake.confidential or ledger.confidential(found.case)
        out.append(Candidate(
            first=index.known[found.root].number, cases=chain_cases(ledger, members, found.root),
            matched=index.known[found.case].number, score=found.scored.score,
            identity=found.identity, shared=() if secret else reasons.shared,
            agree=() if secret else reasons.agree,
            conflict=reasons.conflict, category=reasons.category, summaries=reasons.summaries,
            flags=chain.flags or [], taken=found.root == taken))
    return out


def repeat_candidates(ledger: Ledger, intake: Intake) -> list[ChainCase]:
    """The chain the repeat rule takes this petition to repeat, first case (初件) first;
    empty for a first petition."""
    for candidate in repeat_choices(ledger, intake):
        if candidate.taken:
            return candidate.cases
    return []


@dataclass(frozen=True)
class Explained:
    """Why a case is, or is not, linked to a chain: how the link was made (`decision`:
    "auto" by the rule, "officer", "not_repeat" by the officer's word, None when the
    rule found none), the chain's first case as stored, and the chains the rule
    compares it with now, with their reasons."""

    case: str
    decision: str | None
    first: str | None
    score: float | None
    candidates: list[Candidate]


def explain_repeat(ledger: Ledger, ref: str | int) -> Explained:
    """`repeats CASE --why`: the stored link of a case and the reasons for it."""
    case_id = ledger.find_case(ref)
    number = ledger.case_number(case_id)
    decision, score = None, None
    for event in ledger.events(case_id, reveal=False):
        details = event["details"]
        if event["kind"] == "registered":
            decision, score = details.get("repeat_decision"), details.get("repeat_score")
        elif event["kind"] == "repeat_marked" and details.get("decision") == "auto":
            decision, score = "auto", None
        elif event["kind"] == "repeat_marked":
            decision, score = ("officer" if details.get("repeat_of") else "not_repeat"), None
    first = ledger.stored_state(case_id).repeat_of
    received, category, content, confidential = ledger.db.execute(
        "SELECT received_on, category, content, confidential FROM cases WHERE id = ?",
        [case_id]).fetchone()
    people = ledger.db.execute(
        "SELECT person_id, name, id_number, phone, address FROM case_people "
        "WHERE case_id = ? ORDER BY position", [case_id]).fetchall()
    petition = Petition(case_id, dt.date.fromisoformat(received),
                        tuple(Who.given(*row) for row in people), category, content)
    return Explained(number, decision, first, score,
                     repeat_choices(ledger, Intake("visit", content, petition.received_on,
                                                   confidential=bool(confidential)),
                                    petition=petition))


def chain_cases(ledger: Ledger, ids: list[int], root: int) -> list[ChainCase]:
    """The cases `ids` of the chain of `root`, as the chain views list them (a
    confidential one's complaint withheld, as in every list)."""
    return describe_chains(ledger, {root: [i for i in ids if i != root]})[0]["cases"]


def record(ledger: Ledger, ref: str | int, kind: str, *, officer: str,
           on: dt.date | None = None, details: dict[str, Any] | None = None) -> Recorded:
    """Record one act of `kind` on a case (forward, accept, close, note …), as given."""
    case_id = ledger.find_case(ref)
    return writer.append(ledger, case_id, kind, on or ledger.today, officer, details or {})


def note(ledger: Ledger, ref: str, text: str, *, officer: str,
         on: dt.date | None = None) -> Recorded:
    """A note on the case's history; it changes nothing else."""
    text = _required(text, "field.note", "TEXT")
    return record(ledger, ref, "note", officer=officer, on=on, details={"text": text})


def reveal(ledger: Ledger, case_ids: list[int], officer: str, fields: list[str],
           command: str) -> None:
    """Personal data was shown unmasked: say so in each case's history."""
    from xinfang.db import write

    with write(ledger.db):
        for case_id in case_ids:
            writer.append(ledger, case_id, "revealed", ledger.today, officer,
                          {"fields": fields, "command": command})


def exported(ledger: Ledger, case_ids: list[int], officer: str, how: str) -> None:
    """A confidential case was exported by name: who took it out, when, and how."""
    from xinfang.db import write

    with write(ledger.db):
        for case_id in case_ids:
            writer.append(ledger, case_id, "exported", ledger.today, officer, {"format": how})


def mark_repeat(ledger: Ledger, ref: str | int, *, officer: str, repeat_of: str | None = None,
                on: dt.date | None = None, decision: str | None = None,
                why: dict[str, Any] | None = None) -> Recorded:
    """The officer's word on a repeat link: link `ref` to `repeat_of`'s chain, or (with
    None) say it is a new matter. Recorded as an event, never an edit. A chain's first
    case linked to another chain takes its repeats with it: each is linked to the new
    first case by an event of its own. `why` adds to the event's details."""
    from xinfang.db import write

    case_id = ledger.find_case(ref)
    root = None
    if repeat_of:
        root_id, root, _ = ledger.chain_root(ledger.find_case(repeat_of))
        if root_id == case_id:
            raise BadAct("act.repeat_itself")
    with write(ledger.db):
        decision = decision or ("officer" if root else "not_repeat")
        event = record(ledger, case_id, "repeat_marked", officer=officer, on=on,
                       details={"repeat_of": root, "decision": decision, **(why or {})})
        if root:
            moved = [row[0] for row in ledger.db.execute(
                "SELECT id FROM cases WHERE repeat_of = ? ORDER BY received_on, id",
                [case_id])]
            for member in moved:
                # The same act on each repeat moved along.
                record(ledger, member, "repeat_marked", officer=officer,
                       on=_member_on(ledger, member, on),
                       details={"repeat_of": root, "decision": decision,
                                "moved_with": event["case"]})
    return event


def rejudge_repeat(ledger: Ledger, ref: str | int, *, officer: str,
                   on: dt.date | None = None, why: dict[str, Any] | None = None
                   ) -> Recorded | None:
    """After a correction of the petitioners or the matter: the repeat rule judges the
    case again, unless the officer has said what it is (their word stands). A link that
    changes is an event (`repeat_marked`, decided "auto"); None when it stays."""
    explained = explain_repeat(ledger, ref)
    if explained.decision in ("officer", "not_repeat"):
        return None
    now = next((candidate.first for candidate in explained.candidates if candidate.taken),
               None)
    if now == explained.first:
        return None
    return mark_repeat(ledger, ref, officer=officer, repeat_of=now, on=on, decision="auto",
                       why=why)


def link_people(ledger: Ledger, ref: str, other: str, *, same: bool, officer: str,
                on: dt.date | None = None) -> Recorded:
    """The officer's word that the petitioner of `ref` and that of `other` (each case's
    lead petitioner) are one person (`same`), or are not (namesakes). Recorded as an
    event on `ref`; the repeat rule follows it from then on."""
    case_id, other_id = ledger.find_case(ref), ledger.find_case(other)
    leads = []
    for one in (case_id, other_id):
        row = ledger.db.execute(
            "SELECT p.id, p.uid FROM case_people cp JOIN people p ON p.id = cp.person_id "
            "WHERE cp.case_id = ? ORDER BY cp.position LIMIT 1", [one]).fetchone()
        if row is None:
            raise BadAct("act.people_anonymous", case=ledger.case_number(one))
        leads.append(row)
    (person, person_uid), (other_person, other_uid) = leads
    if person == other_person:
        raise BadAct("act.people_one_record")
    return writer.link_people(ledger, case_id, person, other_person, same, on or ledger.today,
                              officer, {"people": [person_uid, other_uid],
                                        "with": ledger.case_number(other_id)})


def _required(value: str | None, what: str, option: str) -> str:
    """`value` stripped, or MissingField naming the field (`what`, a catalogue entry)."""
    if value is None or not value.strip():
        raise MissingField(what=texts.ref(what), option=option, hint="")
    return value.strip()


def _act(ledger: Ledger, ref: str, kind: str, officer: str, on: dt.date | None,
         **details: Any) -> Recorded:
    clean = {key: value for key, value in details.items() if value not in (None, "", False)}
    return record(ledger, ref, kind, officer=officer, on=on, details=clean)


def forward(ledger: Ledger, ref: str, unit: str, *, officer: str, on: dt.date | None = None,
            assign: bool = False, report_by: dt.date | None = None,
            reason: str | None = None) -> Recorded:
    """转送 to the responsible unit, or 交办 with a date by which it must report back. A
    case already forwarded is re-routed (改转) to the new unit, with the reason."""
    if ledger.stored_state(ledger.find_case(ref)).status == "forwarded":
        return reroute(ledger, ref, unit, officer=officer, reason=reason, on=on,
                       report_by=report_by)
    name = ledger.require_unit(unit)
    if not assign:
        if report_by is not None:
            raise BadAct("act.report_by_needs_assign")
        return _act(ledger, ref, "forwarded", officer, on, unit=name)
    if report_by is None:
        raise MissingField(what=texts.ref("field.report_by"), option="--report-by", hint="")
    if report_by <= (on or ledger.today):
        raise BadAct("act.report_by_after", date=report_by)
    return _act(ledger, ref, "assigned", officer, on, unit=name,
                **_report_by(ledger, report_by, "report_by"))


def working_day_from(ledger: Ledger, day: dt.date) -> dt.date:
    """`day`, or the next working day when it is a rest day: a report-by date that falls
    on a rest day is due on the next working day, as any period's last day is (Civil
    Code Art 203)."""
    while not ledger.calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _report_by(ledger: Ledger, day: dt.date, name: str) -> dict[str, str]:
    """A report-by date to record under `name`, rolled to a working day; the date the
    officer gave is kept beside it (`<name>_given`) when it was rolled."""
    rolled = working_day_from(ledger, day)
    out = {name: rolled.isoformat()}
    if rolled != day:
        out[f"{name}_given"] = day.isoformat()
    return out


def object_(ledger: Ledger, ref: str, reason: str | None, *, officer: str,
            on: dt.date | None = None) -> Recorded:
    """The receiving unit says the matter is not theirs: back to the office to re-forward."""
    reason = _required(reason, "field.objection_reason", "--reason")
    return _act(ledger, ref, "objected", officer, on, reason=reason)


def accept(ledger: Ledger, ref: str, *, officer: str, on: dt.date | None = None) -> Recorded:
    return _act(ledger, ref, "accepted", officer, on)


def reject(ledger: Ledger, ref: str, reason: str, *, officer: str, text: str | None = None,
           on: dt.date | None = None) -> Recorded:
    """不予受理, with a reason from the fixed list ("other" needs a text)."""
    code = parse_reject_reason(reason)
    if code == "other":
        text = _required(text, "field.reject_text", "--text")
    return _act(ledger, ref, "rejected", officer, on, reason=code, text=text)


def redirect(ledger: Ledger, ref: str, route: str, *, officer: str, text: str | None = None,
             on: dt.date | None = None) -> Recorded:
    """诉访分离: the matter belongs to litigation, arbitration or administrative review."""
    return _act(ledger, ref, "redirected", officer, on, route=parse_route(route), text=text)


def extend(ledger: Ledger, ref: str, days: int, reason: str, approved_by: str, *,
           officer: str, on: dt.date | None = None, late_approval: bool = False) -> Recorded:
    """延期 of the handling period; the lifecycle refuses more than the policy's total,
    and an extension dated after the period ended (Art 34: approved 在办理期限内) unless
    `late_approval` says it is the record of a late approval (it never moves the due date)."""
    if days < 1:
        raise BadAct("act.extend_at_least_one")
    reason = _required(reason, "field.extension_reason", "--reason")
    approved_by = _required(approved_by, "field.approved_by", "--approved-by")
    return _act(ledger, ref, "extended", officer, on, days=days, reason=reason,
                approved_by=approved_by, late_approval=late_approval)


def escalate(ledger: Ledger, ref: str, reason: str | None, *, officer: str,
             unit: str | None = None,
             leader: str | None = None, plan: str | None = None,
             target: dt.date | None = None, on: dt.date | None = None) -> Recorded:
    """上报 to a higher unit and/or 领导包案. It never stops a statutory clock."""
    if not unit and not leader:
        raise MissingField(what=texts.ref("field.unit_or_leader"), option=texts.ref("option.to_or_leader"),
                           hint="")
    reason = _required(reason, "field.escalation_reason", "--reason")
    name = ledger.require_unit(unit) if unit else None
    return _act(ledger, ref, "escalated", officer, on, unit=name, leader=leader, plan=plan,
                target=target.isoformat() if target else None, reason=reason)


def close(ledger: Ledger, ref: str, result: str, opinion: str, *, officer: str,
          on: dt.date | None = None) -> Recorded:
    """办结: the written handling opinion is issued."""
    opinion = _required(opinion, "field.opinion", "--opinion")
    return _act(ledger, ref, "closed", officer, on, result=parse_result(result), opinion=opinion)


def review(ledger: Ledger, ref: str, step: str, *, officer: str, note: str | None = None,
           on: dt.date | None = None, body: str | None = None, outcome: str | None = None,
           opinion: str | None = None) -> Recorded:
    """复查: `request` (the petitioner contests the opinion; `body` is the review body,
    the higher authority, from the unit list: Art 35 原办理机关、单位的上一级机关、单位) or
    `conclude` (the outcome 维持/撤销/变更 and the opinion's text)."""
    kinds = {"request": "review_requested", "conclude": "review_concluded"}
    kind = _step(kinds, step)
    return _act(ledger, ref, kind, officer, on, note=note,
                **_body_or_outcome(ledger, kind, body, outcome, opinion))


def _body_or_outcome(ledger: Ledger, kind: str, body: str | None, outcome: str | None,
                     opinion: str | None) -> dict[str, Any]:
    """What a request names (the body) or a conclusion records (outcome, opinion)."""
    if kind.endswith("_requested"):
        if outcome or opinion:
            raise BadAct("act.outcome_on_conclusion")
        return {"body": ledger.require_unit(body)} if body else {}
    if body:
        raise BadAct("act.body_on_request")
    out: dict[str, Any] = {}
    if outcome:
        code = parse_outcome(outcome)
        if kind == "review_concluded" and code not in REVIEW_OUTCOMES:
            raise BadChoice(what=texts.ref("choice.outcome"), value=outcome,
                            choices=texts.join(texts.Label(OUTCOMES, c) for c in REVIEW_OUTCOMES))
        out["outcome"] = code
    if opinion and opinion.strip():
        out["opinion"] = opinion.strip()
    return out


# The act whose written document each delivery carries (Arts 23, 34–36).
_WRITTEN_BY = {
    "opinion": ("closed",),
    "review": ("review_concluded",),
    "recheck": ("recheck_concluded",),
    "notify": ("accepted", "rejected", "redirected"),
    "extension": ("extended",),
}


def deliver(ledger: Ledger, ref: str, what: str, method: str, *, officer: str,
            on: dt.date | None = None) -> Recorded:
    """送达 a written document to the petitioner (处理意见书, 复查/复核意见书, 受理告知书,
    延期告知书), on the day and in the way it reached them. A request window runs from
    the receipt of the written reply (Arts 35, 36: 自收到书面答复之日起30日内): from the
    delivery once it is recorded."""
    code = parse_deliverable(what)
    how = parse_delivery_method(method)
    day = on or ledger.today
    case_id = ledger.find_case(ref)
    events = corrections.effective(ledger.events(case_id))
    written = [when for kind, when, _ in events if kind in _WRITTEN_BY[code]]
    if not written:
        raise BadAct("act.nothing_to_deliver", what=texts.Label(DELIVERABLES, code))
    if day < written[-1]:
        raise BadAct("act.delivered_before_written", date=day,
                     what=texts.Label(DELIVERABLES, code), written=written[-1])
    return record(ledger, case_id, "delivered", officer=officer, on=day,
                  details={"what": code, "method": how, "on": day.isoformat()})


def recheck(ledger: Ledger, ref: str, step: str, *, officer: str, note: str | None = None,
            hearing_from: dt.date | None = None, hearing_to: dt.date | None = None,
            on: dt.date | None = None, replace: bool = False, body: str | None = None,
            outcome: str | None = None, opinion: str | None = None) -> Recorded:
    """复核: `request`, `hearing` (its days are not counted) or `conclude` (final). A
    hearing recorded with `replace` takes the place of the last one recorded (its dates
    were wrong): the days of the one replaced no longer count."""
    kinds = {"request": "recheck_requested", "hearing": "recheck_hearing",
             "conclude": "recheck_concluded"}
    kind = _step(kinds, step)
    if kind == "recheck_concluded":
        # The conclusion ends the recheck: no hearing may run past it.
        held = hearings(ledger, ledger.find_case(ref))
        ends = [dt.date.fromisoformat(h["details"]["to"]) for h in held]
        if ends and (on or ledger.today) < max(ends):
            raise BadAct("act.conclude_before_hearing_ends", date=on or ledger.today,
                         end=max(ends))
    if kind != "recheck_hearing":
        return _act(ledger, ref, kind, officer, on, note=note,
                    **_body_or_outcome(ledger, kind, body, outcome, opinion))
    if hearing_from is None or hearing_to is None:
        raise MissingField(what=texts.ref("field.hearing_dates"), option=texts.ref("option.from_and_to"),
                           hint="")
    if hearing_to < hearing_from:
        raise BadAct("act.hearing_ends_before_start")
    details = {"from": hearing_from.isoformat(), "to": hearing_to.isoformat()}
    if note:
        details["note"] = note
    case_id = ledger.find_case(ref)
    earlier = hearings(ledger, case_id)
    if replace and not earlier:
        raise BadAct("act.no_hearing_to_replace")
    others = earlier[:-1] if replace else earlier
    _check_hearing(ledger, case_id, hearing_from, hearing_to, others)
    if not replace:
        return _act(ledger, ref, kind, officer, on or hearing_to, **details)
    return writer.amend(ledger, case_id, kind, on or ledger.today, officer,
                        {**details, "replaces": earlier[-1]["uid"]})


def hearings(ledger: Ledger, case_id: int) -> list[dict[str, Any]]:
    """The recheck hearings in the case's state (not withdrawn, not replaced), in order:
    each an event with `uid` and `details` {from, to}."""
    events = ledger.events(case_id)
    gone = corrections.withdrawn(events)
    return [dict(e) for e in events if e["kind"] == "recheck_hearing" and e["uid"] not in gone]


def _check_hearing(ledger: Ledger, case_id: int, first: dt.date, last: dt.date,
                   others: list[dict[str, Any]]) -> None:
    """Art 36: a hearing is held during the recheck (复核机关可以举行听证…听证所需时间不计算
    在前款规定的期限内): not before the request, and not on days of another hearing."""
    recheck = ledger.stored_state(case_id).running("recheck")
    if recheck is not None and first < recheck.started_on:
        raise BadAct("act.hearing_before_request", date=first, requested=recheck.started_on)
    for other in others:
        start = dt.date.fromisoformat(other["details"]["from"])
        end = dt.date.fromisoformat(other["details"]["to"])
        if first <= end and start <= last:
            raise BadAct("act.hearings_overlap", start=start, end=end)


def _step(kinds: dict[str, str], step: str) -> str:
    if step not in kinds:
        raise BadChoice(what=texts.ref("choice.step"), value=step, choices=texts.join(kinds))
    return kinds[step]


def followup(ledger: Ledger, ref: str, *, officer: str, satisfaction: str | None = None,
             unreachable: bool = False, note: str | None = None,
             on: dt.date | None = None, checks: dict[str, bool] | None = None,
             unit_rating: str | None = None, office_rating: str | None = None,
             other_request: str | None = None) -> Recorded:
    """回访: satisfaction stops the evaluation window; an unreachable petitioner does not.

    Naidong's 回诊 adds the five checks (`checks`: result_true, request_met, carried_out,
    satisfied, other_request, each yes or no) and the national system's two evaluations,
    of the responsible unit and of the petition office (DOMAIN.md §6, §9); the unit's
    stands for the satisfaction when none is given apart."""
    if unreachable and (satisfaction or unit_rating or office_rating or checks):
        raise BadAct("act.unreachable_satisfaction")
    unit_code = parse_satisfaction(unit_rating) if unit_rating else None
    office_code = parse_satisfaction(office_rating) if office_rating else None
    if satisfaction is None and unit_code is not None:
        satisfaction = unit_code
    checks = dict(checks or {})
    if other_request and other_request.strip():
        other_request = other_request.strip()
        checks["other_request"] = True
    else:
        other_request = None
    if satisfaction and (checks or unit_code or office_code) and "satisfied" not in checks:
        checks["satisfied"] = parse_satisfaction(satisfaction) != "unsatisfied"
    if checks or unit_code or office_code:
        code = parse_satisfaction(satisfaction) if satisfaction else None
        return _act(ledger, ref, "followed_up", officer, on, satisfaction=code, note=note,
                    checks=checks or None, unit_rating=unit_code, office_rating=office_code,
                    other_request=other_request)
    if not unreachable and not satisfaction:
        raise MissingField(what=texts.ref("field.satisfaction"), option="--satisfaction",
                           hint=texts.ref("hint.satisfaction"))
    code = parse_satisfaction(satisfaction) if satisfaction else None
    return _act(ledger, ref, "followed_up", officer, on, satisfaction=code,
                unreachable=unreachable, note=note)


def reopen(ledger: Ledger, ref: str, reason: str | None, *, officer: str,
           on: dt.date | None = None) -> Recorded:
    """重新办理 a closed case (e.g. the opinion was not carried out): a new handle clock."""
    reason = _required(reason, "field.reopen_reason", "--reason")
    return _act(ledger, ref, "reopened", officer, on, reason=reason)


# Corrections ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonEdit:
    """A petitioner's details to change on a case: which one (`who`: a name or a
    position, 1 = the lead) and what they are now (None: kept)."""

    who: str
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None


def correct(ledger: Ledger, ref: str, *, officer: str, reason: str | None,
            on: dt.date | None = None, received_on: dt.date | None = None,
            channel: str | None = None, headcount: int | None = None,
            locality: str | None = None, category: str | None = None,
            content: str | None = None, request: str | None = None,
            edit: list[PersonEdit] | None = None, add: list[Person] | None = None,
            remove: list[str] | None = None) -> Recorded:
    """更正 what a case's registration records, with the reason: any of its intake
    fields, and its petitioners (edited, added, removed). The correction is an event;
    clocks follow a corrected received date."""
    reason = _required(reason, "field.correction_reason", "--reason")
    case_id = ledger.find_case(ref)
    fields: dict[str, Any] = {}
    if received_on is not None:
        fields["received_on"] = received_on.isoformat()
    if channel is not None:
        fields["channel"] = parse_channel(channel)
    if headcount is not None:
        fields["headcount"] = parse_headcount(headcount)
    for name, value in (("locality", locality), ("request", request)):
        if value is not None:
            fields[name] = value.strip() or None
    if category is not None:
        fields["category"] = ledger.require_category(category)
    if content is not None:
        fields["content"] = _required(content, "field.content", "--content")
    people = None
    if edit or add or remove:
        people = _corrected_people(ledger, case_id, edit or [], add or [], remove or [])
    from xinfang.db import write

    with write(ledger.db):
        event = writer.correct(ledger, case_id, on or ledger.today, officer, fields, people,
                               reason)
        if people is not None or {"content", "category", "received_on"} & set(fields):
            rejudge_repeat(ledger, ref, officer=officer, on=on)
    return event


def _corrected_people(ledger: Ledger, case_id: int, edits: list[PersonEdit],
                      added: list[Person], removed: list[str]) -> list[Person]:
    """The case's petitioners after the edits, additions and removals, the lead first."""
    people = [Person(name, id_number, phone, address) for name, id_number, phone, address in
              ledger.db.execute("SELECT name, id_number, phone, address FROM case_people "
                                "WHERE case_id = ? ORDER BY position", [case_id])]

    def find(who: str) -> int:
        text = who.strip()
        if text.isdigit() and 1 <= int(text) <= len(people):
            return int(text) - 1
        for index, person in enumerate(people):
            if person.name == text:
                return index
        raise NoSuchPetitioner(who=text, names=texts.join(
            f"{index}. {person.name or '—'}" for index, person in enumerate(people, 1)))

    for change in edits:
        index = find(change.who)
        fresh = make_person(change.name, change.id_number, change.phone, change.address,
                            today=ledger.today)
        old = people[index]
        people[index] = Person(
            fresh.name if change.name is not None else old.name,
            fresh.id_number if change.id_number is not None else old.id_number,
            fresh.phone if change.phone is not None else old.phone,
            fresh.address if change.address is not None else old.address)
    for who in removed:
        del people[find(who)]
    people += added
    if not people:
        raise BadAct("act.no_petitioner_left")
    return people


def undo(ledger: Ledger, ref: str, *, officer: str, reason: str | None,
         on: dt.date | None = None) -> Recorded:
    """撤销 the last act recorded on the case (a wrong step, a wrong date): an event that
    withdraws it; the case's state is replayed without it."""
    reason = _required(reason, "field.undo_reason", "--reason")
    case_id = ledger.find_case(ref)
    last = corrections.last_withdrawable(ledger.events(case_id))
    if last is None:
        raise NothingToUndo(number=ledger.case_number(case_id))
    return writer.amend(ledger, case_id, "withdrawn", on or ledger.today, officer,
                        {"event": last["uid"], "kind": last["kind"], "on": last["on"],
                         "reason": reason})


def void(ledger: Ledger, ref: str, *, officer: str, reason: str | None,
         on: dt.date | None = None) -> Recorded:
    """作废 a case registered by mistake (a duplicate entry): it stays in the ledger,
    marked 已作废, and leaves lists, reports and figures. `undo` brings it back. A
    chain's first case voided leaves its chain to its repeats (`_chain_without`)."""
    from xinfang.db import write

    reason = _required(reason, "field.undo_reason", "--reason")
    case_id = ledger.find_case(ref)
    with write(ledger.db):
        event = _act(ledger, ref, "voided", officer, on, reason=reason)
        _chain_without(ledger, case_id, event["case"], officer=officer, on=on)
    return event


def _chain_without(ledger: Ledger, case_id: int, number: str, *, officer: str,
                   on: dt.date | None) -> None:
    """The voided first case `case_id` is as if never registered: each of its repeats,
    in order of receipt, is judged again by the rule (the voided case is none of the
    earlier cases), the first of them becoming the chain's first case; one the officer
    linked by hand stays linked by hand, to that first case. An event each, saying the
    first case was voided (`first_voided`)."""
    members = [row[0] for row in ledger.db.execute(
        "SELECT id FROM cases WHERE repeat_of = ? AND status != 'void' "
        "ORDER BY received_on, id", [case_id])]
    why = {"first_voided": number}
    # Those the rule leaves as they are (the officer's word stands; or the rule found the
    # voided case's chain again, through a repeat of it linked by hand): relinked below.
    by_hand = [member for member in members
               if rejudge_repeat(ledger, member, officer=officer,
                                 on=_member_on(ledger, member, on), why=why) is None]
    if not by_hand:
        return
    # The chain's first case now: the first repeat (linked by hand, so first from here),
    # or the chain the rule judged that one to join.
    first = (ledger.case_number(members[0]) if by_hand[0] == members[0]
             else ledger.chain_root(members[0])[1])
    for member in by_hand:
        root = None if member == members[0] else first
        record(ledger, member, "repeat_marked", officer=officer,
               on=_member_on(ledger, member, on),
               details={"repeat_of": root, "decision": "officer" if root else "auto", **why})


def _member_on(ledger: Ledger, case_id: int, on: dt.date | None) -> dt.date:
    """The day of an act a chain's change brings to one of its cases: no earlier than
    its own last act."""
    return max(on or ledger.today, ledger.stored_state(case_id).last_on or ledger.today)


def reroute(ledger: Ledger, ref: str, unit: str, *, officer: str, reason: str | None,
            on: dt.date | None = None, report_by: dt.date | None = None) -> Recorded:
    """改转 a forwarded case to another unit: the new unit's notice period and objection
    window start from today; an assignment gets a new report-by date."""
    reason = _required(reason, "field.reroute_reason", "--reason")
    name = ledger.require_unit(unit)
    state = ledger.stored_state(ledger.find_case(ref))
    if name == state.unit:
        raise BadAct("act.reroute_same_unit", unit=name)
    if report_by is not None and report_by <= (on or ledger.today):
        raise BadAct("act.report_by_after", date=report_by)
    return _act(ledger, ref, "rerouted", officer, on, unit=name, reason=reason,
                **(_report_by(ledger, report_by, "report_by") if report_by else {}))


def change_report_by(ledger: Ledger, ref: str, report_by: dt.date, *, officer: str,
                     reason: str | None, on: dt.date | None = None) -> Recorded:
    """An assignment's report-by date moved (by the office that assigned it)."""
    reason = _required(reason, "field.report_by_reason", "--reason")
    if report_by <= (on or ledger.today):
        raise BadAct("act.report_by_after", date=report_by)
    return _act(ledger, ref, "report_due_changed", officer, on,
                **_report_by(ledger, report_by, "report_by"), reason=reason)


def interim_report(ledger: Ledger, ref: str, text: str | None, *, officer: str,
                   next_report_by: dt.date | None = None,
                   on: dt.date | None = None) -> Recorded:
    """A unit's interim report (阶段性报告) on an assignment: the report due now is made;
    with `next_report_by`, the next one is due then."""
    text = _required(text, "field.interim_report", "--interim")
    if next_report_by is not None and next_report_by <= (on or ledger.today):
        raise BadAct("act.report_by_after", date=next_report_by)
    return _act(ledger, ref, "interim_reported", officer, on, text=text,
                **(_report_by(ledger, next_report_by, "next_report_by")
                   if next_report_by else {}))


def archive(ledger: Ledger, case_ids: list[int], *, officer: str, reason: str | None,
            on: dt.date | None = None) -> int:
    """归档 open cases as history (old cases of a paper register, handled elsewhere):
    nothing is owed on them any more; they leave the overdue report and the figures
    (counted apart). One event each, all in one transaction; returns how many."""
    from xinfang.db import write

    reason = _required(reason, "field.archive_reason", "--reason")
    with write(ledger.db):
        for case_id in case_ids:
            writer.append(ledger, case_id, "archived", on or ledger.today, officer,
                          {"basis": "officer", "reason": reason})
    return len(case_ids)
