"""The only code that writes cases, people, events, clocks, units and imported rows.

- `write_cases` registers new cases with the acts that followed (an imported register
  row's history): registering one petition at the counter is a batch of one, a
  register of a million rows is a batch of a million. Cases are taken in order of
  receipt and each repeat is judged against the earlier cases as they stood on its day.
- `append` records one act on a case already in the ledger.

Both check every act with `lifecycle.guard`, move the state with `lifecycle.advance`,
and store the state through the same column list. How a batch is written (secondary
indexes set aside, the full-text index filled at the end) is the writer's own choice by
its size.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from xinfang import rules
from xinfang.cases import corrections, lifecycle
from xinfang.cases.identity import Who
from xinfang.cases.intake import Intake, Person
from xinfang.cases.lifecycle import CaseState
from xinfang.cases.matching import Earlier, Petition, RepeatIndex
from xinfang.dates import check_happened
from xinfang.db import mark_damaged, write
from xinfang.deadlines.clocks import Clock, next_due, refresh_due
from xinfang.errors import (
    DateAfterActs,
    LedgerDamaged,
    NothingToCorrect,
    NulInText,
    UnitExists,
    XinfangError,
)
from xinfang.store import chain, terms
from xinfang.store.ledger import Ledger, PersonLookup, chunks, marks
from xinfang.store.records import Recorded
from xinfang.store.terms import GramCounts
from xinfang.texts import ref
from xinfang.vocab import parse_level


def new_uid() -> str:
    """A globally unique id, so ledgers of several offices can be merged without clashes:
    128 bits as hex, the time in milliseconds first and 80 random bits after it. Ids made
    one after another sort one after another, so their unique index grows at its end
    instead of at random places (an import of a million cases writes millions of them)."""
    return f"{time.time_ns() // 1_000_000:012x}{os.urandom(10).hex()}"


# An event's details as stored: keys sorted, no spaces after separators (an imported
# ledger holds millions of them), readable with any JSON reader.
encode_details = json.JSONEncoder(ensure_ascii=False, sort_keys=True,
                                  separators=(",", ":")).encode


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# The tables' columns, each list in one place ---------------------------------------

# What registration records and never changes.
INTAKE_COLUMNS = ("id", "uid", "number", "year", "seq", "received_on", "channel", "headcount",
                  "locality", "category", "content", "request", "anonymous", "confidential")
# What a case's events make of it, stored for fast queries (`state_values`).
STATE_COLUMNS = ("status", "unit_id", "holder", "holder_kind", "holder_since", "accepted_on",
                 "closed_on", "result", "satisfaction", "repeat_of", "flags", "next_due_on",
                 "last_on")
CASE_INSERT = (f"INSERT INTO cases({', '.join(INTAKE_COLUMNS + STATE_COLUMNS)}) VALUES "
               f"({marks(INTAKE_COLUMNS + STATE_COLUMNS)})")
STATE_UPDATE = (f"UPDATE cases SET {', '.join(f'{c} = ?' for c in STATE_COLUMNS)} "
                "WHERE id = ?")
EVENT_INSERT = ("INSERT INTO events(uid, case_id, kind, acted_on, recorded_at, officer, "
                "details, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
CLOCK_INSERT = ("INSERT INTO clocks(case_id, clock, started_on, length, unit, extra_days, "
                "due_on, stopped_on, late, fixed, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
CASE_PEOPLE_INSERT = ("INSERT INTO case_people(case_id, person_id, lead, position, name, "
                      "id_number, phone, address, name_key, address_key) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
IMPORTED_INSERT = "INSERT INTO imported_rows(fingerprint, case_id) VALUES (?, ?)"


def state_values(state: CaseState, unit_id: int | None, repeat_of: int | None) -> tuple[Any, ...]:
    """A case's derived columns (STATE_COLUMNS, in that order) for its state."""
    return (
        state.status, unit_id, state.holder, state.holder_kind, _iso(state.holder_since),
        _iso(state.accepted_on), _iso(state.closed_on), state.result, state.satisfaction,
        repeat_of, json.dumps(sorted(state.flags)), _iso(next_due(state.clocks)),
        _iso(state.last_on),
    )


def clock_row(case_id: int, clock: Clock) -> tuple[Any, ...]:
    return (case_id, clock.clock, clock.started_on.isoformat(), clock.length, clock.unit,
            clock.extra_days, clock.due_on.isoformat(), _iso(clock.stopped_on),
            int(clock.late), int(clock.fixed), clock.owner)


class Events:
    """Event rows to insert, in order, each chained to the one before (`store.chain`):
    the first to the last event already in the ledger."""

    def __init__(self, ledger: Ledger) -> None:
        row = ledger.db.execute("SELECT chain FROM events ORDER BY id DESC LIMIT 1").fetchone()
        self.previous: bytes = row[0] if row and row[0] else chain.START

    def row(self, case_id: int, case_uid: str, kind: str, on: dt.date, officer: str,
            details: dict[str, Any], recorded_at: str) -> tuple[Any, ...]:
        uid, acted_on, text = new_uid(), on.isoformat(), encode_details(details)
        if ("\\u0000" in text and "\\u0000" in text.replace("\\\\", "")) or "\x00" in officer:
            # A NUL byte (U+0000) cuts text short in SQLite's C strings and terminals.
            raise NulInText()
        self.previous = chain.link(self.previous, uid, case_uid, kind, acted_on, recorded_at,
                                   officer, text)
        return (uid, case_id, kind, acted_on, recorded_at, officer, text, self.previous)


