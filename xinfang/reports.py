"""Reports over the whole ledger: the nightly overdue report, the office's figures
(DOMAIN.md §6), the major-visit list and repeat chains.

SQL selects and counts (the indexes on due dates and states do the work); the rules in
`rules.py` decide. Results are plain data, ordered deterministically, so the same ledger
and date always give the same report.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from xinfang import figures as case_figures
from xinfang import forked, gcpause, rules
from xinfang.cases import matching
from xinfang.cases.identity import Links, Who
from xinfang.cases.similarity import TERMS_VERSION, from_stored
from xinfang.deadlines.clocks import due_soon_until, duty_sql
from xinfang.store.chain import head as chain_head
from xinfang.store.ledger import Ledger
from xinfang.store.queries import describe_chains
from xinfang.store.records import Chain, HolderRecord, OverdueItem, OverdueReport
from xinfang.store.terms import GramCounts, stored_keys, stored_who
from xinfang.texts import t
from xinfang.vocab import OPEN, SET_APART

# The unit a duty clock is filed under (over `clocks k`, `cases c`, `units u`): a review
# or a recheck under the body that does it (Arts 35, 36: the higher authority named with
# the request), every other duty under the responsible unit (none: the office itself).
FILED_UNDER_SQL = (
    "CASE WHEN k.clock IN ('review', 'recheck') THEN coalesce((SELECT json_extract("
    "v.details, '$.body') FROM events v WHERE v.case_id = k.case_id AND v.kind = "
    "k.clock || '_requested' AND v.acted_on = k.started_on ORDER BY v.id DESC LIMIT 1), "
    "u.name) ELSE u.name END"
)


def filed_under(ledger: Ledger, case_id: int, clock: str) -> str | None:
    """The unit a case's running duty `clock` is filed under (None: the office): what
    the overdue report and a work list group it by."""
    row = ledger.db.execute(
        f"SELECT {FILED_UNDER_SQL} FROM clocks k JOIN cases c ON c.id = k.case_id "
        "LEFT JOIN units u ON u.id = c.unit_id WHERE k.case_id = ? AND k.clock = ? "
        "AND k.stopped_on IS NULL", [case_id, clock]).fetchone()
    return row[0] if row else None


@gcpause.paused()
def overdue(ledger: Ledger, as_of: dt.date, unit: str | None = None) -> OverdueReport:
    """Running duty clocks past their due date, and those due soon, as of a date.

    Overdue items are grouped by responsible unit (the office itself when not yet
    forwarded), units with the most overdue case first, and within a unit most overdue
    first. Windows (objection, review request …) lapse and are never listed.
    """
    soon = due_soon_until(as_of, ledger.policy.number("warning_days"), ledger.calendar)
    params: list[Any] = [soon.isoformat()]
    unit_clause = ""
    if unit:
        unit_name = ledger.require_unit(unit)
        unit_clause = f" AND {FILED_UNDER_SQL} = ?"
        params.append(unit_name)
    # With each clock, how many cases its case's repeat chain holds (1 for a case
    # without repeats), counted in the same pass.
    rows = ledger.db.execute(
        f"SELECT c.number, k.clock, k.started_on, k.due_on, {FILED_UNDER_SQL}, c.holder_kind, "
        "c.holder, c.holder_since, c.status, c.category, c.received_on, c.flags, "
        "(SELECT count(*) FROM cases m WHERE m.repeat_of = coalesce(c.repeat_of, c.id)) + 1, "
        "k.owner FROM clocks k JOIN cases c ON c.id = k.case_id LEFT JOIN units u ON u.id = c.unit_id "
        f"WHERE k.stopped_on IS NULL AND k.clock IN ({duty_sql()}) AND k.due_on <= ?"
        f"{unit_clause}",
        params,
    ).fetchall()
    policy = ledger.policy
    escalate_days = policy.number("escalate_overdue_days")
    chain_escalate = policy.number("repeat_chain_escalate")
    late: list[OverdueItem] = []
    upcoming: list[OverdueItem] = []
    for (number, clock, started, due, unit_name, holder_kind, holder, since, status,
         category, received, flags, chain, owner) in rows:
        due_on = dt.date.fromisoformat(due)
        item: OverdueItem = {
            "id": number,
            "clock": clock,
            "started_on": started,
            "due_on": due,
            "unit": unit_name,
            "holder": {"kind": holder_kind, "name": holder, "since": since},
            "status": status,
            "category": category,
            "received_on": received,
            "days_overdue": None,
            "days_left": (due_on - as_of).days,
            "owed_by": owed_by(clock, owner, unit_name),
        }
        # A running duty clock past its due date (rules.clock_state "overdue").
        if due_on < as_of:
            days = (as_of - due_on).days
            item["days_overdue"] = days
            # `flags` is a JSON list of flag codes: the code in quotes is the element.
            item["needs_escalation"] = rules.needs_escalation(
                days, chain, '"escalated"' in flags, escalate_days, chain_escalate)
            late.append(item)
        else:
            upcoming.append(item)
    worst: dict[tuple[str, str], int] = {}
    for item in late:
        key = owed_key(item)
        worst[key] = max(worst.get(key, 0), item["days_overdue"] or 0)
    late.sort(key=lambda i: (-worst[owed_key(i)], owed_key(i), -(i["days_overdue"] or 0),
                             i["id"], i["clock"]))
    upcoming.sort(key=lambda i: (i["due_on"], i["id"], i["clock"]))
    return {"as_of": as_of.isoformat(), "overdue": late, "due_soon": upcoming,
            "head": chain_head(ledger.db).text}


def owed_by(clock: str, owner: str | None, unit: str | None) -> HolderRecord:
    """Who owes a duty: a leader's 化解时限 the leader, a meeting's task the unit it names,
    any other duty the case's responsible unit (the office before it is forwarded)."""
    if owner and clock == "lead":
        return {"kind": "leader", "name": owner, "since": None}
    if owner:
        return {"kind": "unit", "name": owner, "since": None}
    if unit:
        return {"kind": "unit", "name": unit, "since": None}
    return {"kind": "office", "name": None, "since": None}


