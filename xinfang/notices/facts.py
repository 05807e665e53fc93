"""What each document says, taken from the ledger and never retyped: the case through the
read model (`store.queries.case_record`), its events, the units' list, the office and its
deadline policy. Every fact a document must state and the ledger lacks is named, all of
them at once, before anything is written (`MissingFacts`).

Documents are in Chinese whatever the language of the messages: the Regulation's
paper is. Their sentences are catalogue entries (`notice.*`) taken in Chinese.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from xinfang import rules
from xinfang.cases.corrections import withdrawn
from xinfang.dates import check_happened
from xinfang.deadlines.clocks import due_on
from xinfang.deadlines.policy import NATIONAL_CLOCKS
from xinfang.errors import BadAct, XinfangError
from xinfang.notices.kinds import KINDS, PETITIONER, Kind
from xinfang.store import queries
from xinfang.store.ledger import Ledger
from xinfang.store.records import CaseRecord, ClockRecord, EventRecord, PersonRecord
from xinfang.texts import Label, Ref, join, ref, t
from xinfang.visible import visible
from xinfang.vocab import (
    CHANNELS,
    COMMANDS,
    EVENT_KINDS,
    FLAGS,
    NOTICE_KINDS,
    REJECT_REASONS,
    RESULTS,
    ROUTES,
    SATISFACTION,
    label,
)

ZH = "zh"  # the language of the documents themselves

# The article of the 2022 Regulation each clock comes from (DOMAIN.md §4); `report` is an
# assignment's report-by date (Art 22).
ARTICLES = {"forward": 22, "notify": 23, "objection": 23, "handle": 34, "review_request": 35,
            "review": 35, "recheck_request": 36, "recheck": 36, "report": 22}

# What happened to a case, for the major report's account of the actions taken.
_ACTIONS = ("registered", "forwarded", "assigned", "objected", "accepted", "rejected",
            "redirected", "extended", "escalated", "closed", "review_requested",
            "review_concluded", "recheck_requested", "recheck_concluded", "followed_up",
            "reopened")


class MissingFacts(XinfangError):
    """The document cannot be written: the ledger lacks facts it must state."""


class VoidCase(XinfangError):
    """The case was voided as registered by mistake: no document is written for it."""


@dataclass(frozen=True)
class Notice:
    """One document's facts: what its placeholders are filled with, and what the officer
    is told about it (`notes`, catalogue references)."""

    kind: str
    case_id: int
    number: str
    dated: dt.date
    context: dict[str, Any]
    withheld: bool = False  # the petitioner left out (a confidential case's slip to a unit)
    revealed: tuple[str, ...] = ()  # personal data shown unmasked (--with-pii)
    notes: tuple[Ref, ...] = ()

    @property
    def title(self) -> str:
        return label(NOTICE_KINDS, self.kind, ZH)


def cn_date(day: dt.date | str | None) -> str:
    """`2026年11月23日` (GB/T 9704: Arabic numerals, year, month and day in full)."""
    if day is None:
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return t("notice.date", ZH, y=day.year, m=day.month, d=day.day)


def clean(value: Any) -> str:
    """Text from the ledger as a document may hold it: no control character (XML has no
    room for most of them, and Word would take a few as page or paragraph breaks)."""
    if value is None:
        return ""
    return visible(str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def period(ledger: Ledger, clock: str) -> str:
    """A clock's length as the office's policy has it: `15日`, `5个工作日`."""
    rule = ledger.policy.rule(clock)
    return t(f"notice.period.{rule.unit}", ZH, n=rule.length)


def basis(ledger: Ledger, clock: str) -> str:
    """Where a clock's length comes from: its article of the Regulation, or the local
    rules where the office's policy departs from the national one."""
    if clock in NATIONAL_CLOCKS and ledger.policy.rule(clock) != NATIONAL_CLOCKS[clock]:
        return t("notice.basis.local", ZH)
    return t(f"notice.basis.{ARTICLES[clock]}", ZH)