# New cases -----------------------------------------------------------------------------


@dataclass
class NewCase:
    """One case to write: its intake, the acts that followed registration (date, kind,
    details) in order, who recorded it and where it came from."""

    intake: Intake
    steps: list[tuple[dt.date, str, dict[str, Any]]] = field(default_factory=list)
    officer: str = ""
    source: dict[str, Any] | None = None
    # For a register row: its fingerprint, kept in imported_rows with the case it became.
    imported: str | None = None
    # The officer's word on a repeat link: None (the repeat rule decides), "not_repeat",
    # or the number of a case this one repeats.
    repeat: str | None = None
    # The officer's word that a petitioner's name as given is right where the ledger knows
    # the same ID number by another name: the ledger's record takes it (an event records
    # the change). Without it the record keeps its name and this case the name given.
    update_people: bool = False


@dataclass
class Written:
    """A case as written: its row id, number, state and the first case of its chain."""

    id: int
    number: str
    status: str
    repeat_of: str | None


class CaseFailed(Exception):
    """A case of the batch was refused: which one (its index in the batch) and why."""

    def __init__(self, index: int, error: XinfangError) -> None:
        super().__init__(str(error))
        self.index, self.error = index, error


# A batch of at least this many cases is written with the full-text index filled once at
# the end instead of row by row through its trigger: an order of magnitude faster.
BULK_FROM = 500
FLUSH_EVERY = 20_000


def write_cases(
    ledger: Ledger,
    cases: Sequence[NewCase],
    officer: str,
    progress: Callable[[int, int], None] | None = None,
    petitioners: Iterable[Person] | None = None,
) -> list[Written]:
    """Write `cases` (already in order of receipt) inside one transaction (a savepoint of
    the caller's) and return them as written, in the same order. A refused case raises
    `CaseFailed` and nothing of the batch is kept.

    `cases` may make each case as it is read (a large register is then not held twice);
    a caller that does so gives the people the cases name as `petitioners`, so that each
    case is made only once, when it is written."""
    office = ledger.require_office()
    if len(cases) >= BULK_FROM:
        # A large batch reads and rewrites much of the ledger: first SQLite's quick check
        # of its pages (seconds at most), so that damage is not spread by thousands of
        # cases (one act touches a few pages, and SQLite refuses a damaged one it reads).
        found = [row[0] for row in ledger.db.execute("PRAGMA quick_check(20)")]
        if found != ["ok"]:
            if ledger.path is not None:
                mark_damaged(ledger.path, "; ".join(found))
            raise LedgerDamaged(path=str(ledger.path or ""))
    with write(ledger.db):
        return _Batch(ledger, office["code"], len(cases), officer).write(
            cases, progress, petitioners)


