"""The read model: a case as every reader sees it (the terminal, plain reports, exports,
`--json`). The field names are those of the JSON output and stay stable."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class PersonRecord(TypedDict):
    uid: str
    name: str | None
    id_number: str | None  # masked unless revealed
    phone: str | None  # masked unless revealed
    address: str | None
    lead: bool


class HolderRecord(TypedDict):
    kind: str | None  # "office" | "unit" | "leader"
    name: str | None
    since: str | None


class ClockRecord(TypedDict):
    clock: str
    started_on: str
    length: int
    unit: str  # "days" | "workdays"
    extra_days: int
    due_on: str
    stopped_on: str | None
    days_left: int | None  # None once stopped; negative when overdue
    state: str  # rules.clock_state: stopped, overdue, lapsed, due_soon, running
    late: bool
    unpublished_years: list[int]


class EventRecord(TypedDict):
    id: int
    uid: str
    kind: str
    on: str
    recorded_at: str
    officer: str
    details: dict[str, Any]


class Recorded(TypedDict):
    """An act just recorded: its event, and the case it was recorded on."""

    id: int
    case: str  # the case number
    case_id: int
    uid: str
    kind: str
    acted_on: str
    recorded_at: str
    officer: str
    details: dict[str, Any]


class CaseRecord(TypedDict):
    id: str  # the case number
    uid: str
    status: str
    received_on: str
    channel: str
    headcount: int
    locality: str | None
    category: str | None
    content: str
    request: str | None
    anonymous: bool
    confidential: bool
    unit: str | None
    holder: HolderRecord
    accepted_on: str | None
    closed_on: str | None
    result: str | None
    satisfaction: str | None
    repeat_of: str | None  # the number of the first case of its repeat chain
    next_due_on: str | None
    flags: list[str]
    people: list[PersonRecord]
    clocks: list[ClockRecord]
    unpublished_years: list[int]
    events: NotRequired[list[EventRecord]]
    # With the events (`show`): what was delivered when, and where each running request
    # window runs from (the delivery, or the reply's date until one is recorded).
    deliveries: NotRequired[list[DeliveryRecord]]
    windows: NotRequired[list[WindowBasis]]


class DeliveryRecord(TypedDict):
    what: str  # vocab.DELIVERABLES
    method: str  # vocab.DELIVERY_METHODS
    on: str


class WindowBasis(TypedDict):
    clock: str  # review_request or recheck_request
    on: str  # the day it runs from
    act: str  # the act whose written reply opened it
    # "delivery" (from the petitioner's receipt) or "reply" (from the act's date)
    basis: str


class ChainCase(TypedDict):
    """A case of a repeat chain, as the chain views list it."""

    id: str
    received_on: str
    status: str
    result: str | None
    category: str | None
    content: str
    first: bool  # the first case (初件) of the chain
    petitioner: NotRequired[str | None]


class Chain(TypedDict):
    """A repeat chain: its first case, then its repeats in order of receipt."""

    first: str
    length: int
    cases: list[ChainCase]
    final: bool  # a case of the chain is final after recheck


class OverdueItem(TypedDict):
    """A running duty clock in the overdue report: overdue, or due soon."""

    id: str
    clock: str
    started_on: str
    due_on: str
    unit: str | None
    holder: HolderRecord
    status: str
    category: str | None
    received_on: str
    days_overdue: int | None  # None when due soon
    days_left: int
    # Who owes it: the case's unit (or the office), a leader (化解时限), a meeting task's unit.
    owed_by: HolderRecord
    needs_escalation: NotRequired[bool]  # overdue items only


class OverdueReport(TypedDict):
    as_of: str
    overdue: list[OverdueItem]
    due_soon: list[OverdueItem]
    head: str  # where the events' chain ended when the report was made (`1234:3f2a9c1b7e4d`)


# The practice of offices (DOMAIN.md §9): leaders' cases, the backlog, the officer's day.


class LeadRecord(TypedDict):
    """A leader's case as it stands: the 六定 last recorded, and the 四包 done so far."""

    leader: str
    unit: str
    plan: str
    target: str  # the 化解时限
    goal: str
    requirements: str
    since: str
    four: dict[str, str | None]  # each of the 四包: the date of the last progress, or None


class BacklogItem(TypedDict):
    """A case on the backlog (积案), or struck off it."""

    id: str
    status: str
    received_on: str
    added_on: str
    reason: str
    leader: str | None
    plan: str | None
    target: str | None
    days_open: int
    visits: int  # the cases of its repeat chain, itself included
    days_to_target: int | None  # negative past the 化解时限
    struck_off: str | None  # the date it was struck off (销号)
    returned: bool  # struck off once, and back (a repeat since, or on the list again)


class Proposal(TypedDict):
    """A case the backlog policy proposes (never added without the office's decision)."""

    id: str
    received_on: str
    status: str
    days_open: int
    visits: int
    why: list[str]  # open_long, chain, after_final


class DayItem(TypedDict):
    """One piece of the officer's day: a duty falling due or overdue, a follow-up due."""

    id: str
    clock: str
    due_on: str
    days_left: int  # negative when overdue
    owner: str | None  # the leader or unit who owes it; None: the office or the case's unit
    unit: str | None  # the case's responsible unit
    status: str
    content: str


class DayReport(TypedDict):
    as_of: str
    overdue: list[DayItem]  # overdue duties of the office itself
    due_today: list[DayItem]
    due_soon: list[DayItem]
    leaders: list[DayItem]  # leaders' 化解时限 overdue or due soon
    tasks: list[DayItem]  # joint meeting tasks still open
    followups: list[DayItem]  # closed cases whose evaluation window runs
    office_target: list[DayItem]  # open cases whose office's own target falls due soon
    units_overdue: int  # the units' overdue duties besides (the nightly report lists them)