def appeal_body(ledger: Ledger, record: CaseRecord, step: str) -> str | None:
    """The body the petitioner asks for 复查 (`step` "review") or 复核 ("recheck"), as far
    as the ledger knows: for a review the parent, in the list of units, of the unit that
    handled the case; for a recheck the parent of that body. None when the ledger does not
    know it: the document then says it in the Regulation's general words.

    The one place that says who reviews a case: when the ledger records the body named
    on `review request`, this is where it is read from."""
    parents = {unit["name"]: unit["parent"] for unit in ledger.units()}
    body = record["unit"]
    for _ in range({"review": 1, "recheck": 2}[step]):
        body = parents.get(body) if body else None
    return body


def gather(ledger: Ledger, ref_: str | int, kind: str, *, with_pii: bool = False,
           dated: dt.date | None = None, also: Iterable[str] = ()) -> Notice:
    """The facts of the document `kind` for a case, or `MissingFacts` naming every fact
    it lacks. `with_pii`: ID numbers and phones unmasked where the document carries them;
    `dated`: the document's date (today by default); `also`: documents being written with
    this one (a proof of delivery lists them)."""
    case_id = ledger.find_case(ref_)
    record = queries.case_record(ledger, case_id, reveal=with_pii)
    if record["status"] == "void":
        raise VoidCase(number=record["id"], title=Label(NOTICE_KINDS, kind))
    spec = KINDS[kind]
    day = dated or ledger.today
    check_happened(day, ref("field.notice_date"), ledger.today)
    draft = _Draft(ledger, record, spec, day, with_pii)
    _BUILDERS[kind](draft, list(also))
    if draft.missing:
        raise MissingFacts(title=Label(NOTICE_KINDS, kind), number=record["id"],
                           facts=join(draft.missing))
    return Notice(kind, case_id, record["id"], day, draft.context, draft.withheld,
                  tuple(sorted(draft.revealed)), tuple(draft.notes))