class _Batch:
    def __init__(self, ledger: Ledger, office_code: str, size: int, officer: str) -> None:
        self.ledger = ledger
        self.db = ledger.db
        self.officer = officer
        self.prefix = f"XF-{office_code}-"
        self.size = size
        self.recorded_at = now()
        self.last_seq: dict[int, int] = {}
        # Numbers given out before the ledger was restored from an older backup.
        self.given = {int(year): int(seq) for year, seq in
                      ledger.settings().get("numbers.given", {}).items()}
        self.next_id = (self.db.execute("SELECT max(id) FROM cases").fetchone()[0] or 0) + 1
        self.units = _Units(ledger)
        self.people = _People(ledger)
        self.events = Events(ledger)
        self.secret: set[int] = set()  # confidential cases of this batch
        self.rows: dict[str, list[tuple[Any, ...]]] = {
            "cases": [], "case_people": [], "events": [], "clocks": [], "imported": [],
            "terms": []}

    def write(self, cases: Sequence[NewCase], progress: Callable[[int, int], None] | None,
              petitioners: Iterable[Person] | None) -> list[Written]:
        ledger, db = self.ledger, self.db
        self.people.load(petitioners if petitioners is not None else
                         (person for new in cases for person in new.intake.people))
        bulk = self.size >= BULK_FROM
        # How rare each term is: the ledger's counts (read whole when the batch is large
        # beside the ledger) and this batch's cases as they are written.
        counts = GramCounts(db, read_all=bulk and self.size * 10 >= self.next_id - 1)
        self.counts = counts
        index = ledger.repeat_index(self.people.lookup, ledger.repeat_scorer(counts))
        trigger = None
        if bulk:
            # The trigger is dropped and made again inside the transaction, so a failure
            # restores it with everything else.
            trigger = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                 "AND name = 'cases_fts_insert'").fetchone()
            if trigger:
                db.execute("DROP TRIGGER cases_fts_insert")
        # A batch at least as large as the ledger is faster written without the secondary
        # indexes, built again at the end (sorted once, not grown row by row). The
        # lookups above were made with them.
        indexes = _drop_indexes(ledger) if bulk and self.size >= self.next_id - 1 else []
        first_id = self.next_id
        written = []
        for position, new in enumerate(cases):
            try:
                written.append(self._case(new, index))
            except XinfangError as error:
                raise CaseFailed(position, error) from error
            if len(self.rows["cases"]) >= FLUSH_EVERY:
                self._flush()
            if progress is not None and (position + 1) % 1000 == 0:
                progress(position + 1, self.size)
        self._flush()
        self.people.write_changed()
        if bulk and written:
            db.execute("INSERT INTO cases_fts(rowid, content, request) "
                       "SELECT id, content, request FROM cases WHERE id >= ?", [first_id])
        for sql in indexes:
            db.execute(sql)
        if trigger:
            db.execute(trigger[0])
        if progress is not None:
            progress(self.size, self.size)
        return written

    def _number(self, year: int) -> tuple[int, str]:
        if year not in self.last_seq:
            self.last_seq[year] = max(last_seq(self.ledger, year, self.prefix),
                                      self.given.get(year, 0))
        self.last_seq[year] += 1
        seq = self.last_seq[year]
        return seq, f"{self.prefix}{year}-{seq:05d}"

    def _case(self, new: NewCase, index: RepeatIndex) -> Written:
        ledger = self.ledger
        intake = new.intake
        check_happened(intake.received_on, ref("field.received_on"), ledger.today)
        case_id = self.next_id
        self.next_id += 1
        year = intake.received_on.year
        seq, number = self._number(year)

        who: list[Who] = []
        linked: dict[int, str] = {}  # person id → uid, in the case's order
        given: list[list[str | None]] = []
        changes: dict[str, dict[str, list[str | None]]] = {}
        differs: dict[str, str | None] = {}
        for person in intake.people:
            person_id, person_uid, changed, kept = self.people.resolve(
                person, rename=new.update_people)
            who.append(Who.given(person_id, person.name, person.id_number, person.phone,
                                 person.address))
            if person_id in linked:
                continue  # the same petitioner named twice (a register's 其他信访人)
            linked[person_id] = person_uid
            given.append([person.name, person.id_number, person.phone, person.address])
            if changed:
                changes[person_uid] = changed
            if kept is not None:
                differs[person_uid] = kept
            self.rows["case_people"].append(
                (case_id, person_id, int(len(linked) == 1), len(linked) - 1, person.name,
                 person.id_number, person.phone, person.address,
                 *terms.person_keys(who[-1])))

        petition = Petition(case_id, intake.received_on, tuple(who), intake.category,
                            intake.content)
        repeat, root_id = self._repeat(new, petition, index)
        if root_id is not None and not intake.confidential and self._secret(root_id):
            # A repeat of a confidential (检举控告) matter is confidential too.
            intake = replace(intake, confidential=True)
            repeat["confidential_from"] = repeat["repeat_of"]
        details = registered_details(intake, list(linked.values()), repeat, new.source,
                                     given=given, changes=changes, differs=differs)
        state = CaseState()
        lifecycle.advance(state, "registered", intake.received_on, details, ledger.policy,
                          ledger.calendar)
        acting = new.officer or self.officer
        case_uid = new_uid()
        self.rows["events"].append(self.events.row(
            case_id, case_uid, "registered", intake.received_on, acting, details,
            self.recorded_at))
        timeline = []
        for on, kind, step_details in new.steps:
            step_details = play(ledger, state, kind, on, step_details, number)
            self.rows["events"].append(self.events.row(case_id, case_uid, kind, on, acting,
                                                       step_details, self.recorded_at))
            timeline.append((on, str(state.status)))

        self.rows["cases"].append((
            case_id, case_uid, number, year, seq, intake.received_on.isoformat(),
            intake.channel, intake.headcount, intake.locality, intake.category, intake.content,
            intake.request, int(intake.anonymous), int(intake.confidential),
            *state_values(state, self.units.id(state.unit), root_id)))
        self.rows["clocks"] += [clock_row(case_id, clock) for clock in state.clocks]
        if intake.confidential:
            self.secret.add(case_id)
        if new.imported is not None:
            self.rows["imported"].append((new.imported, case_id))
        index.add(Earlier(case_id, number, petition, root_id, timeline=timeline))
        self.counts.pending(intake.content)
        self.rows["terms"].append(terms.terms_row(case_id, intake.content))
        return Written(case_id, number, str(state.status), state.repeat_of)

    def _secret(self, case_id: int) -> bool:
        return case_id in self.secret or self.ledger.confidential(case_id)

    def _repeat(self, new: NewCase, petition: Petition,
                index: RepeatIndex) -> tuple[dict[str, Any], int | None]:
        """The repeat decision the registration records, and the first case's id."""
        if new.repeat == "not_repeat":
            return {"decision": "not_repeat"}, None
        if new.repeat is not None:
            root_id, root_number, status = self.ledger.chain_root(
                self.ledger.find_case(new.repeat))
            return {"decision": "officer", "repeat_of": root_number,
                    "flags": rules.repeat_flags([status])}, root_id
        # The rarity of terms among the cases written before this one.
        index.scorer.rarity.cases = petition.key - 1
        judged = index.judge(petition)
        if judged.root is None or judged.match is None:
            return {}, None
        matched = index.known[judged.match.case].number
        return {"decision": "auto", "repeat_of": judged.root.number, "flags": judged.flags,
                "score": round(judged.match.scored.score, 2), "matched": matched}, judged.root.id

    def _flush(self) -> None:
        # Rows go to SQLite every FLUSH_EVERY cases, so a big register is never held in
        # memory twice (as rows read and as rows to write).
        conn, rows = self.db.conn, self.rows
        self.people.write_new()
        self.units.write_new()
        conn.executemany(CASE_INSERT, rows["cases"])
        conn.executemany(CASE_PEOPLE_INSERT, rows["case_people"])
        conn.executemany(EVENT_INSERT, rows["events"])
        conn.executemany(CLOCK_INSERT, rows["clocks"])
        # In the order of the table's key, the fingerprint.
        conn.executemany(IMPORTED_INSERT, sorted(rows["imported"]))
        terms.write_terms(self.db, rows["terms"])
        self.counts.flush()
        for table in rows.values():
            table.clear()


