"""Reading the ledger: one case in full, lists of cases with filters, search, and how a
due date was counted.

Records are the typed read model of `store.records`, with the stable field names of the
JSON output. Personal data is masked unless `reveal` is asked for.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from xinfang import rules
from xinfang.cases import corrections
from xinfang.cases.people import normalize_id
from xinfang.deadlines.arithmetic import days_left, due_date
from xinfang.deadlines.clocks import unpublished_years
from xinfang.masking import mask_id, mask_phone
from xinfang.store.ledger import Ledger, iso_date
from xinfang.store.records import (
    CaseRecord,
    Chain,
    ChainCase,
    ClockRecord,
    DeliveryRecord,
    EventRecord,
    PersonRecord,
    WindowBasis,
)
from xinfang.vocab import SET_APART, normalize_category

_ID_LIKE = re.compile(r"^[\dXx]{15,18}$")


@dataclass
class Filters:
    status: list[str] | None = None
    unit: str | None = None
    category: str | None = None
    locality: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    person: str | None = None
    search: str | None = None
    overdue: bool = False  # a running duty clock is past its due date
    due_within: int | None = None  # a running duty clock falls due within N days
    repeat: bool = False
    collective: bool = False
    flag: str | None = None
    as_of: dt.date | None = None


# How an officer names their own office in a filter (`list --unit 本办`).
OFFICE_ITSELF = ("本办", "本机关", "office")


def filter_clause(ledger: Ledger, filters: Filters) -> tuple[str, list[Any]]:
    """The SQL `WHERE` clause (over `cases c`) and its parameters for the filters."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.status:
        clauses.append(f"c.status IN ({', '.join('?' for _ in filters.status)})")
        params += filters.status
    else:  # voided and archived cases only when asked for by their status
        clauses.append(f"c.status NOT IN ({', '.join('?' for _ in SET_APART)})")
        params += SET_APART
    if filters.unit and filters.unit.strip() in OFFICE_ITSELF:
        clauses.append("c.holder_kind = 'office'")  # the cases the office holds itself
    elif filters.unit:
        clauses.append("c.unit_id = (SELECT id FROM units WHERE name = ?)")
        params.append(ledger.require_unit(filters.unit, in_service=False))
    if filters.category:
        clauses.append("c.category = ?")
        params.append(normalize_category(filters.category))
    if filters.locality:
        clauses.append("c.locality = ?")
        params.append(filters.locality.strip())
    if filters.since:
        clauses.append("c.received_on >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        clauses.append("c.received_on <= ?")
        params.append(filters.until.isoformat())
    if filters.person:
        text = filters.person.strip()
        if _ID_LIKE.match(text):
            column, value = "p.id_number", normalize_id(text, today=ledger.today)
        else:
            column, value = "cp.name", text  # the name as recorded for the case
        clauses.append(
            "c.id IN (SELECT cp.case_id FROM case_people cp JOIN people p ON p.id = cp.person_id"
            f" WHERE {column} = ?)"
        )
        params.append(value)
    if filters.search:
        text = filters.search.strip()
        if len(text) >= 3:
            # The trigram index finds any substring of three characters or more.
            clauses.append("c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)")
            params.append('"' + text.replace('"', '""') + '"')
        else:
            clauses.append("(c.content LIKE ? ESCAPE '\\' OR c.request LIKE ? ESCAPE '\\')")
            like = "%" + re.sub(r"([%_\\])", r"\\\1", text) + "%"
            params += [like, like]
    as_of = filters.as_of or ledger.today
    if filters.overdue:
        # A running duty past its due date (rules.clock_state "overdue"): the case's
        # next due date is the earliest of its running duties.
        clauses.append("c.next_due_on < ?")
        params.append(as_of.isoformat())
    if filters.due_within is not None:
        clauses.append("c.next_due_on BETWEEN ? AND ?")
        params += [as_of.isoformat(), (as_of + dt.timedelta(days=filters.due_within)).isoformat()]
    if filters.repeat:
        clauses.append("c.repeat_of IS NOT NULL")
    if filters.collective:
        clauses.append("c.headcount >= ?")
        params.append(ledger.policy.number("collective_headcount"))
    if filters.flag:
        clauses.append("EXISTS (SELECT 1 FROM json_each(c.flags) WHERE value = ?)")
        params.append(filters.flag)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_CASE_COLUMNS = (
    "c.id, c.uid, c.number, c.status, c.received_on, c.channel, c.headcount, c.locality, "
    "c.category, c.content, c.request, c.anonymous, c.confidential, u.name, c.holder, "
    "c.holder_kind, c.holder_since, c.accepted_on, c.closed_on, c.result, c.satisfaction, "
    "c.flags, c.next_due_on, r.number"
)
_CASE_FROM = (
    " FROM cases c LEFT JOIN units u ON u.id = c.unit_id LEFT JOIN cases r ON r.id = c.repeat_of"
)


def list_cases(
    ledger: Ledger,
    filters: Filters,
    *,
    as_of: dt.date | None = None,
    limit: int | None = 50,
    offset: int = 0,
    reveal: bool = False,
) -> tuple[list[CaseRecord], int]:
    """Cases matching the filters, newest first, and how many match in all."""
    where, params = filter_clause(ledger, filters)
    total = ledger.db.execute(f"SELECT count(*) FROM cases c{where}", params).fetchone()[0]
    sql = f"SELECT {_CASE_COLUMNS}{_CASE_FROM}{where} ORDER BY c.received_on DESC, c.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    rows = ledger.db.execute(sql, params).fetchall()
    records = _records(ledger, rows, as_of or ledger.today, reveal)
    return [record if reveal else withhold(record) for record in records], total


def withhold(record: CaseRecord) -> CaseRecord:
    """A case as a list of cases shows it: a confidential one without what it says or
    who brought it (`rules.WITHHELD`)."""
    if not record["confidential"]:
        return record
    people = [{**person, "name": rules.withheld_name(person["name"]), "address": None}
              for person in record["people"]]
    return {**record, "content": rules.WITHHELD,
            "request": rules.WITHHELD if record["request"] else None,
            "people": people}  # type: ignore[typeddict-item]


def case_record(
    ledger: Ledger, case_id: int, *, as_of: dt.date | None = None, reveal: bool = False
) -> CaseRecord:
    """Everything about one case: petitioners, state, clocks and the timeline of events."""
    record = records(ledger, [case_id], as_of=as_of, reveal=reveal)[0]
    record["events"] = ledger.events(case_id, reveal=reveal)
    record["deliveries"], record["windows"] = deliveries(record["events"], record["clocks"])
    return record


# The request window each written reply opens, and the act that issued it.
_REPLIES = {"review_request": ("opinion", "closed"), "recheck_request": ("review",
                                                                         "review_concluded")}


def deliveries(events: list[EventRecord], clocks: list[ClockRecord]
               ) -> tuple[list[DeliveryRecord], list[WindowBasis]]:
    """What was delivered to the petitioner when (the deliveries in the case's state),
    and where each running request window runs from: the delivery of its written reply
    once recorded, until then the reply's own date (Arts 35, 36: 自收到书面答复之日起)."""
    gone = corrections.withdrawn(events)
    delivered: list[DeliveryRecord] = [
        {"what": e["details"]["what"], "method": e["details"]["method"], "on": e["on"]}
        for e in events if e["kind"] == "delivered" and e["uid"] not in gone]
    windows: list[WindowBasis] = []
    for clock in clocks:
        if clock["clock"] not in _REPLIES or clock["stopped_on"] is not None:
            continue
        what, act = _REPLIES[clock["clock"]]
        basis = "delivery" if any(d["what"] == what and d["on"] == clock["started_on"]
                                  for d in delivered) else "reply"
        windows.append({"clock": clock["clock"], "on": clock["started_on"], "act": act,
                        "basis": basis})
    return delivered, windows


def records(ledger: Ledger, ids: list[int], *, as_of: dt.date | None = None,
            reveal: bool = False) -> list[CaseRecord]:
    """The cases `ids` (in that order; unknown ids are left out), without their events."""
    by_id: dict[int, CaseRecord] = {}
    for chunk in _chunks(ids):
        rows = ledger.db.execute(
            f"SELECT {_CASE_COLUMNS}{_CASE_FROM} WHERE c.id IN ({_in(chunk)})").fetchall()
        for row, record in zip(rows, _records(ledger, rows, as_of or ledger.today, reveal),
                               strict=True):
            by_id[row[0]] = record
    return [by_id[case_id] for case_id in ids if case_id in by_id]


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def _records(
    ledger: Ledger, rows: list[tuple[Any, ...]], as_of: dt.date, reveal: bool
) -> list[CaseRecord]:
    ids = [row[0] for row in rows]
    people = _people(ledger, ids, reveal)
    clocks = _clocks(ledger, ids, as_of)
    out: list[CaseRecord] = []
    for row in rows:
        (case_id, uid, number, status, received, channel, headcount, locality, category,
         content, request, anonymous, confidential, unit, holder, holder_kind, holder_since,
         accepted, closed, result, satisfaction, flags, next_due, repeat_of) = row
        case_clocks = clocks.get(case_id, [])
        unpublished = sorted({
            year for clock in case_clocks if clock["stopped_on"] is None
            for year in clock["unpublished_years"]
        })
        out.append({
            "id": number,
            "uid": uid,
            "status": status,
            "received_on": received,
            "channel": channel,
            "headcount": headcount,
            "locality": locality,
            "category": category,
            "content": content,
            "request": request,
            "anonymous": bool(anonymous),
            "confidential": bool(confidential),
            "unit": unit,
            "holder": {"kind": holder_kind, "name": holder, "since": holder_since},
            "accepted_on": accepted,
            "closed_on": closed,
            "result": result,
            "satisfaction": satisfaction,
            "repeat_of": repeat_of,
            "next_due_on": next_due,
            "flags": json.loads(flags),
            "people": people.get(case_id, []),
            "clocks": case_clocks,
            "unpublished_years": unpublished,
        })
    return out


def _in(ids: list[int]) -> str:
    return ", ".join(str(int(i)) for i in ids) or "NULL"


def _people(ledger: Ledger, ids: list[int], reveal: bool) -> dict[int, list[PersonRecord]]:
    out: dict[int, list[PersonRecord]] = {}
    rows = ledger.db.execute(
        "SELECT cp.case_id, p.uid, cp.name, cp.id_number, cp.phone, cp.address, cp.lead "
        f"FROM case_people cp JOIN people p ON p.id = cp.person_id WHERE cp.case_id IN ({_in(ids)}) "
        "ORDER BY cp.case_id, cp.position"
    ).fetchall()
    for case_id, uid, name, id_number, phone, address, lead in rows:
        out.setdefault(case_id, []).append({
            "uid": uid,
            "name": name,
            "id_number": id_number if reveal else mask_id(id_number),
            "phone": phone if reveal else mask_phone(phone),
            "address": address,
            "lead": bool(lead),
        })
    return out


def _clocks(ledger: Ledger, ids: list[int], as_of: dt.date) -> dict[int, list[ClockRecord]]:
    out: dict[int, list[ClockRecord]] = {}
    warning = ledger.policy.number("warning_days")
    calendar = ledger.calendar
    rows = ledger.db.execute(
        "SELECT case_id, clock, started_on, length, unit, extra_days, due_on, stopped_on, late "
        f"FROM clocks WHERE case_id IN ({_in(ids)}) ORDER BY case_id, id"
    ).fetchall()
    for case_id, code, started, length, unit, extra, due, stopped, late in rows:
        due_on = dt.date.fromisoformat(due)
        stopped_on = iso_date(stopped)
        unpublished = [] if stopped_on else unpublished_years(
            dt.date.fromisoformat(started), due_on, calendar)
        out.setdefault(case_id, []).append({
            "clock": code,
            "started_on": started,
            "length": length,
            "unit": unit,
            "extra_days": extra,
            "due_on": due,
            "stopped_on": stopped,
            "days_left": None if stopped_on else days_left(due_on, as_of),
            "state": rules.clock_state(code, due_on, stopped_on, as_of, warning, calendar),
            "late": bool(late),
            "unpublished_years": unpublished,
        })
    return out


def explain(ledger: Ledger, case_id: int, clock: str | None = None) -> list[dict[str, Any]]:
    """How each of a case's clocks (or one) got its due date: start, length, unit, the rest
    days stepped over, the office's overrides that applied, unpublished schedules."""
    calendar = ledger.calendar
    out = []
    rows = ledger.db.execute(
        "SELECT clock, started_on, length, unit, extra_days, due_on, stopped_on, fixed "
        "FROM clocks WHERE case_id = ? ORDER BY id",
        [case_id],
    ).fetchall()
    for code, started, length, unit, extra, due, stopped, fixed in rows:
        if clock and code != clock:
            continue
        start = dt.date.fromisoformat(started)
        item: dict[str, Any] = {
            "clock": code, "started_on": started, "length": length, "unit": unit,
            "extra_days": extra, "due_on": due, "stopped_on": stopped, "fixed": bool(fixed),
        }
        if not fixed:
            computed = due_date(start, length, unit, calendar, extra)
            item["skipped"] = [
                {"day": day.isoformat(), "why": _rest_reason(ledger, day)}
                for day in computed.skipped
            ]
            item["overrides"] = [
                {"day": day.isoformat(), "working": o.working, "reason": o.reason}
                for day, o in sorted(calendar.overrides.items())
                if start < day <= max(computed.due_on, dt.date.fromisoformat(due))
            ]
            item["unpublished_years"] = list(computed.unpublished_years)
            # A stopped clock keeps the due date it had; say if today's rules would differ.
            item["recomputed_due_on"] = computed.due_on.isoformat()
        out.append(item)
    return out


def _rest_reason(ledger: Ledger, day: dt.date) -> str:
    override = ledger.calendar.overrides.get(day)
    if override is not None:
        return f"override:{override.reason}"
    name = ledger.calendar.holiday_name(day)
    if name:
        return f"holiday:{name}"
    return "weekend"


def matching_ids(ledger: Ledger, filters: Filters) -> list[int]:
    """The row ids of every case the filters select, in order of receipt."""
    where, params = filter_clause(ledger, filters)
    return [row[0] for row in ledger.db.execute(
        f"SELECT c.id FROM cases c {where} ORDER BY c.received_on, c.id", params)]


def describe_chains(ledger: Ledger, members: dict[int, list[int]]) -> list[Chain]:
    """Repeat chains as the chain views list them, from each first case's id → its
    repeats' ids: each case's number, dates, state, complaint and lead petitioner (a
    confidential one's withheld, `rules.WITHHELD`), the first case first, then in order
    of receipt; the longest chains first."""
    wanted = {*members, *(i for ids in members.values() for i in ids)}
    info: dict[int, ChainCase] = {}
    select = ("SELECT c.id, c.number, c.received_on, c.status, c.result, c.category, "
              "c.content, cp.name, c.confidential FROM cases c LEFT JOIN case_people cp "
              "ON cp.case_id = c.id AND cp.position = 0")  # (the lead petitioner)
    if ledger.many(len(wanted) * 4, "cases"):  # a good part of the ledger: read it once
        rows: Iterable[Any] = (row for row in ledger.db.execute(select) if row[0] in wanted)
    else:
        all_ids = sorted(wanted)
        rows = (row for start in range(0, len(all_ids), 500)
                for row in ledger.db.execute(
                    f"{select} WHERE c.id IN ({', '.join(map(str, all_ids[start:start + 500]))})"))
    for case_id, number, received, status, result, category, content, name, secret in rows:
        if secret:
            content, name = rules.WITHHELD, rules.withheld_name(name)
        info[case_id] = {"id": number, "received_on": received, "status": status,
                         "result": result, "category": category, "content": content,
                         "petitioner": name, "first": False}
    chains: list[Chain] = []
    for root, ids in members.items():
        first: ChainCase = {**info[root], "first": True}
        cases = [first] + sorted((info[i] for i in ids), key=lambda c: (c["received_on"],
                                                                         c["id"]))
        chains.append({"first": first["id"], "length": len(cases), "cases": cases,
                       "final": any(c["status"] == "final" for c in cases)})
    chains.sort(key=lambda c: (-c["length"], c["first"]))
    return chains


def chain_of(ledger: Ledger, case_id: int) -> Chain:
    """The repeat chain a case belongs to, as stored (links made at registration or by
    the officer); of its repeats, those voided are left out (but the case itself)."""
    root = ledger.db.execute(
        "SELECT coalesce(repeat_of, id) FROM cases WHERE id = ?", [case_id]
    ).fetchone()[0]
    ids = [row[0] for row in ledger.db.execute(
        "SELECT id FROM cases WHERE repeat_of = ? AND (status != 'void' OR id = ?) "
        "ORDER BY received_on, id", [root, case_id])]
    return describe_chains(ledger, {root: ids})[0]