@dataclass
class _Draft:
    """A document's facts as they are gathered, and what is missing."""

    ledger: Ledger
    record: CaseRecord
    spec: Kind
    dated: dt.date
    with_pii: bool
    context: dict[str, Any] = field(default_factory=dict)
    missing: list[Any] = field(default_factory=list)
    notes: list[Ref] = field(default_factory=list)
    revealed: set[str] = field(default_factory=set)
    withheld: bool = False

    def __post_init__(self) -> None:
        record = self.record
        office = self.ledger.office() or {"name": ""}
        if not office["name"].strip():
            self.missing.append(ref("notice.missing.office_name"))
        self.context.update(
            title=label(NOTICE_KINDS, self.spec.code, ZH),
            number=record["id"],
            office=clean(office["name"]),
            issuer=clean(office["name"]),
            date=cn_date(self.dated),
            officer="",
            received_on=cn_date(record["received_on"]),
            channel=label(CHANNELS, record["channel"], ZH),
            content=clean(record["content"]),
            request=clean(record["request"]),
        )

    @property
    def events(self) -> list[EventRecord]:
        """The case's events without the acts withdrawn (`undo`): a document reports
        only what still stands."""
        events: list[EventRecord] = self.record.get("events") or []
        out = withdrawn(events)
        return [event for event in events if event["uid"] not in out]

    def routed(self, event: EventRecord | None) -> tuple[str | None, str | None]:
        """The unit a forwarded or assigned case went to, and the date, as they stand
        now: a later re-routing (改转) sends it to another unit from its own date, and a
        unit renamed or merged since keeps the case under its new name."""
        if event is None:
            return self.record["unit"], None
        unit, on = event["details"].get("unit"), event["on"]
        for later in self.events:
            if later["id"] <= event["id"]:
                continue
            if later["kind"] in ("forwarded", "assigned", "objected"):
                break  # the case went elsewhere or came back: the next document says so
            if later["kind"] == "rerouted":
                unit, on = later["details"].get("unit"), later["on"]
            elif later["kind"] == "unit_renamed" and later["details"].get("from") == unit:
                unit = later["details"].get("to")
        return unit, on

    def put(self, **values: Any) -> None:
        self.context.update({key: clean(value) if isinstance(value, str) or value is None
                             else value for key, value in values.items()})

    def act(self) -> EventRecord | None:
        """The latest of the acts the document rests on, or a missing fact saying which
        act to record first."""
        for event in self.events[::-1]:
            if event["kind"] in self.spec.rests_on:
                if event["on"] > self.dated.isoformat():
                    raise BadAct("notice.dated_before", date=self.dated.isoformat(),
                                 act=Label(EVENT_KINDS, event["kind"]), on=event["on"])
                return event
        first = self.spec.rests_on[0]
        self.missing.append(ref("notice.missing.act", act=Label(EVENT_KINDS, first),
                                command=COMMANDS[first]))
        return None

    def issued_by_handler(self) -> None:
        """Signed by the unit that handled the case, or the office when it did itself."""
        if self.record["unit"]:
            self.put(issuer=self.record["unit"])

    def clock(self, code: str, *, first: bool = False) -> ClockRecord | None:
        found = [clock for clock in self.record["clocks"] if clock["clock"] == code]
        if not found:
            return None
        return found[0] if first else found[-1]

    def due(self, code: str, *, first: bool = False) -> str:
        clock = self.clock(code, first=first)
        return cn_date(clock["due_on"]) if clock else ""

    def due_as_started(self, code: str) -> str:
        """A clock's due date without the extensions granted since: what the petitioner
        was told when it started (an acceptance notice written after an extension)."""
        clock = self.clock(code)
        if clock is None:
            return ""
        due = due_on(dt.date.fromisoformat(clock["started_on"]), clock["length"],
                     clock["unit"], self.ledger.calendar)
        return cn_date(due)

    def officer(self, event: EventRecord | None) -> None:
        if event is not None:
            self.put(officer=event["officer"])

    def addressed(self) -> None:
        """The petitioners a letter is addressed to, by name; an anonymous petition has
        no one to write to (Art 23: unless name and address are unclear)."""
        names = [person["name"] for person in self.people if person["name"]]
        if not names:
            self.missing.append(ref("notice.missing.name"))
        self.put(petitioner=t("sep.list", ZH).join(names))

    @property
    def people(self) -> list[PersonRecord]:
        return self.record["people"]

    def listed(self, *, id_numbers: bool = False, phones: bool = False,
               addresses: bool = False) -> str:
        """The petitioners one a line, with what the document's reader needs of them."""
        lines = []
        for person in self.people:
            parts = []
            if id_numbers and person["id_number"]:
                parts.append(t("notice.person.id_number", ZH, value=person["id_number"]))
                self.revealed.update(["id_number"] if self.with_pii else [])
            if phones and person["phone"]:
                parts.append(t("notice.person.phone", ZH, value=person["phone"]))
                self.revealed.update(["phone"] if self.with_pii else [])
            if addresses and person["address"]:
                parts.append(t("notice.person.address", ZH, value=person["address"]))
            name = person["name"] or t("notice.person.no_name", ZH)
            lines.append(t("notice.person.with", ZH, name=name, parts="；".join(parts))
                         if parts else name)
        if not lines:
            return t("notice.person.anonymous", ZH)
        return "\n".join(lines)

    def withhold_petitioner(self) -> None:
        """A confidential (检举控告) case: the whistle-blower is never named to the unit
        or the leaders (Art 30)."""
        self.withheld = True
        self.put(petitioners=t("notice.person.withheld", ZH))
        self.notes.append(ref("notice.note.withheld", title=Label(NOTICE_KINDS,
                                                                  self.spec.code)))

    def case_facts(self) -> None:
        record = self.record
        self.put(headcount=str(record["headcount"]), locality=record["locality"],
                 category=record["category"])


Builder = Callable[[_Draft, list[str]], None]


def _receipt(d: _Draft, also: list[str]) -> None:
    d.case_facts()
    d.put(petitioner=t("sep.list", ZH).join(p["name"] for p in d.people if p["name"])
          or t("notice.person.anonymous", ZH),
          petitioners=d.listed(id_numbers=True, phones=True),
          forward_due=d.due("forward", first=True), forward_period=period(d.ledger, "forward"),
          forward_basis=basis(d.ledger, "forward"))
    registered = next((e for e in d.events if e["kind"] == "registered"), None)
    d.officer(registered)