def last_seq(ledger: Ledger, year: int, prefix: str) -> int:
    """The office's last case number of the year. Walks the (year, seq) index from the
    top: in an office's own ledger the first row is its own, so this stays instant at any
    size; in a merged ledger it skips the other offices' numbers."""
    for seq, number in ledger.db.execute(
        "SELECT seq, number FROM cases WHERE year = ? ORDER BY seq DESC", [year]
    ):
        if number.startswith(prefix):
            return int(seq)
    return 0


def registered_details(intake: Intake, person_uids: list[str], repeat: dict[str, Any],
                       source: dict[str, Any] | None, *,
                       given: list[list[str | None]] | None = None,
                       changes: dict[str, dict[str, list[str | None]]] | None = None,
                       differs: dict[str, str | None] | None = None) -> dict[str, Any]:
    """What the `registered` event records: the intake; its petitioners (their uids and,
    `given`, name, ID number, phone and address as recorded for this case); the changes
    it made to what the ledger knows of them (`person_changes`, field → [old, new]) and
    the names it found different and left (`name_kept`); the repeat decision; and, for an
    imported case, where it came from (file, line, seq)."""
    details = {
        "channel": intake.channel,
        "headcount": intake.headcount,
        "locality": intake.locality,
        "category": intake.category,
        "content": intake.content,
        "request": intake.request,
        "anonymous": intake.anonymous,
        "confidential": intake.confidential,
        "people": person_uids,
        "given": given,
        "person_changes": changes or None,
        "name_kept": differs or None,
        "flags": intake.flags + repeat.get("flags", []),
        "repeat_of": repeat.get("repeat_of"),
        "repeat_decision": repeat.get("decision"),
        "repeat_score": repeat.get("score"),
        "repeat_matched": repeat.get("matched"),
        "confidential_from": repeat.get("confidential_from"),
        "source": source,
    }
    return {key: value for key, value in details.items() if value not in (None, [])}


def play(ledger: Ledger, state: CaseState, kind: str, on: dt.date, details: dict[str, Any],
         number: str) -> dict[str, Any]:
    """Check one act against the case's state (the one guard) and move the state in
    place; returns the details to record: an act after the window it ends is recorded
    and flagged late."""
    lifecycle.guard(state, kind, on, ledger.today, number)
    lifecycle.check_new(state, kind, on, details)
    late = lifecycle.advance(state, kind, on, details, ledger.policy, ledger.calendar)
    return {**details, "late": late} if late else details


# Acts on cases in the ledger -------------------------------------------------------------


def append(ledger: Ledger, case_id: int, kind: str, on: dt.date, officer: str,
           details: dict[str, Any]) -> Recorded:
    """Record one act on a case and store the state it leads to."""
    with write(ledger.db):
        number = ledger.case_number(case_id)
        state = ledger.stored_state(case_id)
        before = lifecycle.copy_state(state)
        details = play(ledger, state, kind, on, details, number)
        case_uid = ledger.db.execute("SELECT uid FROM cases WHERE id = ?",
                                     [case_id]).fetchone()[0]
        row = Events(ledger).row(case_id, case_uid, kind, on, officer, details, now())
        cursor = ledger.db.conn.execute(EVENT_INSERT, row)
        if state != before:
            _store_state(ledger, case_id, state)
    return {"id": int(cursor.lastrowid or 0), "case": number, "case_id": case_id,
            "uid": row[0], "kind": kind, "acted_on": row[3], "recorded_at": row[4],
            "officer": officer, "details": details}


def link_people(ledger: Ledger, case_id: int, person_id: int, other_id: int, same: bool,
                on: dt.date, officer: str, details: dict[str, Any]) -> Recorded:
    """The officer's word that two person records are one person (`same`) or are not:
    an event on the case it was said at, and from then on a row the repeat rule reads."""
    with write(ledger.db):
        recorded = append(ledger, case_id, "people_linked", on, officer,
                          {**details, "same": same})
        ledger.db.conn.execute(
            "INSERT INTO person_links(person_id, other_id, same, event_id) VALUES (?, ?, ?, ?)",
            [person_id, other_id, int(same), recorded["id"]])
    return recorded


# Corrections ------------------------------------------------------------------------------


