"""Acts an older xinfang recorded, judged again under the Regulation's rules (issue 16).

Before these rules an extension approved after the handling period had ended still
extended it (a late close counted as on time), hearing days before the recheck request
or shared by two hearings were added to the recheck, a close by the office itself on a
later day was 当场办结, and any satisfaction was taken as the evaluation — one given before
the close, or after the first evaluation, or kept from a reply the case was reopened on.
The lifecycle counts each of them as the Regulation says now: the same acts, replayed,
give another state than the one stored and shown.

`judge` replays a case's events under the rules in force, notes each act they judge
otherwise than the old ones did (the rule, its article, the facts) and gives what the
stored state becomes: its flags, its satisfaction and the clocks those acts moved, and
each change (what it was, what it is). Everything else the stored state holds stays as
it is: a stopped clock no act moved keeps the due date it had. A case whose acts are all
judged alike, or whose stored state already is the replay's, has nothing to re-judge.

`said` puts a re-judgement event in words (`show`, the exported events).

Pure: plain data in and out; the migration m010_regulation reads and writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from xinfang.cases import lifecycle
from xinfang.cases.lifecycle import CaseState
from xinfang.deadlines.arithmetic import Calendar
from xinfang.deadlines.clocks import Clock, due_on
from xinfang.deadlines.policy import Policy
from xinfang.errors import XinfangError
from xinfang.texts import label, t
from xinfang.vocab import CLOCKS, EVENT_KINDS, FLAGS, SATISFACTION

# Each rule an act may be judged by again, and the article of the 2022 信访工作条例 it
# rests on (None: a rule of the ledger's own, DOMAIN.md §4).
RULES = {
    "extension_after_period": 34,  # 办理期限内 … 可以适当延长办理期限
    "hearing_before_request": 36,  # 听证所需时间不计算在前款规定的期限内: the recheck's
    "hearing_overlap": 36,  # … each day of hearing once
    "closed_by_office": None,  # 当场办结 only on the day of registration
    "satisfaction_before_close": None,  # a satisfaction rates the written reply
    "satisfaction_after_evaluation": None,  # the first after the close is the evaluation
    "satisfaction_of_earlier_reply": None,  # a new reply waits for its own evaluation
}
# The flags the rules above set: the replay's say which of them a case has.
RULE_FLAGS = frozenset({"late_extension", "on_the_spot", "closed_by_office"})
# Acts that stop every clock with no lateness counted (lifecycle: voided, archived).
_UNCOUNTED_STOPS = ("voided", "archived")


@dataclass(frozen=True)
class Judged:
    """One act judged otherwise: by which rule, and the facts the judgement rests on."""

    rule: str
    kind: str
    on: dt.date
    facts: dict[str, Any] = field(default_factory=dict)
    clock: int | None = None  # the index of the clock it moved, in the case's order

    def record(self) -> dict[str, Any]:
        """As the re-judgement event keeps it."""
        out = {"rule": self.rule, "kind": self.kind, "on": self.on.isoformat(),
               **{k: v.isoformat() if isinstance(v, dt.date) else v
                  for k, v in self.facts.items()}}
        if RULES[self.rule] is not None:
            out["article"] = RULES[self.rule]
        return out


@dataclass
class Rejudgement:
    """What re-judging a case finds: the acts judged otherwise, the stored state it
    leads to, and each change to it."""

    judged: list[Judged]
    flags: set[str]
    satisfaction: str | None
    clocks: list[Clock]  # the case's clocks, in order, the moved ones as they are now
    changes: list[dict[str, Any]]

    def details(self) -> dict[str, Any]:
        """The re-judgement event's details."""
        return {"acts": [j.record() for j in self.judged], "changes": self.changes}


def _index(state: CaseState, clock: Clock) -> int:
    return next(i for i, item in enumerate(state.clocks) if item is clock)


def _judged(state: CaseState, kind: str, on: dt.date, details: dict[str, Any]
            ) -> list[Judged]:
    """The judgements of one act, before it is applied, that differ from the old rules."""
    if kind == "extended" and not details.get("late_approval"):
        handle = state.running("handle")
        if handle is not None and on > handle.due_on:
            return [Judged("extension_after_period", kind, on,
                           {"due": handle.due_on, "days": int(details.get("days", 0))},
                           _index(state, handle))]
    if kind == "recheck_hearing":
        recheck = state.running("recheck")
        if recheck is None:
            return []
        start = dt.date.fromisoformat(details["from"])
        end = dt.date.fromisoformat(details["to"])
        days = (end - start).days + 1
        before = min(days, max(0, (recheck.started_on - start).days))
        counted = len(lifecycle.counted_hearing_days(state, recheck, start, end))
        index = _index(state, recheck)
        found = []
        span = {"from": start, "to": end}
        if before:
            found.append(Judged("hearing_before_request", kind, on,
                                {**span, "requested": recheck.started_on, "days": before},
                                index))
        if days - before - counted > 0:
            found.append(Judged("hearing_overlap", kind, on,
                                {**span, "days": days - before - counted}, index))
        return found
    if kind == "closed":
        found = []
        if state.accepted_on is None and on != state.received_on:
            found.append(Judged("closed_by_office", kind, on, {"received": state.received_on}))
        if state.satisfaction is not None:
            found.append(Judged("satisfaction_of_earlier_reply", kind, on,
                                {"satisfaction": state.satisfaction}))
        return found
    if kind == "followed_up" and details.get("satisfaction"):
        if state.running("evaluation") is None:
            rule = ("satisfaction_before_close" if state.closed_on is None
                    else "satisfaction_after_evaluation")
            return [Judged(rule, kind, on, {"satisfaction": details["satisfaction"]})]
    return []


