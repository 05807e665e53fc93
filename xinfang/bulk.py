"""Writing many cases at once (an imported register): the same events, states and repeat
links as registering them one by one through `Ledger.register` and `Ledger.act`, in a
fraction of the time — rows are built in memory and written with executemany.

Cases are taken in order of receipt, and each repeat is judged against the earlier cases
as they stood on its day, exactly as the one-by-one path does when it plays a register's
rows day by day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xinfang import lifecycle, rules
from xinfang.errors import (
    DateBeforePrevious,
    FutureDate,
    NotAllowed,
    OfficeNotSet,
    XinfangError,
)
from xinfang.intake import Intake, Person
from xinfang.ledger import (
    CLOCK_INSERT,
    Ledger,
    clock_row,
    encode_details,
    new_uid,
    registered_details,
    state_values,
)
from xinfang.lifecycle import CaseState
from xinfang.vocab import EVENT_KINDS, STATUSES, label


class CaseFailed(Exception):
    """A case of the run was refused: which one (its index in the run) and why."""

    def __init__(self, index: int, error: Exception) -> None:
        super().__init__(str(error))
        self.index, self.error = index, error


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


@dataclass(slots=True)
class _Earlier:
    """A case a new one may repeat: enough to judge the matter and report its state."""

    id: int
    number: str
    petition: rules.Petition
    root: int | None  # the first case of its chain, if it is a repeat
    status: str | None = None  # for a case in the ledger before this run
    timeline: list[tuple[dt.date, str]] | None = None  # for a case of this run


def _status_on(case: _Earlier, day: dt.date) -> str:
    """The state of an earlier case when a case received on `day` is registered: acts
    dated before that day have happened; acts of the same day come after registrations."""
    if case.timeline is None:
        return case.status or "registered"
    status = "registered"
    for on, after in case.timeline:
        if on < day:
            status = after
    return status


def register_many(
    ledger: Ledger,
    cases: Sequence[NewCase],
    officer: str,
    progress: Callable[[int, int], None] | None = None,
    petitioners: Iterable[Person] | None = None,
) -> list[int]:
    """Write `cases` (already in order of receipt) inside the caller's transaction and
    return their row ids in the same order. Each act is checked against the lifecycle
    table as `Ledger.act` does; a refusal raises and the caller rolls back.

    `cases` may make each case as it is read (a large register is then not held twice);
    a caller that does so gives the people the cases name as `petitioners`, so that each
    case is made only once, when it is written."""
    office = ledger.office()
    if office is None:
        raise OfficeNotSet()
    db = ledger.db
    policy, calendar, today = ledger.policy, ledger.calendar, ledger.today
    threshold = policy.number("repeat_similarity")
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")

    people = _People(ledger)
    people.load(petitioners if petitioners is not None else
                (person for new in cases for person in new.intake.people))
    earlier_by_key, chains = _existing_cases(ledger, people.keys_of_run)
    # Every case of a chain by its first case's id, the first included; the run's cases
    # are added as they are made.
    known = {case.id: case for members in chains.values() for case in members}
    units = dict(db.execute("SELECT name, id FROM units").fetchall())
    prefix = f"XF-{office['code']}-"
    last_seq = dict(db.execute(
        "SELECT year, max(seq) FROM cases WHERE number LIKE ? GROUP BY year", [prefix + "%"]
    ).fetchall())
    next_id = (db.execute("SELECT max(id) FROM cases").fetchone()[0] or 0) + 1

    # The full-text index is filled in one statement after the cases, not row by row
    # through its trigger: an order of magnitude faster. The trigger is dropped and made
    # again inside the caller's transaction, so a failure restores it with everything else.
    trigger = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'cases_fts_insert'"
    ).fetchone()
    if trigger:
        db.execute("DROP TRIGGER cases_fts_insert")
    # A run at least as large as the ledger is faster written without the secondary
    # indexes and with them built again at the end (sorted once, not grown row by row).
    # The lookups above were made with them.
    indexes = _drop_indexes(ledger) if len(cases) >= next_id - 1 else []
    first_id = next_id

    case_rows: list[tuple] = []
    people_rows: list[tuple] = []
    event_rows: list[tuple] = []
    clock_rows: list[tuple] = []
    imported_rows: list[tuple] = []

    def flush() -> None:
        # Rows go to SQLite every FLUSH_EVERY cases, so a big register is never held in
        # memory twice (as rows read and as rows to write).
        people.write_new()
        db.conn.executemany(_CASE_INSERT, case_rows)
        db.conn.executemany(
            "INSERT INTO case_people(case_id, person_id, lead, position) VALUES (?, ?, ?, ?)",
            people_rows)
        db.conn.executemany(
            "INSERT INTO events(uid, case_id, kind, acted_on, recorded_at, officer, details) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", event_rows)
        db.conn.executemany(CLOCK_INSERT, clock_rows)
        # In the order of the table's key, the fingerprint.
        db.conn.executemany("INSERT INTO imported_rows(fingerprint, case_id) VALUES (?, ?)",
                            sorted(imported_rows))
        for rows in (case_rows, people_rows, event_rows, clock_rows, imported_rows):
            rows.clear()

    ids = []
    for index, new in enumerate(cases):
        try:
            intake = new.intake
            if intake.received_on > today:
                raise FutureDate(what="收到日期", what_en="received date",
                                 date=intake.received_on, today=today)
            case_id = next_id
            next_id += 1
            year = intake.received_on.year
            last_seq[year] = last_seq.get(year, 0) + 1
            number = f"{prefix}{year}-{last_seq[year]:05d}"

            keys: set[str] = set()
            person_uids = []
            for position, person in enumerate(intake.people):
                person_id, person_uid = people.resolve(person)
                person_uids.append(person_uid)
                people_rows.append((case_id, person_id, int(position == 0), position))
                keys |= rules.person_keys(person.name, person.id_number, person.phone)

            # The repeat rule, as Ledger.earlier_cases applies it at registration.
            seen: dict[int, _Earlier] = {}
            for key in keys:
                for case in earlier_by_key.get(key, ()):
                    if case.petition.received_on <= intake.received_on:
                        seen[case.id] = case
            petition = rules.Petition(case_id, intake.received_on, frozenset(keys),
                                      intake.category, intake.content)
            matched = {case_id_: rules.Petition(case_id_, c.petition.received_on, frozenset(keys),
                                                c.petition.category, c.petition.content)
                       for case_id_, c in seen.items()}
            roots = {c.id: c.root for c in seen.values() if c.root is not None}
            root = rules.repeat_of(petition, matched.values(), roots, threshold)
            repeat: dict[str, Any] = {}
            if root is not None:
                # The whole chain, also its cases brought by other petitioners.
                chain = chains.setdefault(root, [known[root]])
                statuses = [_status_on(c, intake.received_on) for c in chain
                            if c.id == root or c.petition.received_on <= intake.received_on]
                repeat = {"decision": "auto", "repeat_of": known[root].number,
                          "flags": rules.repeat_flags(statuses)}

            details = registered_details(intake, person_uids, repeat, new.source)
            state = CaseState()
            lifecycle.advance(state, "registered", intake.received_on, details, policy, calendar)
            event_rows.append(_event(case_id, "registered", intake.received_on,
                                     new.officer or officer, details, now))
            timeline = []
            for on, kind, step_details in new.steps:
                if not lifecycle.allowed(state.status, kind):
                    raise NotAllowed(
                        number=number, state=label(STATUSES, state.status),
                        state_en=label(STATUSES, state.status, "en"),
                        action=label(EVENT_KINDS, kind), action_en=label(EVENT_KINDS, kind, "en"),
                        allowed="", allowed_en="")
                if on > today:
                    raise FutureDate(what="办理日期", what_en="date of the act", date=on, today=today)
                if state.last_on and on < state.last_on:
                    raise DateBeforePrevious(date=on, previous=state.last_on)
                # Only the last state is kept: each act changes it in place.
                late = lifecycle.advance(state, kind, on, step_details, policy, calendar)
                if late:
                    step_details = {**step_details, "late": late}
                event_rows.append(_event(case_id, kind, on, new.officer or officer, step_details,
                                         now))
                timeline.append((on, state.status))

            case_rows.append(_case_row(case_id, number, year, last_seq[year], intake, state,
                                       units, root))
            for clock in state.clocks:
                clock_rows.append(clock_row(case_id, clock))
            if new.imported is not None:
                imported_rows.append((new.imported, case_id))
            this = known[case_id] = _Earlier(case_id, number, petition, root, timeline=timeline)
            for key in keys:
                earlier_by_key.setdefault(key, []).append(this)
            if root is not None:
                chains[root].append(this)
            ids.append(case_id)
            if len(case_rows) >= FLUSH_EVERY:
                flush()
            if progress is not None and (index + 1) % 1000 == 0:
                progress(index + 1, len(cases))
        except XinfangError as error:
            raise CaseFailed(index, error) from error
    flush()
    people.write_changed()
    if ids:
        db.execute("INSERT INTO cases_fts(rowid, content, request) "
                   "SELECT id, content, request FROM cases WHERE id >= ?", [first_id])
    for sql in indexes:
        db.execute(sql)
    if trigger:
        db.execute(trigger[0])
    if progress is not None:
        progress(len(cases), len(cases))
    return ids


FLUSH_EVERY = 20_000
_CASE_INSERT = (
    "INSERT INTO cases(id, uid, number, year, seq, received_on, channel, headcount, "
    "locality, category, content, request, anonymous, confidential, status, unit_id, "
    "holder, holder_kind, holder_since, accepted_on, closed_on, result, satisfaction, "
    "repeat_of, flags, next_due_on, last_on) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _event(case_id: int, kind: str, on: dt.date, officer: str, details: dict[str, Any],
           now: str) -> tuple:
    return (new_uid(), case_id, kind, on.isoformat(), now, officer, encode_details(details))


def _case_row(case_id: int, number: str, year: int, seq: int, intake: Intake,
              state: CaseState, units: dict[str, int], root_id: int | None) -> tuple:
    return (
        case_id, new_uid(), number, year, seq, intake.received_on.isoformat(), intake.channel,
        intake.headcount, intake.locality, intake.category, intake.content, intake.request,
        int(intake.anonymous), int(intake.confidential),
        *state_values(state, units.get(state.unit) if state.unit else None, root_id),
    )


class _People:
    """Petitioners as `Ledger._person` finds or adds them (same ID number; without one,
    same name and phone), resolved in memory for the whole run."""

    def __init__(self, ledger: Ledger) -> None:
        self.db = ledger.db
        # id_number → [person id, uid, name, phone, address, id_number]
        self.by_id: dict[str, list] = {}
        self.by_name_phone: dict[tuple[str, str], list] = {}
        self.new: list[list] = []
        self.new_ids: set[int] = set()
        self.changed: dict[int, list] = {}
        self.next_id = (self.db.execute("SELECT max(id) FROM people").fetchone()[0] or 0) + 1
        self.keys_of_run: set[str] = set()

    def load(self, persons: Iterable[Person]) -> None:
        """Fetch the petitioners of this run who are already in the ledger."""
        id_numbers, pairs = set(), set()
        for person in persons:
            self.keys_of_run |= rules.person_keys(person.name, person.id_number, person.phone)
            if person.id_number:
                id_numbers.add(person.id_number)
            elif person.name and person.phone:
                pairs.add((person.name, person.phone))
        select = "SELECT id, uid, name, phone, address, id_number FROM people"
        if _many(len(id_numbers) + len(pairs), self.db, "people"):
            # As many petitioners to look up as the ledger holds: read them all once.
            for row in self.db.execute(select):
                if row[5] is not None:
                    if row[5] in id_numbers:
                        self.by_id[row[5]] = list(row)
                elif (row[2], row[3]) in pairs:
                    self.by_name_phone.setdefault((row[2], row[3]), list(row))
            return
        for chunk in _chunks(sorted(id_numbers), 500):
            for row in self.db.execute(
                f"{select} WHERE id_number IN ({', '.join('?' for _ in chunk)})", chunk,
            ):
                self.by_id[row[5]] = list(row)
        for chunk in _chunks(sorted(pairs), 400):
            values = ", ".join("(?, ?)" for _ in chunk)
            params = [part for pair in chunk for part in pair]
            for row in self.db.execute(
                f"{select} WHERE id_number IS NULL AND (name, phone) IN (VALUES {values})",
                params,
            ):
                self.by_name_phone.setdefault((row[2], row[3]), list(row))

    def resolve(self, person: Person) -> tuple[int, str]:
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
            return found[0], found[1]
        # Newer phone and address replace older ones, as in Ledger._person.
        for slot, value in ((2, person.name), (3, person.phone), (4, person.address)):
            if value is not None:
                found[slot] = value
        if found[0] not in self.new_ids:
            self.changed[found[0]] = found
        return found[0], found[1]

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
    """Drop the secondary indexes of the tables a run writes to, inside the caller's
    transaction (a failure brings them back with everything else); return the
    statements that make them again. Constraints declared with the tables stay, and a
    unique index is checked again over every row when it is made."""
    rows = ledger.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('people', 'cases', 'case_people', 'events', 'clocks', 'imported_rows') "
        "ORDER BY name"
    ).fetchall()
    for name, _ in rows:
        ledger.db.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def _existing_cases(ledger: Ledger, keys: set[str]
                    ) -> tuple[dict[str, list[_Earlier]], dict[int, list[_Earlier]]]:
    """Cases already in the ledger whose petitioners this run names, by person key; and
    the whole chains they belong to, by first case (a chain may hold cases of other
    petitioners: a joint petition links them)."""
    out: dict[str, list[_Earlier]] = {}
    id_numbers = {k[3:] for k in keys if k.startswith("id:")}
    pairs = {tuple(k[3:].split("|", 1)) for k in keys if k.startswith("np:")}
    select = (
        "SELECT c.id, c.number, c.received_on, c.category, c.content, c.status, c.repeat_of, "
        "p.name, p.id_number, p.phone FROM people p JOIN case_people cp ON cp.person_id = p.id "
        "JOIN cases c ON c.id = cp.case_id WHERE "
    )
    if _many(len(id_numbers) + len(pairs), ledger.db, "people"):
        # As many petitioners to look up as the ledger holds: read them all once.
        rows = [row for row in ledger.db.execute(select + "1")
                if row[8] in id_numbers or (row[7], row[9]) in pairs]
    else:
        rows = []
        for chunk in _chunks(sorted(id_numbers), 500):
            rows += ledger.db.execute(
                select + f"p.id_number IN ({', '.join('?' for _ in chunk)})", chunk).fetchall()
        for chunk in _chunks(sorted(pairs), 400):
            values = ", ".join("(?, ?)" for _ in chunk)
            rows += ledger.db.execute(
                select + f"(p.name, p.phone) IN (VALUES {values})",
                [part for pair in chunk for part in pair]).fetchall()
    cases: dict[int, _Earlier] = {}
    for case_id, number, received, category, content, status, root, name, id_number, phone \
            in rows:
        case = cases.get(case_id)
        if case is None:
            petition = rules.Petition(case_id, dt.date.fromisoformat(received), frozenset(),
                                      category, content)
            case = cases[case_id] = _Earlier(case_id, number, petition, root, status=status)
        for key in rules.person_keys(name, id_number, phone) & keys:
            bucket = out.setdefault(key, [])
            if case not in bucket:
                bucket.append(case)
    for bucket in out.values():
        bucket.sort(key=lambda c: (c.petition.received_on, c.id))
    return out, _chains(ledger, cases)


def _chains(ledger: Ledger, cases: dict[int, _Earlier]) -> dict[int, list[_Earlier]]:
    """The chains `cases` belong to (each case alone counts as the first of its own),
    every member read from the ledger, by first case."""
    roots = {case.root if case.root is not None else case.id for case in cases.values()}
    select = ("SELECT id, number, received_on, category, content, status, repeat_of "
              "FROM cases WHERE ")
    if _many(len(roots), ledger.db, "cases"):
        rows = [row for row in ledger.db.execute(select + "1")
                if row[0] in roots or row[6] in roots]
    else:
        rows = []
        for chunk in _chunks(sorted(roots), 400):
            marks = ", ".join("?" for _ in chunk)
            rows += ledger.db.execute(
                select + f"id IN ({marks}) OR repeat_of IN ({marks})", chunk + chunk).fetchall()
    chains: dict[int, list[_Earlier]] = {}
    for case_id, number, received, category, content, status, root in rows:
        case = cases.get(case_id) or _Earlier(
            case_id, number, rules.Petition(case_id, dt.date.fromisoformat(received),
                                            frozenset(), category, content),
            root, status=status)
        chain = chains.setdefault(case_id if case_id in roots else root, [])
        if case not in chain:
            chain.append(case)
    return chains


def _many(lookups: int, db, table: str) -> bool:
    """Whether `lookups` keys are better found by reading all of `table` once than by
    looking each up in its index (at least as many keys as rows)."""
    return lookups >= db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _chunks(items: Sequence, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]