def amend(ledger: Ledger, case_id: int, kind: str, on: dt.date, officer: str,
          details: dict[str, Any]) -> Recorded:
    """Record a correction (`corrected`) or the withdrawal of an act (`withdrawn`): the
    case's state is then its events replayed without the acts withdrawn and with the
    registration as corrected (`corrections.effective`). Clocks that had stopped and stop
    the same way in the replay keep the due dates they had: what was due when stays."""
    with write(ledger.db):
        number = ledger.case_number(case_id)
        before = ledger.stored_state(case_id)
        lifecycle.guard(before, kind, on, ledger.today, number)
        case_uid = ledger.db.execute("SELECT uid FROM cases WHERE id = ?",
                                     [case_id]).fetchone()[0]
        row = Events(ledger).row(case_id, case_uid, kind, on, officer, details, now())
        events = [*ledger.events(case_id),
                  {"uid": row[0], "kind": kind, "on": row[3], "details": details}]
        state = lifecycle.replay(corrections.effective(events), ledger.policy,
                                 ledger.calendar)
        kept = {(c.clock, c.started_on, c.stopped_on): c for c in before.clocks if not c.running}
        state.clocks = [kept.get((c.clock, c.started_on, c.stopped_on), c) if not c.running
                        else c for c in state.clocks]
        cursor = ledger.db.conn.execute(EVENT_INSERT, row)
        _store_state(ledger, case_id, state)
    return {"id": int(cursor.lastrowid or 0), "case": number, "case_id": case_id,
            "uid": row[0], "kind": kind, "acted_on": row[3], "recorded_at": row[4],
            "officer": officer, "details": details}


def correct(ledger: Ledger, case_id: int, on: dt.date, officer: str,
            fields: dict[str, Any], people: list[Person] | None, reason: str) -> Recorded:
    """Correct what a case's registration records: the intake `fields` given (received
    date, channel, headcount, locality, category, content, request) and, with `people`,
    its petitioners (all of them, the lead first). The `corrected` event records each
    change as [old, new]; the case's columns and petitioners follow it."""
    with write(ledger.db):
        events = ledger.events(case_id)
        registration = next(e for e in events if e["kind"] == "registered")
        received, current = corrections.as_corrected(
            dt.date.fromisoformat(registration["on"]), registration["details"],
            [e["details"] for e in events if e["kind"] == "corrected"])
        current = {**current, "received_on": received.isoformat()}
        changes = {name: [current.get(name), value] for name, value in fields.items()
                   if current.get(name) != value}
        details: dict[str, Any] = {"changes": changes, "reason": reason}
        linked: list[tuple[int, str, Person]] = []
        if people is not None:
            resolver = _People(ledger)
            resolver.load(people)
            person_changes = {}
            for person in people:
                person_id, uid, changed, _ = resolver.resolve(person)
                if person_id not in {pid for pid, _, _ in linked}:
                    linked.append((person_id, uid, person))
                if changed:
                    person_changes[uid] = changed
            given = [[p.name, p.id_number, p.phone, p.address] for _, _, p in linked]
            uids = [uid for _, uid, _ in linked]
            if uids != current.get("people", []) or given != current.get("given"):
                details.update(people=uids, given=given, people_was=current.get("given"))
                if person_changes:
                    details["person_changes"] = person_changes
            else:
                linked = []
            resolver.write_new()
            resolver.write_changed()
        if not changes and "people" not in details:
            raise NothingToCorrect(number=ledger.case_number(case_id))
        if "received_on" in changes:
            new_on = dt.date.fromisoformat(fields["received_on"])
            check_happened(new_on, ref("field.received_on"), ledger.today)
            first = corrections.first_act_after_registration(events, lifecycle.ASIDES)
            if first is not None and new_on > first:
                raise DateAfterActs(date=new_on, first=first)
        recorded = amend(ledger, case_id, "corrected", on, officer, details)
        columns = {name: new for name, (_, new) in changes.items()}
        if "content" in columns:
            old_content = ledger.db.execute("SELECT content FROM cases WHERE id = ?",
                                            [case_id]).fetchone()[0]
            terms.replace_content(ledger.db, case_id, old_content, columns["content"])
        if columns:
            ledger.db.conn.execute(
                f"UPDATE cases SET {', '.join(f'{name} = ?' for name in columns)} WHERE id = ?",
                [*columns.values(), case_id])
        if "people" in details:
            ledger.db.conn.execute("DELETE FROM case_people WHERE case_id = ?", [case_id])
            ledger.db.conn.executemany(CASE_PEOPLE_INSERT, [
                (case_id, person_id, int(position == 0), position, person.name,
                 person.id_number, person.phone, person.address,
                 *terms.person_keys(Who.given(person_id, person.name, person.id_number,
                                              person.phone, person.address)))
                for position, (person_id, _, person) in enumerate(linked)])
    return recorded


def _store_state(ledger: Ledger, case_id: int, state: CaseState) -> None:
    units = _Units(ledger)
    repeat_of = None
    if state.repeat_of:
        repeat_of = ledger.find_case(state.repeat_of)
    values = state_values(state, units.id(state.unit), repeat_of)
    units.write_new()
    db = ledger.db.conn
    db.execute(STATE_UPDATE, [*values, case_id])
    db.execute("DELETE FROM clocks WHERE case_id = ?", [case_id])
    db.executemany(CLOCK_INSERT, [clock_row(case_id, clock) for clock in state.clocks])