def owed_key(item: OverdueItem) -> tuple[str, str]:
    """The group of the overdue report an item falls in (who owes it)."""
    return str(item["owed_by"]["kind"]), item["owed_by"]["name"] or ""


def major(ledger: Ledger, as_of: dt.date) -> list[dict[str, Any]]:
    """重大访情: collective visits and visits to higher levels, still open on `as_of`."""
    threshold = ledger.policy.number("collective_headcount")
    states = ", ".join(f"'{s}'" for s in OPEN)
    rows = ledger.db.execute(
        "SELECT c.number, c.received_on, c.headcount, c.category, c.locality, c.content, "
        "c.status, c.flags, (SELECT count(*) FROM case_people cp WHERE cp.case_id = c.id), "
        "c.confidential "
        f"FROM cases c WHERE c.received_on <= ? AND c.status IN ({states}) AND "
        "(c.headcount >= ? OR c.flags LIKE '%\"to_province\"%' OR c.flags LIKE '%\"to_beijing\"%') "
        "ORDER BY c.received_on DESC, c.number",
        [as_of.isoformat(), threshold],
    ).fetchall()
    out = []
    for (number, received, headcount, category, locality, content, status, flags, people,
         confidential) in rows:
        if confidential:
            content = rules.WITHHELD
        flag_list = json.loads(flags)
        if not rules.is_major(headcount, flag_list, threshold):
            continue
        marks = []
        if rules.is_collective(headcount, threshold):
            marks.append("collective")
        if rules.too_many_representatives(people, headcount, threshold,
                                          ledger.policy.number("max_representatives")):
            marks.append("too_many_representatives")
        marks += [f for f in flag_list if f in ("to_province", "to_beijing")]
        out.append({"id": number, "received_on": received, "headcount": headcount,
                    "category": category, "locality": locality, "content": content,
                    "status": status, "flags": marks})
    return out


# Figures (DOMAIN.md §6) ----------------------------------------------------------------

# The figures, in the order they are shown; each one's name and definition are the
# catalogue entries `figure.<code>` and `figure.<code>.definition`.
FIGURES = ("timely_acceptance", "on_time_closing", "participation", "satisfaction",
           "repeat_rate", "first_time_resolution")
# The figures of the practice of offices (DOMAIN.md §9, §10), shown after them; the
# workbooks of figures keep to the six above.
PRACTICE_FIGURES = ("unit_satisfaction", "office_satisfaction",
                    "office_target", "lead_on_time", "tasks_on_time")


# The cases outside the figures (voided, archived: vocab.SET_APART), as SQL.
_SET_APART = ", ".join(f"'{status}'" for status in SET_APART)
_SET_APART_IDS = f"SELECT id FROM cases WHERE status IN ({_SET_APART})"


def _clock_figure(ledger: Ledger, clocks: tuple[str, ...], start: str, end: str,
                  today: str, scope: tuple[str, dict[str, Any]] = ("", {})) -> tuple[int, int]:
    """On-time stops ÷ clocks that stopped in the period or came due in it unstopped."""
    names = ", ".join(f"'{c}'" for c in clocks)
    where, params = scope
    row = ledger.db.execute(
        "SELECT "
        "sum(stopped_on IS NOT NULL AND stopped_on BETWEEN :start AND :end AND late = 0), "
        "sum((stopped_on IS NOT NULL AND stopped_on BETWEEN :start AND :end) OR "
        "(stopped_on IS NULL AND due_on BETWEEN :start AND :end AND due_on < :today)) "
        f"FROM clocks WHERE clock IN ({names}) AND case_id NOT IN ({_SET_APART_IDS})"
        f"{where.format(case='case_id')}",
        {"start": start, "end": end, "today": today, **params},
    ).fetchone()
    return row[0] or 0, row[1] or 0