def _visit_form(d: _Draft, also: list[str]) -> None:
    """The form a visitor checks and signs at the counter: only for a visit."""
    if d.record["channel"] != "visit":
        d.missing.append(ref("notice.missing.visit", channel=Label(CHANNELS,
                                                                   d.record["channel"])))
    d.case_facts()
    d.put(petitioners=d.listed(id_numbers=True, phones=True, addresses=True))
    registered = next((e for e in d.events if e["kind"] == "registered"), None)
    d.officer(registered)


def _forward_facts(d: _Draft, event: EventRecord | None) -> None:
    unit, on = d.routed(event)
    d.put(unit=unit, forwarded_on=cn_date(on),
          notify_due=d.due("notify"), notify_period=period(d.ledger, "notify"),
          notify_basis=basis(d.ledger, "notify"))


def _slip(d: _Draft, also: list[str]) -> None:
    event = d.act()
    d.case_facts()
    _forward_facts(d, event)
    d.officer(event)
    d.put(confidential=d.record["confidential"],
          objection_due=d.due("objection"), objection_period=period(d.ledger, "objection"),
          objection_basis=basis(d.ledger, "objection"))
    if d.record["confidential"]:
        d.withhold_petitioner()
    else:
        # The unit tells the petitioner in writing whether it accepts (Art 23): it needs
        # to reach them, never their ID number.
        d.put(petitioners=d.listed(phones=True, addresses=True))
    if d.spec.code == "assign":
        # The report-by date as it stands: moved, or set anew by a re-routing, since.
        report_by = d.due("report") or cn_date(event["details"].get("report_by")
                                               if event else None)
        d.put(report_by=report_by, report_basis=basis(d.ledger, "report"))


def _forward_notice(d: _Draft, also: list[str]) -> None:
    event = d.act()
    d.addressed()
    _forward_facts(d, event)
    d.officer(event)
    word = "notice.word.assigned" if event and event["kind"] == "assigned" else \
        "notice.word.forwarded"
    d.put(forward_word=t(word, ZH), handle_period=period(d.ledger, "handle"),
          handle_basis=basis(d.ledger, "handle"))


def _accept(d: _Draft, also: list[str]) -> None:
    event = d.act()
    d.addressed()
    d.issued_by_handler()
    d.officer(event)
    d.put(accepted_on=cn_date(event["on"]) if event else "",
          handle_due=d.due_as_started("handle"), handle_period=period(d.ledger, "handle"),
          handle_basis=basis(d.ledger, "handle"),
          max_extension=t("notice.period.days", ZH,
                          n=d.ledger.policy.number("max_extension_days")))


def _not_accept(d: _Draft, also: list[str]) -> None:
    event = d.act()
    d.addressed()
    d.issued_by_handler()
    d.officer(event)
    details = event["details"] if event else {}
    code = details.get("reason")
    text = (details.get("text") or "").strip()
    decision = label(EVENT_KINDS, "rejected", ZH)
    if code == "other":
        # A register that says only 不予受理 gives no reason the petitioner can be told.
        reason, text = ("", "") if _says_nothing(text, decision) else (clause(text), "")
    else:
        reason = t(f"notice.reject.{code}", ZH) if code in REJECT_REASONS else ""
        text = "" if _says_nothing(text, decision) else sentence(text)
    if event is not None and not reason:
        d.missing.append(ref("notice.missing.reject_reason"))
    d.put(decided_on=cn_date(event["on"]) if event else "", reason=reason, reason_text=text)


def _says_nothing(text: str, *words: str) -> bool:
    """A reason that is only the decision's own name (`不予受理。`, `告知通过诉讼途径解决`)."""
    for word in words:
        text = text.replace(word, "")
    return not any(char.isalnum() for char in text)


def sentence(text: str) -> str:
    """Text from the ledger as a sentence of its own: ended by a full stop."""
    text = text.strip().rstrip("，,；;、")
    return text + "。" if text and text[-1] not in "。！？!?…”）)" else text


def clause(text: str) -> str:
    """Text from the ledger inside a sentence: no full stop of its own."""
    return text.strip().rstrip("。.，,；;")