def refresh_clocks(ledger: Ledger) -> int:
    """Recompute every running clock's due date under the current policy and calendar
    (after either changed); returns how many cases moved. Stopped clocks keep the due
    date they had: what was due when stays explainable."""
    db = ledger.db
    rows = db.execute(
        "SELECT id, case_id, clock, started_on, length, unit, extra_days, due_on, fixed "
        "FROM clocks WHERE stopped_on IS NULL ORDER BY case_id"
    ).fetchall()
    running: dict[int, list[Clock]] = {}
    touched: set[int] = set()
    with write(db):
        for clock_id, case_id, code, started, length, unit, extra, due, fixed in rows:
            clock = Clock(code, dt.date.fromisoformat(started), length, unit,
                          dt.date.fromisoformat(due), extra, fixed=bool(fixed))
            refresh_due(clock, ledger.policy, ledger.calendar)
            running.setdefault(case_id, []).append(clock)
            if (clock.due_on.isoformat(), clock.length, clock.unit) != (due, length, unit):
                db.execute("UPDATE clocks SET due_on = ?, length = ?, unit = ? WHERE id = ?",
                           [clock.due_on.isoformat(), clock.length, clock.unit, clock_id])
                touched.add(case_id)
        for case_id in touched:
            db.execute("UPDATE cases SET next_due_on = ? WHERE id = ?",
                       [_iso(next_due(running[case_id])), case_id])
    return len(touched)


# The ledger as it stood on a past day (store/past.py) ----------------------------------


def as_it_stood(copy: Ledger, day: dt.date, then: dict[str, Any],
                log: list[tuple[Any, ...]]) -> None:
    """Make `copy` — a copy of the ledger in memory, never the ledger's file — the
    ledger at the end of `day`: the cases received by then, each in the state its events
    acted on up to that day give, under the settings then in force (`then`: policy and
    overrides, from the settings' `log`)."""
    (main,) = [row for row in copy.db.execute("PRAGMA database_list") if row[1] == "main"]
    if main[2]:
        raise RuntimeError("as_it_stood works on a copy in memory only")
    conn = copy.db.conn
    iso = day.isoformat()
    conn.execute("PRAGMA foreign_keys = OFF")
    with write(copy.db):
        conn.execute("DELETE FROM settings")
        conn.executemany("INSERT INTO settings(key, value) VALUES (?, ?)",
                         [(k, json.dumps(v, ensure_ascii=False)) for k, v in then.items()
                          if not k.startswith("calendar.override.")])
        # Local overrides: as the log says they were (added, changed, removed); those
        # made before overrides were logged, by the day they were recorded.
        logged = {k.removeprefix("calendar.override.") for k, *_ in log
                  if k.startswith("calendar.override.")}
        conn.execute("DELETE FROM calendar_overrides WHERE substr(recorded_at, 1, 10) > ?",
                     [iso])
        for override_day in logged:
            conn.execute("DELETE FROM calendar_overrides WHERE day = ?", [override_day])
            value = then.get(f"calendar.override.{override_day}")
            if isinstance(value, dict):
                conn.execute(
                    "INSERT INTO calendar_overrides(day, working, reason, officer, "
                    "recorded_at) VALUES (?, ?, ?, ?, ?)",
                    [override_day, int(value["working"]), value["reason"],
                     value.get("officer", ""), value.get("recorded_at", iso)])
        conn.execute("DELETE FROM cases WHERE received_on > ?", [iso])
        for table in ("case_people", "clocks"):
            conn.execute(f"DELETE FROM {table} WHERE case_id NOT IN (SELECT id FROM cases)")
        copy.settings_changed()
        events: dict[int, list[dict[str, Any]]] = {}
        for case_id, uid, kind, on, details in conn.execute(
            "SELECT e.case_id, e.uid, e.kind, e.acted_on, e.details FROM events e "
            "JOIN cases c ON c.id = e.case_id WHERE e.acted_on <= ? ORDER BY e.case_id, e.id",
            [iso],
        ):
            events.setdefault(case_id, []).append(
                {"uid": uid, "kind": kind, "on": on, "details": json.loads(details)})
        units = _Units(copy)
        numbers = dict(conn.execute("SELECT number, id FROM cases").fetchall())
        conn.execute("DELETE FROM clocks")
        for case_id, case_events in events.items():
            state = lifecycle.replay(corrections.effective(case_events), copy.policy,
                                     copy.calendar)
            repeat_of = numbers.get(state.repeat_of) if state.repeat_of else None
            conn.execute(STATE_UPDATE, [*state_values(state, units.id(state.unit), repeat_of),
                                        case_id])
            conn.executemany(CLOCK_INSERT, [clock_row(case_id, c) for c in state.clocks])
        units.write_new()


# Units -------------------------------------------------------------------------------


def add_unit(ledger: Ledger, name: str, level: str, parent: str | None = None,
             officer: str = "") -> dict[str, Any]:
    """Add a unit cases can be forwarded to: name, level (乡镇/县区/市/省), parent."""
    name = name.strip()
    level_code = parse_level(level)
    db = ledger.db
    with write(db):
        if db.execute("SELECT 1 FROM units WHERE name = ?", [name]).fetchone():
            raise UnitExists(name=name)
        parent_id = None
        if parent:
            parent_id = ledger.unit_ids()[ledger.require_unit(parent)]
        uid = new_uid()
        db.execute("INSERT INTO units(uid, name, level, parent_id) VALUES (?, ?, ?, ?)",
                   [uid, name, level_code, parent_id])
        _log_unit(ledger, uid, {}, {"name": name, "level": level_code, "parent_id": parent_id},
                  officer)
    return {"name": name, "level": level_code, "parent": parent}