def judge(events: Iterable[tuple[str, dt.date, dict[str, Any]]], policy: Policy,
          calendar: Calendar, stored: CaseState) -> Rejudgement | None:
    """Re-judge one case: its events as its state is made of them
    (`corrections.effective`), the policy and calendar in force, its stored state (its
    clocks in their stored order). None when there is nothing to re-judge: no act is
    judged otherwise, the stored state already is what they make it, or its clocks are
    not those of its events (a case `check` reports as it is)."""
    state = CaseState()
    judged: list[Judged] = []
    stopped_by: dict[int, str] = {}
    try:
        for kind, on, details in events:
            judged += _judged(state, kind, on, details)
            running = [i for i, clock in enumerate(state.clocks) if clock.running]
            lifecycle.advance(state, kind, on, details, policy, calendar)
            stopped_by.update({i: kind for i in running if not state.clocks[i].running})
    except XinfangError:
        return None  # events the lifecycle cannot replay: check reports the case
    if not judged:
        return None
    shape = [(c.clock, c.started_on, c.stopped_on) for c in state.clocks]
    if shape != [(c.clock, c.started_on, c.stopped_on) for c in stored.clocks]:
        return None
    rules = {j.rule for j in judged}
    flags = set(stored.flags)
    if rules & {"extension_after_period", "closed_by_office"}:
        flags = (flags - RULE_FLAGS) | (state.flags & RULE_FLAGS)
    satisfaction = stored.satisfaction
    if any(rule.startswith("satisfaction_") for rule in rules):
        satisfaction = state.satisfaction
    clocks = list(stored.clocks)
    for index in sorted({j.clock for j in judged if j.clock is not None}):
        clocks[index] = _moved(stored.clocks[index], state.clocks[index],
                               stopped_by.get(index), calendar)
    changes = _changes(stored, flags, satisfaction, clocks, stopped_by)
    if not changes:
        return None
    return Rejudgement(judged, flags, satisfaction, clocks, changes)


def _moved(stored: Clock, replayed: Clock, stopped_by: str | None,
           calendar: Calendar) -> Clock:
    """A clock an act judged again moved. A running one is the replay's (under the policy
    and calendar in force, as every running clock is); a stopped one keeps its length as
    it stopped, with the days the rules now add, and is late when it stopped after that."""
    if replayed.running:
        return replace(replayed, owner=stored.owner)
    due = due_on(stored.started_on, stored.length, stored.unit, calendar, replayed.extra_days)
    late = stopped_by not in _UNCOUNTED_STOPS and bool(stored.stopped_on and
                                                       stored.stopped_on > due)
    return replace(stored, extra_days=replayed.extra_days, due_on=due, late=late)


def _changes(stored: CaseState, flags: set[str], satisfaction: str | None,
             clocks: list[Clock], stopped_by: dict[int, str]) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    if flags != stored.flags:
        changes.append({"field": "flags", "added": sorted(flags - stored.flags),
                        "removed": sorted(stored.flags - flags)})
    if satisfaction != stored.satisfaction:
        changes.append({"field": "satisfaction", "was": stored.satisfaction,
                        "now": satisfaction})
    for index, (was, now) in enumerate(zip(stored.clocks, clocks, strict=True)):
        if (was.due_on, was.extra_days, was.late) == (now.due_on, now.extra_days, now.late):
            continue
        change: dict[str, Any] = {"field": "clock", "clock": was.clock,
                                  "started_on": was.started_on.isoformat(),
                                  "due": [was.due_on.isoformat(), now.due_on.isoformat()],
                                  "extra_days": [was.extra_days, now.extra_days]}
        if not now.running:
            change.update(stopped_on=now.stopped_on.isoformat() if now.stopped_on else None,
                          stopped_by=stopped_by.get(index), late=[was.late, now.late])
        changes.append(change)
    return changes


def said(details: dict[str, Any], lang: str) -> list[str]:
    """An upgrade's re-judgement of a case (m010_regulation): each act judged again, by
    which rule and article, then what changed in the case as stored."""
    bits = []
    for act in details.get("acts", []):
        facts = {key: value for key, value in act.items() if key not in ("rule", "kind")}
        if "satisfaction" in facts:
            facts["satisfaction"] = label(SATISFACTION, facts["satisfaction"], lang)
        facts["start"], facts["end"] = facts.pop("from", ""), facts.pop("to", "")
        bits.append(t(f"rejudge.{act['rule']}", lang,
                      act=label(EVENT_KINDS, act["kind"], lang), **facts))
    for change in details.get("changes", []):
        if change["field"] == "flags":
            bits.append(t("rejudge.flags", lang, changes=t("sep.list", lang).join(
                [t("rejudge.flag_added", lang, flag=label(FLAGS, f, lang))
                 for f in change["added"]]
                + [t("rejudge.flag_removed", lang, flag=label(FLAGS, f, lang))
                   for f in change["removed"]])))
        elif change["field"] == "satisfaction":
            bits.append(t("rejudge.satisfaction", lang, **{
                side: label(SATISFACTION, change[side], lang) if change[side]
                else t("rejudge.no_satisfaction", lang) for side in ("was", "now")}))
        elif change["field"] == "clock":
            was, now = change["due"]
            if was != now:
                bits.append(t("rejudge.clock_due", lang, clock=label(CLOCKS, change["clock"], lang),
                              was=was, now=now))
            if change.get("late") and change["late"][0] != change["late"][1]:
                bits.append(t("rejudge.clock_late", lang,
                              act=label(EVENT_KINDS, change["stopped_by"], lang), **{
                                  side: t("figure.class.late" if late else "figure.class.on_time",
                                          lang)
                                  for side, late in zip(("was", "now"), change["late"],
                                                        strict=True)}))
    return bits
