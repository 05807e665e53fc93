"""The ledger as read: its settings (office, policy, calendar), case lookup, a case's
stored state and events, units, and the earlier cases a new petition is judged against.

Every act is an appended event; a case's state is derived from its events (through
`cases.lifecycle`) and kept in the cases and clocks tables for fast queries. Writing is
`store.writer`'s job alone (settings: `store.settings`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import sqlite_utils

from xinfang import dates
from xinfang.cases import corrections, lifecycle
from xinfang.cases.identity import Links, Who
from xinfang.cases.lifecycle import CaseState
from xinfang.cases.matching import Earlier, Petition, RepeatIndex, Scorer
from xinfang.cases.people import mask_details
from xinfang.cases.similarity import Rarity
from xinfang.db import open_ledger
from xinfang.deadlines.calendar import WorkCalendar, YearSchedule
from xinfang.deadlines.clocks import Clock
from xinfang.deadlines.policy import Policy
from xinfang.errors import (
    AmbiguousCase,
    CaseNotFound,
    OfficeNotSet,
    UnitRetired,
    UnknownCategory,
    UnknownUnit,
)
from xinfang.store import calendar_years
from xinfang.store.migrations import migrations
from xinfang.store.records import EventRecord
from xinfang.store.terms import GramCounts, stored_who
from xinfang.texts import join, ref

_SHORT_REF = re.compile(r"^(\d{4})-(\d{1,6})$")


def iso_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Ledger:
    """One office's petition ledger in one SQLite file, as read.

    `writable` ledgers (opened by commands that write) keep a copy of each year's
    official holiday schedule; a ledger opened to read never writes to the file."""

    def __init__(self, db: sqlite_utils.Database, *, today: dt.date | None = None,
                 writable: bool = False, path: Path | None = None) -> None:
        self.db = db
        self.today = today or dates.today()
        self.writable = writable
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool, writable: bool | None = None,
             today: dt.date | None = None) -> Ledger:
        """Open the ledger at `path`. With `create` a missing file is made, without it a
        missing file is an error; `writable` (by default as `create`) for the commands
        that write to it."""
        writable = create if writable is None else writable
        return cls(open_ledger(path, create=create, migrations=migrations, writes=writable),
                   today=today, writable=writable, path=Path(path))

    def close(self) -> None:
        self.db.close()

    # Settings ------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        rows = self.db.execute("SELECT key, value FROM settings").fetchall()
        return {key: json.loads(value) for key, value in rows}

    @cached_property
    def policy(self) -> Policy:
        return Policy.from_settings(self.settings())

    @cached_property
    def calendar(self) -> WorkCalendar:
        return calendar_years.work_calendar(self.db, lambda: self._holidays_version,
                                            keep=self.writable)

    def settings_changed(self) -> None:
        """Forget the policy and calendar read so far: they were just changed."""
        self.__dict__.pop("policy", None)
        self.__dict__.pop("calendar", None)

    @cached_property
    def _holidays_version(self) -> str:
        from xinfang.deadlines.calendar import holidays_version

        return holidays_version()

    def entered_year(self, year: int) -> YearSchedule | None:
        """The year's official schedule as the office entered it from the State Council's
        notice (`settings.enter_year`), if it did: it stands over `holidays`' version."""
        return calendar_years.entered_year(self.db, year)

    def year_source(self, year: int) -> dict[str, Any]:
        """Where the year's schedule comes from: `entered` (the office, from a notice:
        its source), `holidays` (the package's version, published) or `estimated` (not
        yet published: statutory holidays estimated, no make-up days)."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?",
                              [f"calendar.year.{year}"]).fetchone()
        if row is not None:
            value = json.loads(row[0])
            return {"year": year, "from": "entered", "source": value["source"]}
        published = self.calendar.is_published(year)
        return {"year": year, "from": "holidays" if published else "estimated",
                "source": f"holidays {self._holidays_version}"}

    def office(self) -> dict[str, str] | None:
        settings = self.settings()
        if "office.code" not in settings:
            return None
        return {"code": settings["office.code"], "name": settings.get("office.name", "")}

    def require_office(self) -> dict[str, str]:
        """The office, which every case number carries; refused until it is set."""
        office = self.office()
        if office is None:
            raise OfficeNotSet()
        return office

    # Cases ---------------------------------------------------------------------------

    def find_case(self, ref: str | int) -> int:
        """The row id of a case given its number (full, or `2026-00042` for short), its
        uid or (from the library) its row id."""
        if isinstance(ref, int):
            if self.db.execute("SELECT 1 FROM cases WHERE id = ?", [ref]).fetchone():
                return ref
            raise CaseNotFound(ref=str(ref))
        text = ref.strip().upper()
        row = self.db.execute(
            "SELECT id FROM cases WHERE number = ? OR uid = ?", [text, ref.strip().lower()]
        ).fetchone()
        if row:
            return int(row[0])
        short = _SHORT_REF.match(text)
        if short:
            year, seq = int(short.group(1)), int(short.group(2))
            rows = self.db.execute(
                "SELECT id, number FROM cases WHERE year = ? AND seq = ?", [year, seq]
            ).fetchall()
            if len(rows) == 1:
                return int(rows[0][0])
            if len(rows) > 1:
                raise AmbiguousCase(ref=ref, matches=join(number for _, number in rows))
        raise CaseNotFound(ref=ref)

    def case_number(self, case_id: int) -> str:
        return str(self.db.execute("SELECT number FROM cases WHERE id = ?",
                                   [case_id]).fetchone()[0])

    def confidential(self, case_id: int) -> bool:
        """Whether a case is confidential (检举控告: what it says is withheld in lists)."""
        row = self.db.execute("SELECT confidential FROM cases WHERE id = ?",
                              [case_id]).fetchone()
        return bool(row and row[0])

    def chain_root(self, case_id: int) -> tuple[int, str, str]:
        """The first case of the chain `case_id` belongs to (itself when it repeats
        nothing): its id and number, and the state of `case_id`."""
        row = self.db.execute(
            "SELECT coalesce(r.id, c.id), coalesce(r.number, c.number), c.status FROM cases c "
            "LEFT JOIN cases r ON r.id = c.repeat_of WHERE c.id = ?", [case_id]
        ).fetchone()
        return int(row[0]), str(row[1]), str(row[2])

    def stored_state(self, case_id: int) -> CaseState:
        row = self.db.execute(
            "SELECT c.status, c.holder, c.holder_kind, c.holder_since, u.name, c.accepted_on, "
            "c.closed_on, c.result, c.satisfaction, c.last_on, c.flags, r.number, c.received_on "
            "FROM cases c LEFT JOIN units u ON u.id = c.unit_id "
            "LEFT JOIN cases r ON r.id = c.repeat_of WHERE c.id = ?",
            [case_id],
        ).fetchone()
        if row is None:
            raise CaseNotFound(ref=str(case_id))
        clocks = [
            Clock(code, dt.date.fromisoformat(started), length, unit,
                  dt.date.fromisoformat(due), extra, iso_date(stopped), bool(late), bool(fixed),
                  owner)
            for code, started, length, unit, extra, due, stopped, late, fixed, owner
            in self.db.execute(
                "SELECT clock, started_on, length, unit, extra_days, due_on, stopped_on, late, "
                "fixed, owner FROM clocks WHERE case_id = ? ORDER BY id",
                [case_id],
            ).fetchall()
        ]
        return CaseState(
            status=row[0], holder=row[1], holder_kind=row[2], holder_since=iso_date(row[3]),
            unit=row[4], accepted_on=iso_date(row[5]), closed_on=iso_date(row[6]), result=row[7],
            satisfaction=row[8], last_on=iso_date(row[9]), clocks=clocks,
            flags=set(json.loads(row[10])), repeat_of=row[11], received_on=iso_date(row[12]),
        )

    def events(self, case_id: int, *, reveal: bool = True) -> list[EventRecord]:
        """The case's events in order; without `reveal` the ID numbers and phones in
        them (the petitioners as recorded) are masked."""
        rows = self.db.execute(
            "SELECT id, uid, kind, acted_on, recorded_at, officer, details FROM events "
            "WHERE case_id = ? ORDER BY id",
            [case_id],
        ).fetchall()
        return [
            {"id": id_, "uid": uid, "kind": kind, "on": on, "recorded_at": recorded,
             "officer": officer,
             "details": json.loads(details) if reveal else mask_details(json.loads(details))}
            for id_, uid, kind, on, recorded, officer, details in rows
        ]

    def replayed_state(self, case_id: int) -> CaseState:
        """The state its events alone give, under the current policy and calendar: without
        the acts withdrawn, the registration as corrected (`corrections.effective`)."""
        return lifecycle.replay(corrections.effective(self.events(case_id)), self.policy,
                                self.calendar)

    # Units ---------------------------------------------------------------------------

    def units(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT u.uid, u.name, u.level, p.name, u.retired_on, m.name FROM units u "
            "LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN units m ON m.id = u.merged_into "
            "ORDER BY u.retired_on IS NOT NULL, u.level, u.name"
        ).fetchall()
        return [{"uid": uid, "name": name, "level": level, "parent": parent,
                 "retired_on": retired, "merged_into": merged}
                for uid, name, level, parent, retired, merged in rows]

    def unit_ids(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT name, id FROM units").fetchall())

    def require_unit(self, name: str, *, in_service: bool = True) -> str:
        """The unit's name if it is in the list (and, `in_service`, not retired: new work
        goes only to units in service); otherwise refuse, naming the closest ones."""
        name = name.strip()
        row = self.db.execute(
            "SELECT u.retired_on, m.name FROM units u LEFT JOIN units m ON m.id = u.merged_into "
            "WHERE u.name = ?", [name]).fetchone()
        if row is not None:
            if in_service and row[0] is not None:
                raise UnitRetired(name=name, since=row[0],
                                  into=ref("unit.merged_into", name=row[1]) if row[1] else "")
            return name
        close = self.closest_units(name)
        raise UnknownUnit(name=name, suggest=ref("unit.did_you_mean", names=join(close))
                          if close else "")

    def categories(self) -> list[str]:
        """The categories cases are filed under: the national list, then the office's own."""
        from xinfang.vocab import CATEGORIES

        return [*CATEGORIES, *self.settings().get("categories.extra", [])]

    def require_category(self, name: str | None) -> str | None:
        """The category if it is one of `categories` (short forms read as the national
        names: 劳动社保 → 劳动和社会保障); otherwise refuse, naming the closest ones."""
        from xinfang.vocab import CATEGORY_SPELLINGS, normalize_category

        if name is None or not name.strip():
            return None
        category = normalize_category(name)
        known = self.categories()
        if category in known:
            return category
        from rapidfuzz import fuzz, process  # (only to name the closest: imported then)

        spellings = {**{c: c for c in known}, **CATEGORY_SPELLINGS}
        close = list(dict.fromkeys(
            spellings[match] for match, score, _ in
            process.extract(category, list(spellings), scorer=fuzz.partial_ratio, limit=6)
            if score >= 50))[:3]
        raise UnknownCategory(name=category, suggest=ref("unit.did_you_mean", names=join(close))
                              if close else "")

    def same_unit(self, name: str) -> str | None:
        """The unit in service a name not in the list stands for, when there is exactly
        one that contains it or that it contains (人社局 → 县人社局); else None."""
        names = [row[0] for row in self.db.execute(
            "SELECT name FROM units WHERE retired_on IS NULL")]
        if name in names:
            return name
        within = [n for n in names if len(name) >= 2 and (name in n or n in name)]
        return within[0] if len(within) == 1 else None

    def closest_units(self, name: str, *, in_service: bool = False) -> list[str]:
        """Units of the list whose names are close to `name`, closest first: those that
        contain it or are contained in it (人社局 and 县人社局), then those spelled alike."""
        from rapidfuzz import fuzz, process

        names = [row[0] for row in self.db.execute(
            "SELECT name FROM units" + (" WHERE retired_on IS NULL" if in_service else ""))]
        within = sorted((n for n in names if name and (name in n or n in name)),
                        key=lambda n: abs(len(n) - len(name)))
        alike = [match for match, score, _ in
                 process.extract(name, names, scorer=fuzz.ratio, limit=3) if score >= 40]
        return list(dict.fromkeys(within + alike))[:3]

    # The earlier cases new petitions are judged against -------------------------------

    def repeat_scorer(self, counts: GramCounts | None = None) -> Scorer:
        """The repeat rule as this ledger applies it: the rarity of terms in it, the
        policy's threshold and the officer's word on person records."""
        counts = counts or GramCounts(self.db)
        rarity = Rarity(counts, self.case_count())
        return Scorer(rarity, self.policy.number("repeat_similarity"), self.person_links())

    def case_count(self) -> int:
        """How many cases the ledger holds (cases are never deleted: the last row id)."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM cases").fetchone()[0])

    def person_links(self) -> Links:
        """The officer's word on which person records are one person, in the order given."""
        links = Links()
        for person_id, other_id, same in self.db.execute(
                "SELECT person_id, other_id, same FROM person_links ORDER BY id"):
            links.add(person_id, other_id, bool(same))
        return links

    def repeat_index(self, lookup: PersonLookup, scorer: Scorer) -> RepeatIndex:
        """Cases already in the ledger that the people of `lookup` may have brought, under
        their petitioners' keys; and the whole chains they belong to, by first case.

        Their person records are found by record, ID number or name; of a namesake's
        cases only those that share a key with a petitioner of `lookup` (the same name
        and phone, or name and address) are read: the others could never be taken for
        the same person (`identity.same_person`)."""
        records = set(lookup.records)
        for record in list(records):
            records |= scorer.links.records(record)
        if self.many(len(lookup.id_numbers) + len(lookup.names), "people"):
            # As many petitioners to look up as the ledger holds: read them all once.
            records |= {person_id for person_id, id_number in self.db.execute(
                "SELECT id, id_number FROM people") if id_number in lookup.id_numbers}
        else:
            for chunk in chunks(sorted(lookup.id_numbers), 500):
                records.update(row[0] for row in self.db.execute(
                    f"SELECT id FROM people WHERE id_number IN ({marks(chunk)})", chunk))
        # Every case of those records; of a namesake's, those that share a key with a
        # petitioner looked up (the same name and phone, or name and address).
        case_ids: set[int] = set()
        rows = "SELECT case_id, person_id, name_key, phone, address_key FROM case_people"
        if self.many(len(records) + len(lookup.names), "people"):
            found: Any = self.db.execute(rows)
        else:
            found = [row for chunk in chunks(sorted(records), 500) for row in self.db.execute(
                f"{rows} WHERE person_id IN ({marks(chunk)})", chunk)]
            # (A few petitioners: their phones and addresses narrow the namesakes read.)
            where = ""
            narrow: list[str] = []
            if len(lookup.phones) + len(lookup.addresses) <= 100:
                narrow = [*sorted(lookup.phones), *sorted(lookup.addresses)]
                where = (f" AND (phone IN ({marks(sorted(lookup.phones))}) "
                         f"OR address_key IN ({marks(sorted(lookup.addresses))}))")
            found += [row for chunk in chunks(sorted(lookup.names), 500)
                      for row in self.db.execute(
                          f"{rows} WHERE name_key IN ({marks(chunk)}){where}", chunk + narrow)]
        keys = lookup.keys
        for case_id, person_id, name, phone, address in found:
            if person_id in records or (name and (f"np:{name}|{phone}" in keys
                                                  or f"na:{name}|{address}" in keys)):
                case_ids.add(case_id)
        # A voided case (registered by mistake) is none of the earlier cases.
        cases = {case_id: case for case_id, case in self._earlier(case_ids).items()
                 if case.status != "void"}
        by_key: dict[str, list[Earlier]] = {}
        for case in sorted(cases.values(), key=lambda c: (c.petition.received_on, c.id)):
            for key in case.petition.keys():
                by_key.setdefault(key, []).append(case)
        return RepeatIndex(by_key, self._chains(cases), scorer)

    def _earlier(self, case_ids: set[int]) -> dict[int, Earlier]:
        """The cases `case_ids` as the repeat rule reads them, their petitioners as
        recorded for each."""
        people: dict[int, list[Who]] = {}
        rows: list[Any] = []
        select = ("SELECT c.id, c.number, c.received_on, c.category, c.content, c.status, "
                  "c.repeat_of FROM cases c WHERE ")
        who = ("SELECT case_id, person_id, name_key, id_number, phone, address_key "
               "FROM case_people WHERE ")
        for chunk in chunks(sorted(case_ids), 500):
            rows += self.db.execute(select + f"c.id IN ({marks(chunk)})", chunk).fetchall()
            for case_id, *given in self.db.execute(
                    who + f"case_id IN ({marks(chunk)}) ORDER BY case_id, position", chunk):
                people.setdefault(case_id, []).append(stored_who(*given))
        return {
            case_id: Earlier(case_id, number, Petition(
                case_id, dt.date.fromisoformat(received), tuple(people.get(case_id, ())),
                category, content), root, status=status)
            for case_id, number, received, category, content, status, root in rows
        }

    def _chains(self, cases: dict[int, Earlier]) -> dict[int, list[Earlier]]:
        """The chains `cases` belong to (each case alone counts as the first of its own),
        every member read from the ledger, by first case (a chain may hold cases of other
        petitioners: a joint petition links them)."""
        roots = {case.root if case.root is not None else case.id for case in cases.values()}
        select = ("SELECT id, number, received_on, category, content, status, repeat_of "
                  "FROM cases WHERE ")
        rows: list[Any] = []
        if self.many(len(roots), "cases"):
            rows = [row for row in self.db.execute(select + "1")
                    if row[0] in roots or row[6] in roots]
        else:
            for chunk in chunks(sorted(roots), 400):
                rows += self.db.execute(
                    select + f"id IN ({marks(chunk)}) OR repeat_of IN ({marks(chunk)})",
                    chunk + chunk).fetchall()
        chains: dict[int, list[Earlier]] = {}
        for case_id, number, received, category, content, status, root in rows:
            if status == "void" and case_id not in roots:
                continue  # (a repeat registered by mistake is no visit of the chain)
            case = cases.get(case_id) or Earlier(
                case_id, number, Petition(case_id, dt.date.fromisoformat(received),
                                          (), category, content),
                root, status=status)
            chain = chains.setdefault(case_id if case_id in roots else root, [])
            if case not in chain:
                chain.append(case)
        return chains

    def many(self, lookups: int, table: str) -> bool:
        """Whether `lookups` keys are better found by reading all of `table` once than by
        looking each up in its index (at least as many keys as rows)."""
        if lookups <= 16:
            return False  # a case or a few: counting the table costs more than looking up
        return bool(lookups >= self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def chunks(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def marks(items: Sequence[Any]) -> str:
    """`?, ?, ?` for an IN list of `items`."""
    return ", ".join("?" for _ in items)


@dataclass
class PersonLookup:
    """Who a run of petitions may have come before as: the person records it resolved
    to, the ID numbers, the names (as compared: `identity.normalize_name`) and the keys
    earlier cases of theirs are found under (`identity.Who.keys`)."""

    records: set[int] = field(default_factory=set)
    id_numbers: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    addresses: set[str] = field(default_factory=set)

    def add(self, who: Who) -> None:
        if who.id_number:
            self.id_numbers.add(who.id_number)
        if who.name:
            self.names.add(who.name)
        self.keys |= who.keys()
        if who.phone:
            self.phones.add(who.phone)
        if who.address:
            self.addresses.add(who.address)