# How the figures are counted: by case (the default, as supervising offices count), or
# by clock (each duty clock that stopped or came due in the period).
DEFINITIONS = ("case", "clock")


def stats(ledger: Ledger, start: dt.date, end: dt.date, by: str | None = None,
          definitions: str = "case") -> dict[str, Any]:
    """The office's figures for a period, each with its definition, numerator and
    denominator, and counts by unit, category, locality or month.

    By case (`definitions="case"`), each duty figure for the petition office and for the
    responsible units apart, the units ranked with `by="unit"`; for a period that has
    ended, the figures that changed since its end and the cases (and acts) that changed
    them. By clock, the figures as xinfang counted them before."""
    if definitions == "clock":
        return _clock_stats(ledger, start, end, by)
    cases = list(case_facts(ledger))
    classes = case_figures.classify(cases, start, end, ledger.today)
    result = _clock_stats(ledger, start, end, by)
    result["definitions"] = "case"
    # The figures of the practice of offices follow, as they are counted.
    practice = {code: figure for code, figure in result["figures"].items()
                if code in PRACTICE_FIGURES}
    result["figures"] = {code: _figure(code, case_figures.count(code, classes[code]))
                         for code in case_figures.FIGURES}
    result["figures"].update(practice)
    if by == "unit":
        result["units"] = [
            {**item, "figures": {code: _figure(code, figure)
                                 for code, figure in item["figures"].items()}}
            for item in case_figures.by_unit(cases, classes)]
    if end < ledger.today:
        result["changed"] = _changed_since(ledger, start, end, classes)
    result["rejudged"] = _rejudged(ledger, classes)
    return result