def _redirect(d: _Draft, also: list[str]) -> None:
    event = d.act()
    d.addressed()
    d.issued_by_handler()
    d.officer(event)
    details = event["details"] if event else {}
    route = details.get("route")
    d.put(decided_on=cn_date(event["on"]) if event else "",
          route=label(ROUTES, route, ZH),
          route_advice=t(f"notice.route.{route}", ZH) if route in ROUTES else "",
          route_text=_route_text(details.get("text"), route))
    if event is not None and route not in ROUTES:
        d.missing.append(ref("notice.missing.route"))


def _route_text(text: str | None, route: str | None) -> str:
    """The officer's words on the route, unless they only name it (a register's
    `告知通过诉讼途径解决`)."""
    text = text or ""
    words = (label(EVENT_KINDS, "redirected", ZH), label(ROUTES, route, ZH), "告知", "通过",
             "法定", "途径", "解决", "依法", "申请")
    return "" if _says_nothing(text, *words) else sentence(text)


def _extension(d: _Draft, also: list[str]) -> None:
    event = d.act()
    d.addressed()
    d.issued_by_handler()
    d.officer(event)
    details = event["details"] if event else {}
    handle = d.clock("handle")
    d.put(accepted_on=cn_date(d.record["accepted_on"]),
          extended_on=cn_date(event["on"]) if event else "",
          extension_days=t("notice.period.days", ZH, n=details.get("days", "")),
          extension_reason=details.get("reason"), approved_by=details.get("approved_by"),
          handle_due=cn_date(handle["due_on"]) if handle else "",
          handle_period=period(d.ledger, "handle"), handle_basis=basis(d.ledger, "handle"),
          total_extension=t("notice.period.days", ZH, n=handle["extra_days"] if handle else 0))


def _opinion(d: _Draft, also: list[str]) -> None:
    event = d.act()
    d.addressed()
    d.issued_by_handler()
    d.officer(event)
    details = event["details"] if event else {}
    if event is not None and not (details.get("opinion") or "").strip():
        d.missing.append(ref("notice.missing.opinion"))
    body = appeal_body(d.ledger, d.record, "review")
    if body is None and event is not None:
        d.notes.append(ref("notice.note.general_body", unit=d.record["unit"] or d.context["office"]))
    d.put(accepted_on=cn_date(d.record["accepted_on"]),
          closed_on=cn_date(event["on"]) if event else "",
          opinion=details.get("opinion"), result=label(RESULTS, details.get("result"), ZH),
          review_period=period(d.ledger, "review_request"),
          review_body=body or t("notice.body.review", ZH),
          review_basis=basis(d.ledger, "review_request"))


def _reviewed(d: _Draft, requested: str, step: str) -> EventRecord | None:
    """A review's or recheck's conclusion: who concluded it, what it found."""
    event = d.act()
    d.addressed()
    d.officer(event)
    if event is not None and not (event["details"].get("note") or "").strip():
        d.missing.append(ref(f"notice.missing.outcome_{step}"))
    asked = next((e for e in reversed(d.events) if e["kind"] == requested
                  and (event is None or e["id"] < event["id"])), None)
    body = appeal_body(d.ledger, d.record, step)
    # Signed by the body that reviewed; a blank to fill in where the ledger does not know it.
    d.put(issuer=body or "")
    if body is None and event is not None:
        d.notes.append(ref("notice.note.blank_issuer", title=Label(NOTICE_KINDS, d.spec.code)))
    d.put(requested_on=cn_date(asked["on"]) if asked else "",
          concluded_on=cn_date(event["on"]) if event else "",
          outcome=event["details"].get("note") if event else "")
    return event


def _review(d: _Draft, also: list[str]) -> None:
    _reviewed(d, "review_requested", "review")
    body = appeal_body(d.ledger, d.record, "recheck")
    d.put(closed_on=cn_date(d.record["closed_on"]),
          recheck_period=period(d.ledger, "recheck_request"),
          recheck_body=body or t("notice.body.recheck", ZH),
          recheck_basis=basis(d.ledger, "recheck_request"))


def _recheck(d: _Draft, also: list[str]) -> None:
    _reviewed(d, "recheck_requested", "recheck")
    d.put(final_basis=basis(d.ledger, "recheck"))