def add_units(ledger: Ledger, names: Iterable[str]) -> list[str]:
    """Units a register names that are not in the list yet (their level is unknown)."""
    units = _Units(ledger)
    for name in names:
        units.id(name)
    added = [name for _, name in units.new]
    units.write_new()
    return sorted(added)


def rename_unit(ledger: Ledger, old: str, new: str, officer: str, *,
                merge: bool = False) -> int:
    """Rename a unit, or (`merge`) merge it into the unit `new`: the cases it holds or is
    responsible for follow, each with a `unit_renamed` event; a merged unit stays in the
    list, retired and marked as merged, for the history that names it. The change to the
    list is logged. Returns how many cases followed."""
    db = ledger.db
    with write(db):
        old = ledger.require_unit(old, in_service=False)
        new = new.strip()
        row = db.execute("SELECT id, uid, name, level, parent_id FROM units WHERE name = ?",
                         [old]).fetchone()
        target = db.execute("SELECT id FROM units WHERE name = ?", [new]).fetchone()
        if merge:
            new = ledger.require_unit(new)
            if new == old:
                raise UnitExists(name=new)
            assert target is not None
            db.execute("UPDATE units SET retired_on = ?, merged_into = ? WHERE id = ?",
                       [ledger.today.isoformat(), target[0], row[0]])
        else:
            if target is not None:
                raise UnitExists(name=new)
            db.execute("UPDATE units SET name = ? WHERE id = ?", [new, row[0]])
        _log_unit(ledger, row[1], {"name": old}, {"name": new, "merged": merge}, officer)
        cases = [case_id for (case_id,) in db.execute(
            "SELECT id FROM cases WHERE unit_id = ? OR (holder_kind = 'unit' AND holder = ?) "
            "ORDER BY id", [row[0], old])]
        for case_id in cases:
            append(ledger, case_id, "unit_renamed", ledger.today, officer,
                   {"from": old, "to": new, "merged": merge})
    return len(cases)