def _rejudged(ledger: Ledger, classes: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """The cases of the period's figures whose acts were judged again under the
    Regulation's rules when the ledger was upgraded (m010_regulation): when, what and
    why (the `rejudged` event's details), and the figures they are counted in."""
    out = []
    for number, on, details in ledger.db.execute(
            "SELECT c.number, e.acted_on, e.details FROM events e JOIN cases c ON "
            "c.id = e.case_id WHERE e.kind = 'rejudged' ORDER BY c.number, e.id"):
        counted = [code for code in case_figures.FIGURES if number in classes[code]]
        if counted:
            out.append({"id": number, "on": on, **json.loads(details), "figures": counted})
    return out


def _figure(code: str, counted: dict[str, Any]) -> dict[str, Any]:
    return {"name": t(f"figure.{code}", "zh"), "name_en": t(f"figure.{code}", "en"),
            "definition": t(f"figure.{code}.definition", "zh"),
            "definition_en": t(f"figure.{code}.definition", "en"), **counted}


def _changed_since(ledger: Ledger, start: dt.date, end: dt.date,
                   now: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """The figures (by case) that differ from what they were at the end of the period,
    each with the cases whose class changed: what it was, what it is, and the acts
    recorded on it since (none: a deadline that fell after the period's end)."""
    from xinfang.store import past

    then_ledger = past.as_of(ledger, end)
    then = case_figures.classify(case_facts(then_ledger), start, end, end)
    out = []
    for code in case_figures.FIGURES:
        before, after = case_figures.count(code, then[code]), case_figures.count(code, now[code])
        if (before["numerator"], before["denominator"]) == (after["numerator"],
                                                          after["denominator"]):
            continue
        cases = []
        for number in sorted(set(then[code]) | set(now[code])):
            was, is_ = then[code].get(number), now[code].get(number)
            if was == is_:
                continue
            later = [{"kind": kind, "on": on} for kind, on in ledger.db.execute(
                "SELECT e.kind, e.acted_on FROM events e JOIN cases c ON c.id = e.case_id "
                "WHERE c.number = ? AND e.acted_on > ? ORDER BY e.id", [number, end.isoformat()])]
            cases.append({"id": number, "was": was, "now": is_, "acts": later})
        out.append({"figure": code, "was": [before["numerator"], before["denominator"]],
                    "now": [after["numerator"], after["denominator"]], "cases": cases})
    return out


def case_facts(ledger: Ledger) -> Iterator[case_figures.CaseFacts]:
    """Every case in the figures (not set apart) as the figures read it."""
    spans: dict[int, list[case_figures.Span]] = {}
    for case_id, clock, started, due, stopped, late, sat in ledger.db.execute(
        "SELECT k.case_id, k.clock, k.started_on, k.due_on, k.stopped_on, k.late, "
        # An evaluation window is also stopped by reopening the case: only a follow-up
        # that recorded a satisfaction that day is an evaluation, and its answer counts.
        "CASE WHEN k.clock = 'evaluation' AND k.stopped_on IS NOT NULL THEN (SELECT "
        "json_extract(v.details, '$.satisfaction') FROM events v WHERE v.case_id = k.case_id "
        "AND v.kind = 'followed_up' AND v.acted_on = k.stopped_on AND "
        "json_extract(v.details, '$.satisfaction') IS NOT NULL ORDER BY v.id LIMIT 1) END "
        "FROM clocks k WHERE k.clock IN ('forward', 'notify', 'handle', 'evaluation') "
        "ORDER BY k.id"
    ):
        spans.setdefault(case_id, []).append(case_figures.Span(
            clock, dt.date.fromisoformat(started), dt.date.fromisoformat(due),
            dt.date.fromisoformat(stopped) if stopped else None, bool(late), sat))
    leaders = dict(ledger.db.execute(
        # A leader takes a case by escalate --leader or by lead (the 六定).
        "SELECT case_id, min(acted_on) FROM events WHERE kind IN ('escalated', 'led') AND "
        "json_extract(details, '$.leader') IS NOT NULL GROUP BY case_id").fetchall())
    for (case_id, number, received, unit, repeat_of, closed, came_back,
         resolved) in ledger.db.execute(
        "SELECT c.id, c.number, c.received_on, u.name, c.repeat_of, c.closed_on, "
        "EXISTS (SELECT 1 FROM cases r WHERE r.repeat_of = c.id) OR EXISTS (SELECT 1 FROM "
        "clocks k WHERE k.case_id = c.id AND k.clock IN ('review', 'recheck')), "
        "c.closed_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases r WHERE r.repeat_of = "
        "coalesce(c.repeat_of, c.id) AND r.received_on > c.closed_on) "
        "FROM cases c LEFT JOIN units u ON u.id = c.unit_id "
        f"WHERE c.status NOT IN ({_SET_APART}) ORDER BY c.id"
    ):
        leader = leaders.get(case_id)
        yield case_figures.CaseFacts(
            number, dt.date.fromisoformat(received), unit, repeat_of is not None,
            repeat_of is None, dt.date.fromisoformat(closed) if closed else None,
            bool(came_back), spans.get(case_id, []),
            dt.date.fromisoformat(leader) if leader else None, bool(resolved))


def _clock_stats(ledger: Ledger, start: dt.date, end: dt.date,
                 by: str | None = None) -> dict[str, Any]:
    """The figures by clock (as counted before the figures by case)."""
    s, e, today = start.isoformat(), end.isoformat(), ledger.today.isoformat()
    apart = dict(ledger.db.execute(
        f"SELECT status, count(*) FROM cases WHERE status IN ({_SET_APART}) "
        "AND received_on BETWEEN ? AND ? GROUP BY status", [s, e]).fetchall())
    result: dict[str, Any] = {"from": s, "to": e, "definitions": "clock",
                              "figures": _figures(ledger, s, e, today),
                              "set_apart": {status: apart.get(status, 0)
                                            for status in SET_APART},
                              "months": _months(ledger, s, e, today)}
    if by:
        result["by"] = by
        result["groups"] = _groups(ledger, by, s, e, today)
    return result


def case_figures_by_month(ledger: Ledger, start: dt.date, end: dt.date
                          ) -> list[dict[str, Any]]:
    """The figures by case of each month of a period (the first and last months cut to
    the period), as `stats` counts them for a period of that month: {month, from, to,
    figures}."""
    cases = list(case_facts(ledger))
    out = []
    for month in _month_range(start.isoformat(), end.isoformat()):
        first = dt.date(int(month[:4]), int(month[5:7]), 1)
        after = (first + dt.timedelta(days=32)).replace(day=1)
        s, e = max(first, start), min(after - dt.timedelta(days=1), end)
        classes = case_figures.classify(cases, s, e, ledger.today)
        out.append({"month": month, "from": s.isoformat(), "to": e.isoformat(),
                    "figures": {code: _figure(code, case_figures.count(code, classes[code]))
                                for code in case_figures.FIGURES}})
    return out


def case_figures_by_group(ledger: Ledger, by: str, start: dt.date, end: dt.date
                          ) -> list[dict[str, Any]]:
    """The figures by case of each group `stats` counts by (unit, category, locality or
    month of receipt), with its counts: {key, registered, closed, overdue, repeats,
    figures}. A group's figures are those of its cases, so the groups' numerators and
    denominators add up to the period's; the groups `stats` lists come first, in its
    order, then those of cases received before the period (counted in it for a later
    act: a forward, an acceptance, a close)."""
    s, e, today = start.isoformat(), end.isoformat(), ledger.today.isoformat()
    classes = case_figures.classify(case_facts(ledger), start, end, ledger.today)
    keys: dict[str, str] = dict(ledger.db.execute(
        f"SELECT c.number, {_DIMENSIONS[by]} FROM cases c LEFT JOIN units u ON "
        f"u.id = c.unit_id WHERE c.status NOT IN ({_SET_APART})").fetchall())
    groups = _groups(ledger, by, s, e, today)
    listed = {group["key"] for group in groups}
    counted = {keys[n] for code in case_figures.FIGURES for n in classes[code] if n in keys}
    groups += [{"key": key, "registered": 0, "closed": 0, "overdue": 0, "repeats": 0}
               for key in sorted(counted - listed)]
    by_key: dict[str, dict[str, dict[str, str]]] = {
        group["key"]: {code: {} for code in case_figures.FIGURES} for group in groups}
    for code in case_figures.FIGURES:
        for number, found in classes[code].items():
            if number in keys:
                by_key[keys[number]][code][number] = found
    return [{**group, "figures": {code: _figure(code, case_figures.count(code, mine))
                                  for code, mine in by_key[group["key"]].items()}}
            for group in groups]


def figures_by_month(ledger: Ledger, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The six figures of each month of a period (the first and last months cut to the
    period), as `stats` counts them for the period: {month, from, to, figures}."""
    today = ledger.today.isoformat()
    out = []
    for month in _month_range(start.isoformat(), end.isoformat()):
        first = dt.date(int(month[:4]), int(month[5:7]), 1)
        after = (first + dt.timedelta(days=32)).replace(day=1)
        s = max(first, start).isoformat()
        e = min(after - dt.timedelta(days=1), end).isoformat()
        out.append({"month": month, "from": s, "to": e,
                    "figures": _figures(ledger, s, e, today)})
    return out


def figures_by_group(ledger: Ledger, by: str, start: dt.date, end: dt.date
                     ) -> list[dict[str, Any]]:
    """The six figures of each group `stats` counts by (unit, category, locality or
    month), in the same order: {key, figures}; a group is the cases whose unit (category,
    locality, month of receipt) it is."""
    s, e, today = start.isoformat(), end.isoformat(), ledger.today.isoformat()
    where = (f" AND {{case}} IN (SELECT c.id FROM cases c LEFT JOIN units u ON "
             f"u.id = c.unit_id WHERE {_DIMENSIONS[by]} = :group_key)")
    return [{"key": group["key"],
             "figures": _figures(ledger, s, e, today, (where, {"group_key": group["key"]}))}
            for group in _groups(ledger, by, s, e, today)]


def _figures(ledger: Ledger, s: str, e: str, today: str,
             scope: tuple[str, dict[str, Any]] = ("", {})) -> dict[str, dict[str, Any]]:
    """The six figures over the period; `scope` narrows them to some cases (a condition
    on the case's id, written with `{case}` for its column, and its parameters)."""
    figures: dict[str, dict[str, Any]] = {}
    where, params = scope

    def put(code: str, numerator: int, denominator: int) -> None:
        figures[code] = {
            "name": t(f"figure.{code}", "zh"), "name_en": t(f"figure.{code}", "en"),
            "definition": t(f"figure.{code}.definition", "zh"),
            "definition_en": t(f"figure.{code}.definition", "en"),
            "numerator": numerator, "denominator": denominator,
            "rate": round(numerator / denominator, 4) if denominator else None,
        }

    put("timely_acceptance", *_clock_figure(ledger, ("forward", "notify"), s, e, today, scope))
    put("on_time_closing", *_clock_figure(ledger, ("handle",), s, e, today, scope))
    evaluated, expired, satisfied = ledger.db.execute(
        # An evaluation window is also stopped by reopening the case: only a follow-up
        # that recorded a satisfaction that day is an evaluation, and its answer counts.
        "SELECT sum(k.stopped_on BETWEEN :s AND :e AND k.sat IS NOT NULL), "
        "sum(k.stopped_on IS NULL AND k.due_on BETWEEN :s AND :e AND k.due_on < :today), "
        "sum(k.stopped_on BETWEEN :s AND :e AND k.sat IN ('satisfied', 'basic')) "
        "FROM (SELECT c.stopped_on, c.due_on, (SELECT json_extract(v.details, '$.satisfaction') "
        "FROM events v WHERE v.case_id = c.case_id AND v.kind = 'followed_up' "
        "AND v.acted_on = c.stopped_on AND json_extract(v.details, '$.satisfaction') IS NOT NULL "
        "ORDER BY v.id LIMIT 1) AS sat FROM clocks c WHERE c.clock = 'evaluation' "
        f"AND c.case_id NOT IN ({_SET_APART_IDS}){where.format(case='c.case_id')}) k",
        {"s": s, "e": e, "today": today, **params},
    ).fetchone()
    put("participation", evaluated or 0, (evaluated or 0) + (expired or 0))
    put("satisfaction", satisfied or 0, evaluated or 0)
    registered, repeats = ledger.db.execute(
        "SELECT count(*), count(repeat_of) FROM cases WHERE received_on BETWEEN :s AND :e "
        f"AND status NOT IN ({_SET_APART}){where.format(case='id')}",
        {"s": s, "e": e, **params},
    ).fetchone()
    put("repeat_rate", repeats, registered)
    first_closed, first_resolved = ledger.db.execute(
        "SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM cases r WHERE r.repeat_of = c.id) "
        "AND NOT EXISTS (SELECT 1 FROM clocks k WHERE k.case_id = c.id "
        "AND k.clock IN ('review', 'recheck'))) "
        "FROM cases c WHERE c.repeat_of IS NULL AND c.closed_on BETWEEN :s AND :e "
        f"AND c.status NOT IN ({_SET_APART}){where.format(case='c.id')}",
        {"s": s, "e": e, **params},
    ).fetchone()
    put("first_time_resolution", first_resolved or 0, first_closed)
    put("unit_satisfaction", *rating(ledger, "unit_rating", s, e, scope))
    put("office_satisfaction", *rating(ledger, "office_rating", s, e, scope))
    put("office_target", *office_target(ledger, s, e, scope))
    # The leaders' 化解时限 and the joint meetings' tasks are duties like the statutory ones.
    put("lead_on_time", *_clock_figure(ledger, ("lead",), s, e, today, scope))
    put("tasks_on_time", *_clock_figure(ledger, ("task",), s, e, today, scope))
    return figures


def rating(ledger: Ledger, which: str, start: str, end: str,
           scope: tuple[str, dict[str, Any]] = ("", {})) -> tuple[int, int]:
    """The national system's two evaluations (DOMAIN.md §6): of the follow-ups in the
    period that rated the unit (`unit_rating`) or the office (`office_rating`), those
    satisfied or basically satisfied."""
    path = "$." + ("unit_rating" if which == "unit_rating" else "office_rating")
    row = ledger.db.execute(
        f"SELECT count(*), sum(json_extract(details, '{path}') IN ('satisfied', 'basic')) "
        "FROM events WHERE kind = 'followed_up' AND acted_on BETWEEN :s AND :e "
        f"AND json_extract(details, '{path}') IS NOT NULL "
        f"AND case_id NOT IN ({_SET_APART_IDS}) AND uid NOT IN (SELECT json_extract("
        "details, '$.event') FROM events WHERE kind = 'withdrawn')"
        f"{scope[0].format(case='case_id')}",
        {"s": start, "e": end, **scope[1]}).fetchone()
    return row[1] or 0, row[0] or 0


def office_target(ledger: Ledger, start: str, end: str,
                  scope: tuple[str, dict[str, Any]] = ("", {})) -> tuple[int, int]:
    """本办目标办结率: of the cases closed in the period, those closed within the office's
    own target (policy `office_target_days` from receipt; 0: no target, nothing counted).
    A figure of its own: the statutory figures are untouched by it."""
    days = ledger.policy.number("office_target_days")
    if not days:
        return 0, 0
    row = ledger.db.execute(
        "SELECT count(*), sum(closed_on <= date(received_on, :days)) FROM cases "
        f"WHERE closed_on BETWEEN :s AND :e AND status NOT IN ({_SET_APART})"
        f"{scope[0].format(case='id')}",
        {"days": f"+{int(days)} days", "s": start, "e": end, **scope[1]}).fetchone()
    return row[1] or 0, row[0] or 0


_DIMENSIONS = {
    "unit": "coalesce(u.name, '')",
    "category": "coalesce(c.category, '')",
    "locality": "coalesce(c.locality, '')",
    "month": "substr(c.received_on, 1, 7)",
}


def _groups(ledger: Ledger, by: str, s: str, e: str, today: str) -> list[dict[str, Any]]:
    key = _DIMENSIONS[by]
    rows = ledger.db.execute(
        f"SELECT {key} AS k, count(*), sum(c.closed_on IS NOT NULL), "
        "sum(c.next_due_on IS NOT NULL AND c.next_due_on < ?), count(c.repeat_of) "
        "FROM cases c LEFT JOIN units u ON u.id = c.unit_id "
        f"WHERE c.received_on BETWEEN ? AND ? AND c.status NOT IN ({_SET_APART}) "
        "GROUP BY k ORDER BY count(*) DESC, k",
        [today, s, e],
    ).fetchall()
    return [{"key": k, "registered": n, "closed": closed or 0, "overdue": late or 0,
             "repeats": repeats or 0} for k, n, closed, late, repeats in rows]


def _months(ledger: Ledger, s: str, e: str, today: str) -> list[dict[str, Any]]:
    """Registered and closed per month, every month of the period present."""
    registered = dict(ledger.db.execute(
        "SELECT substr(received_on, 1, 7), count(*) FROM cases WHERE received_on BETWEEN ? AND ? "
        f"AND status NOT IN ({_SET_APART}) GROUP BY 1", [s, e]).fetchall())
    closed = dict(ledger.db.execute(
        "SELECT substr(closed_on, 1, 7), count(*) FROM cases WHERE closed_on BETWEEN ? AND ? "
        f"AND status NOT IN ({_SET_APART}) GROUP BY 1", [s, e]).fetchall())
    return [{"month": month, "registered": registered.get(month, 0),
             "closed": closed.get(month, 0)} for month in _month_range(s, e)]


def _month_range(s: str, e: str) -> Iterator[str]:
    year, month = int(s[:4]), int(s[5:7])
    while f"{year:04d}-{month:02d}" <= e[:7]:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# Repeat chains -------------------------------------------------------------------------


def _decisions(ledger: Ledger) -> dict[int, tuple[str, str | None]]:
    """The officer's word on each case's repeat link, the latest standing: ("officer",
    the case it was linked to) or ("not_repeat", None)."""
    decisions: dict[int, tuple[str, str | None]] = {}
    for case_id, kind, decision, repeat_of in ledger.db.execute(
        "SELECT case_id, kind, coalesce(json_extract(details, '$.repeat_decision'), "
        "json_extract(details, '$.decision')), "
        "json_extract(details, '$.repeat_of') FROM events WHERE kind = 'repeat_marked' OR "
        "(kind = 'registered' AND json_extract(details, '$.repeat_decision') IN "
        "('officer', 'not_repeat')) ORDER BY id"  # (index events_repeat_word, m012)
    ):
        if kind == "repeat_marked" and decision == "auto":
            # The rule's own judgement again (after a correction): no officer's word.
            decisions.pop(case_id, None)
            continue
        if kind == "repeat_marked":
            decision = "officer" if repeat_of else "not_repeat"
        decisions[case_id] = (decision, repeat_of)
    return decisions


_PETITIONERS = ("SELECT case_id, person_id, name_key, id_number, phone, address_key "
                "FROM case_people ORDER BY case_id, position")


def _petitioners(ledger: Ledger, wanted: set[int]) -> dict[int, tuple[Who, ...]]:
    """The petitioners of the cases `wanted` as recorded for each (as compared:
    `case_people`'s keys), read through a connection of this process's own."""
    people: dict[int, list[Who]] = {}
    made: dict[tuple[Any, ...], Who] = {}  # one person's cases share their details
    with _own_connection(ledger) as conn:
        for case_id, *details in conn.execute(_PETITIONERS):
            if case_id in wanted:
                key = tuple(details)
                who = made.get(key)
                if who is None:
                    who = made[key] = stored_who(*details)
                people.setdefault(case_id, []).append(who)
    return {case_id: tuple(found) for case_id, found in people.items()}


@contextmanager
def _own_connection(ledger: Ledger) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the ledger of this process's own (a forked copy must not
    use its parent's), or the ledger's own for a ledger in memory."""
    if ledger.path is None:
        yield ledger.db.conn
        return
    conn = sqlite3.connect(f"file:{ledger.path}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def _repeat_groups(ledger: Ledger, decisions: dict[int, tuple[str, str | None]],
                   numbers: dict[str, int], links: Links) -> list[list[int]]:
    """The cases a repeat could link, in groups no link can cross: cases are in one group
    when they share a person key (`Who.keys`, the records the officer said are one
    person's included) or the officer linked one to the other. A case alone in its group
    with no decision of the officer's is left out: it repeats nothing; so is a voided
    case. (Only the keys are kept while the groups are made.)"""
    # Each key found so far → a group; groups found to be one are joined (`parent`).
    parent: list[int] = []
    group_of: dict[str, int] = {}
    case_group: dict[int, int] = {}

    def find(group: int) -> int:
        while parent[group] != group:
            parent[group] = group = parent[parent[group]]
        return group

    def join(case_id: int, keys: list[str]) -> None:
        found = {find(group_of[key]) for key in keys if key in group_of}
        if case_id in case_group:
            found.add(find(case_group[case_id]))
        if not found:
            group = len(parent)
            parent.append(group)
        else:
            group = min(found)
            for other in found:
                parent[other] = group
        case_group[case_id] = group
        for key in keys:
            group_of[key] = group

    void = {case_id for (case_id,) in ledger.db.execute(
        "SELECT id FROM cases WHERE status = 'void'")}  # (registered by mistake: none)
    for case_id, record, name, id_number, phone, address in ledger.db.execute(
            "SELECT case_id, person_id, name_key, id_number, phone, address_key "
            "FROM case_people"):
        if case_id in void:
            continue
        keys = stored_keys(record, name, id_number, phone, address)
        if record is not None and record in links.same:
            keys += [f"r:{other}" for other in links.records(record)]
        join(case_id, keys)
    group_of.clear()
    for case_id, (decision, linked) in decisions.items():
        other = numbers.get(linked) if decision == "officer" and linked else None
        if other is not None and case_id in case_group and other in case_group:
            first, second = find(case_group[case_id]), find(case_group[other])
            parent[max(first, second)] = min(first, second)
    groups: dict[int, list[int]] = {}
    for case_id, group in case_group.items():
        groups.setdefault(find(group), []).append(case_id)
    # A case alone in its group repeats nothing, unless the officer said so.
    return [cases for cases in groups.values() if len(cases) > 1 or cases[0] in decisions]


def repeat_matches(ledger: Ledger) -> dict[int, int]:
    """The whole ledger by the repeat rule: each repeat case's id → its chain's first
    case.

    The rule is applied group by group (`_repeat_groups`: no link crosses a group), each
    group's cases in order of receipt, so that only one group's complaints are held at a
    time; the complaints are read as the ledger keeps them (`store.terms`) and the
    terms' counts read once."""
    decisions = _decisions(ledger)
    linked = sorted({number for _, number in decisions.values() if number})
    # (A voided case — registered by mistake — is as if never registered: no link names it.)
    linked_ids = {number: case_id for chunk in range(0, len(linked), 500)
                  for number, case_id in ledger.db.execute(
                      "SELECT number, id FROM cases WHERE status != 'void' AND number IN "
                      f"({', '.join('?' * len(linked[chunk:chunk + 500]))})",
                      linked[chunk:chunk + 500])}
    scorer = ledger.repeat_scorer(GramCounts(ledger.db, read_all=True))
    groups = _repeat_groups(ledger, decisions, linked_ids, scorer.links)

    def judge(part: list[list[int]]) -> dict[int, int]:
        # (Each core reads its own part's cases, through a connection of its own.)
        wanted = {case_id for group in part for case_id in group}
        people = _petitioners(ledger, wanted)
        read = _complaints(ledger, wanted)
        del wanted
        out: dict[int, int] = {}
        for group in part:
            petitions = []
            for case_id in group:
                received, category, kept, content = read.pop(case_id)
                decision, linked = decisions.get(case_id, (None, None))
                petitions.append(matching.Petition(
                    case_id, dt.date.fromisoformat(received), people.get(case_id, ()),
                    category, content, decision, linked_ids.get(linked) if linked else None,
                    text=None if kept is None else from_stored(kept)))
            out.update((case_id, root) for case_id, (root, _)
                       in matching.repeat_chains(petitions, scorer, group=True).items())
        return out

    if ledger.path is None or sum(map(len, groups)) < IN_TWO_FROM:
        return judge(groups)
    # A large ledger: half of the groups judged on another core (forked.both).
    first, second = forked.both(judge, *_halves(groups))
    first.update(second)
    return first


def _complaints(ledger: Ledger, wanted: set[int]) -> dict[int, tuple[str, str | None,
                                                                      str | None, str]]:
    """The cases `wanted` as the repeat rule reads them: received date, category, the
    complaint's reading as kept (None when another version kept it: then the content,
    to be read again)."""
    out: dict[int, tuple[str, str | None, str | None, str]] = {}
    with _own_connection(ledger) as conn:
        for case_id, received, category, kept, content in conn.execute(
                "SELECT c.id, c.received_on, c.category, "
                "CASE WHEN t.version = :v THEN t.terms END, "
                "CASE WHEN t.version = :v THEN '' ELSE c.content END FROM cases c "
                "LEFT JOIN case_terms t ON t.case_id = c.id", {"v": TERMS_VERSION}):
            if case_id in wanted:
                out[case_id] = (received, category, kept, content)
    return out


IN_TWO_FROM = 20_000  # cases to judge from which the work is shared by two cores


def _halves(groups: list[list[int]]) -> tuple[list[list[int]], list[list[int]]]:
    """The groups in two parts of about the same work (a group's pairs grow with the
    square of its size), the largest placed first."""
    parts: tuple[list[list[int]], list[list[int]]] = ([], [])
    load = [0, 0]
    for group in sorted(groups, key=len, reverse=True):
        lighter = 0 if load[0] <= load[1] else 1
        parts[lighter].append(group)
        load[lighter] += len(group) ** 2
    return parts


@gcpause.paused()
def repeat_chains(ledger: Ledger) -> list[Chain]:
    """Repeat chains over the whole ledger, by the repeat rule (not the stored links):
    each chain's first case and its repeats, longest chains first."""
    members: dict[int, list[int]] = {}
    for case_id, root in repeat_matches(ledger).items():
        members.setdefault(root, []).append(case_id)
    return describe_chains(ledger, members)