def _followup(d: _Draft, also: list[str]) -> None:
    event = d.act()
    d.officer(event)
    details = event["details"] if event else {}
    closed = next((e for e in reversed(d.events) if e["kind"] == "closed"), None)
    reached = not details.get("unreachable")
    d.put(petitioners=d.listed(phones=True),
          closed_on=cn_date(closed["on"]) if closed else "",
          result=label(RESULTS, closed["details"].get("result"), ZH) if closed else "",
          followed_on=cn_date(event["on"]) if event else "",
          reached=t("notice.word.reached" if reached else "notice.word.unreached", ZH),
          satisfaction=label(SATISFACTION, details.get("satisfaction"), ZH),
          followup_note=details.get("note"))


def _major(d: _Draft, also: list[str]) -> None:
    record = d.record
    threshold = d.ledger.policy.number("collective_headcount")
    if not rules.is_major(record["headcount"], record["flags"], threshold):
        d.missing.append(ref("notice.missing.major", headcount=record["headcount"],
                             threshold=threshold))
    d.case_facts()
    reasons = [label(FLAGS, flag, ZH) for flag in ("to_province", "to_beijing")
               if flag in record["flags"]]
    if rules.is_collective(record["headcount"], threshold):
        reasons.insert(0, t("notice.major.collective", ZH, n=record["headcount"]))
    actions = [t("notice.major.action", ZH, on=cn_date(event["on"]),
                 act=label(EVENT_KINDS, event["kind"], ZH),
                 to=clean(event["details"].get("unit") or event["details"].get("leader") or ""))
               for event in d.events if event["kind"] in _ACTIONS]
    d.put(major_reasons=t("sep.list", ZH).join(reasons), actions="\n".join(actions),
          joint_office=t("notice.joint_office", ZH))
    if record["confidential"]:
        d.withhold_petitioner()
    else:
        d.put(petitioners=d.listed())
    d.officer(d.events[-1] if d.events else None)


def _delivery(d: _Draft, also: list[str]) -> None:
    d.addressed()
    lead = next((p for p in d.people if p["lead"]), d.people[0] if d.people else None)
    dates: dict[str, str] = {}
    for event in d.events:
        written = str(event["details"].get("kind") or "")
        if event["kind"] == "notice" and _for_petitioner(written):
            dates[written] = event["details"].get("dated") or event["on"]
    for code in also:
        if _for_petitioner(code):
            dates[code] = d.dated.isoformat()
    if not dates:
        d.missing.append(ref("notice.missing.delivered"))
    documents = [t("notice.delivery.item", ZH, title=label(NOTICE_KINDS, code, ZH),
                   date=cn_date(on)) for code, on in dates.items()]
    d.put(address=lead["address"] if lead else "", documents="\n".join(documents))


def _for_petitioner(code: str | None) -> bool:
    return code in KINDS and code != "delivery" and KINDS[code].audience == PETITIONER


_BUILDERS: dict[str, Builder] = {
    "receipt": _receipt, "visit-form": _visit_form, "forward": _slip, "assign": _slip, "forward-notice": _forward_notice,
    "accept": _accept, "not-accept": _not_accept, "redirect": _redirect,
    "extension": _extension, "opinion": _opinion, "review": _review, "recheck": _recheck,
    "followup": _followup, "major": _major, "delivery": _delivery,
}


def due_kinds(ledger: Ledger, ref_: str | int) -> list[str]:
    """The documents a case has so far, in the order of its life, a proof of delivery
    last (what `--all` writes): a receipt always, and for a visit the form the visitor
    signs; each act's document once the act is recorded; the major report for a
    collective or out-of-level visit."""
    case_id = ledger.find_case(ref_)
    record = queries.case_record(ledger, case_id)
    done = {event["kind"] for event in record.get("events") or []}
    threshold = ledger.policy.number("collective_headcount")
    found = [code for code, spec in KINDS.items()
             if code != "delivery" and (not spec.rests_on or done & set(spec.rests_on))]
    if not rules.is_major(record["headcount"], record["flags"], threshold):
        found.remove("major")
    if record["channel"] != "visit":
        found.remove("visit-form")
    if any(_for_petitioner(code) for code in found):
        found.append("delivery")
    return found