def set_unit(ledger: Ledger, name: str, officer: str, *, level: str | None = None,
             parent: str | None = None, retire: bool = False) -> None:
    """Set a unit's level or parent later, or retire it (no new work goes to it; its
    cases stay as they are). Logged."""
    db = ledger.db
    with write(db):
        name = ledger.require_unit(name, in_service=False)
        unit_id, uid, old_level, old_parent, retired = db.execute(
            "SELECT id, uid, level, parent_id, retired_on FROM units WHERE name = ?",
            [name]).fetchone()
        changes: dict[str, Any] = {}
        if level is not None:
            changes["level"] = parse_level(level)
        if parent is not None:
            parent_name = ledger.require_unit(parent)
            if parent_name == name:
                raise UnitExists(name=name)
            changes["parent_id"] = ledger.unit_ids()[parent_name]
        if retire and not retired:
            changes["retired_on"] = ledger.today.isoformat()
        if not changes:
            return
        db.execute(f"UPDATE units SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                   [*changes.values(), unit_id])
        _log_unit(ledger, uid, {"level": old_level, "parent_id": old_parent,
                                "retired_on": retired}, changes, officer)


def _log_unit(ledger: Ledger, uid: str, old: dict[str, Any], new: dict[str, Any],
              officer: str) -> None:
    ledger.db.execute(
        "INSERT INTO settings_log(key, old, new, officer, recorded_at) VALUES (?, ?, ?, ?, ?)",
        [f"unit:{uid}", json.dumps(old, ensure_ascii=False),
         json.dumps(new, ensure_ascii=False), officer, now()])


class _Units:
    """Unit names to ids; a name not in the list is added to it (level unknown)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.ids = ledger.unit_ids()
        self.next_id = (ledger.db.execute("SELECT max(id) FROM units").fetchone()[0] or 0) + 1
        self.new: list[tuple[int, str]] = []

    def id(self, name: str | None) -> int | None:
        if not name:
            return None
        known = self.ids.get(name)
        if known is None:
            known = self.ids[name] = self.next_id
            self.next_id += 1
            self.new.append((known, name))
        return known

    def write_new(self) -> None:
        self.ledger.db.conn.executemany("INSERT INTO units(id, uid, name) VALUES (?, ?, ?)",
                                        [(i, new_uid(), name) for i, name in self.new])
        self.new.clear()


# People ------------------------------------------------------------------------------


class _People:
    """Petitioners found in the ledger (same ID number; without one, same name and phone)
    or added to it, resolved in memory for the whole batch."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.db = ledger.db
        # id_number → [person id, uid, name, phone, address, id_number]
        self.by_id: dict[str, list[Any]] = {}
        self.by_name_phone: dict[tuple[str, str], list[Any]] = {}
        self.new: list[list[Any]] = []
        self.new_ids: set[int] = set()
        self.changed: dict[int, list[Any]] = {}
        self.next_id = (self.db.execute("SELECT max(id) FROM people").fetchone()[0] or 0) + 1
        self.lookup = PersonLookup()  # who this batch's petitioners may have been before

    def load(self, persons: Iterable[Person]) -> None:
        """Fetch the petitioners of this batch who are already in the ledger."""
        id_numbers, pairs = set(), set()
        for person in persons:
            self.lookup.add(Who.given(None, person.name, person.id_number, person.phone,
                                      person.address))
            if person.id_number:
                id_numbers.add(person.id_number)
            elif person.name and person.phone:
                pairs.add((person.name, person.phone))
        select = "SELECT id, uid, name, phone, address, id_number FROM people"
        if self.ledger.many(len(id_numbers) + len(pairs), "people"):
            # As many petitioners to look up as the ledger holds: read them all once.
            for row in self.db.execute(select):
                if row[5] is not None:
                    if row[5] in id_numbers:
                        self.by_id[row[5]] = list(row)
                elif (row[2], row[3]) in pairs:
                    self.by_name_phone.setdefault((row[2], row[3]), list(row))
            self._found()
            return
        for chunk in chunks(sorted(id_numbers), 500):
            for row in self.db.execute(f"{select} WHERE id_number IN ({marks(chunk)})", chunk):
                self.by_id[row[5]] = list(row)
        for pair_chunk in chunks(sorted(pairs), 400):
            values = ", ".join("(?, ?)" for _ in pair_chunk)
            params = [part for pair in pair_chunk for part in pair]
            for row in self.db.execute(
                f"{select} WHERE id_number IS NULL AND (name, phone) IN (VALUES {values})",
                params,
            ):
                self.by_name_phone.setdefault((row[2], row[3]), list(row))
        self._found()

    def _found(self) -> None:
        # The records found are these people's: all their cases may be repeated.
        self.lookup.records |= {row[0] for row in (*self.by_id.values(),
                                                   *self.by_name_phone.values())}

    def resolve(self, person: Person, *, rename: bool = False
                ) -> tuple[int, str, dict[str, list[str | None]], str | None]:
        """The petitioner's row id and uid; the changes made to what the ledger knows of
        them (field → [old, new]); and the name the ledger keeps for them when another
        was given (None when it is the same or was changed)."""
        found = None
        if person.id_number:
            found = self.by_id.get(person.id_number)
        elif person.name and person.phone:
            found = self.by_name_phone.get((person.name, person.phone))
        if found is None:
            found = [self.next_id, new_uid(), person.name, person.phone, person.address,
                     person.id_number]
            self.next_id += 1
            self.new.append(found)
            self.new_ids.add(found[0])
            if person.id_number:
                self.by_id[person.id_number] = found
            elif person.name and person.phone:
                self.by_name_phone[(person.name, person.phone)] = found
            return found[0], found[1], {}, None
        # A newer phone and address replace older ones; another name replaces the one
        # the ledger knows only on the officer's word. Either way the change is recorded
        # with the registration, and the earlier cases keep what was recorded for them.
        changes: dict[str, list[str | None]] = {}
        kept = None
        for slot, field_name, value in ((2, "name", person.name), (3, "phone", person.phone),
                                        (4, "address", person.address)):
            if value is None or value == found[slot]:
                continue
            if field_name == "name" and found[slot] is not None and not rename:
                kept = found[slot]
                continue
            changes[field_name] = [found[slot], value]
            found[slot] = value
        if changes and found[0] not in self.new_ids:
            self.changed[found[0]] = found
        return found[0], found[1], changes, kept

    def write_new(self) -> None:
        """Insert the people added since the last call. A new person's row holds their
        latest details (`found` is shared with self.new); once written, later changes to
        them are updates."""
        self.db.conn.executemany(
            "INSERT INTO people(id, uid, name, id_number, phone, address) VALUES "
            "(?, ?, ?, ?, ?, ?)",
            [(r[0], r[1], r[2], r[5], r[3], r[4]) for r in self.new],
        )
        self.new.clear()
        self.new_ids.clear()

    def write_changed(self) -> None:
        self.db.conn.executemany(
            "UPDATE people SET name = ?, phone = ?, address = ? WHERE id = ?",
            [(r[2], r[3], r[4], r[0]) for r in self.changed.values()],
        )


def _drop_indexes(ledger: Ledger) -> list[str]:
    """Drop the secondary indexes of the tables a batch writes to, inside the transaction
    (a failure brings them back with everything else); return the statements that make
    them again. Constraints declared with the tables stay, and a unique index is checked
    again over every row when it is made."""
    rows = ledger.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('people', 'cases', 'case_people', 'events', 'clocks', 'imported_rows') "
        "ORDER BY name"
    ).fetchall()
    for name, _ in rows:
        ledger.db.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


# Hardship help (帮扶救助) --------------------------------------------------------------


def add_assistance(ledger: Ledger, person_id: int, measure: str, note: str | None,
                   on: dt.date, officer: str) -> dict[str, Any]:
    """Record help given to a petitioner (append-only, like the events)."""
    if "\x00" in (note or "") or "\x00" in officer:
        raise NulInText()
    row = {"uid": new_uid(), "person_id": person_id, "measure": measure, "note": note,
           "given_on": on.isoformat(), "officer": officer, "recorded_at": now()}
    with write(ledger.db):
        ledger.db.execute(
            "INSERT INTO assistance(uid, person_id, measure, note, given_on, officer, "
            "recorded_at) VALUES (:uid, :person_id, :measure, :note, :given_on, :officer, "
            ":recorded_at)", row)
    return row
