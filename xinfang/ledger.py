"""The ledger: every act is an appended event; a case's state is derived from its events
(through `lifecycle.apply`) and kept in the cases and clocks tables for fast queries."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import time
from functools import cached_property
from typing import Any

import sqlite_utils

from xinfang import dates, lifecycle, rules
from xinfang.calendar import Override, WorkCalendar, YearSchedule, official_year
from xinfang.db import open_ledger, write
from xinfang.errors import (
    AmbiguousCase,
    BadOfficeCode,
    CaseNotFound,
    DateBeforePrevious,
    FutureDate,
    NotAllowed,
    OfficeAlreadySet,
    OfficeNotSet,
    OverrideNotFound,
    UnitExists,
    UnknownUnit,
)
from xinfang.intake import Intake, Person
from xinfang.lifecycle import CaseState, Clock
from xinfang.policy import Policy, changed, preset
from xinfang.vocab import COMMANDS, EVENT_KINDS, STATUSES, label, parse_level

_OFFICE_CODE = re.compile(r"^[A-Z0-9]{2,12}$")
_SHORT_REF = re.compile(r"^(\d{4})-(\d{1,6})$")


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


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Ledger:
    """One office's petition ledger in one SQLite file."""

    def __init__(self, db: sqlite_utils.Database, *, today: dt.date | None = None) -> None:
        self.db = db
        self.today = today or dates.today()

    @classmethod
    def open(cls, path, *, create: bool, today: dt.date | None = None) -> Ledger:
        return cls(open_ledger(path, create=create), today=today)

    def close(self) -> None:
        self.db.close()

    # Settings, policy and calendar -------------------------------------------------

    def settings(self) -> dict[str, Any]:
        rows = self.db.execute("SELECT key, value FROM settings").fetchall()
        return {key: json.loads(value) for key, value in rows}

    def _set_setting(self, key: str, value: Any, officer: str) -> None:
        old = self.settings().get(key)
        self.db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value, ensure_ascii=False)],
        )
        self.db.execute(
            "INSERT INTO settings_log(key, old, new, officer, recorded_at) VALUES (?, ?, ?, ?, ?)",
            [key, json.dumps(old, ensure_ascii=False), json.dumps(value, ensure_ascii=False),
             officer, _now()],
        )

    @cached_property
    def policy(self) -> Policy:
        return Policy.from_settings(self.settings())

    @cached_property
    def calendar(self) -> WorkCalendar:
        rows = self.db.execute("SELECT day, working, reason FROM calendar_overrides").fetchall()
        overrides = {
            dt.date.fromisoformat(day): Override(dt.date.fromisoformat(day), bool(working), reason)
            for day, working, reason in rows
        }
        return WorkCalendar(overrides, self._year_schedule)

    @cached_property
    def _holidays_version(self) -> str:
        from xinfang.calendar import holidays_version

        return holidays_version()

    def _year_schedule(self, year: int) -> YearSchedule:
        """The year's official schedule from the ledger's copy, made anew from `holidays`
        when that package has changed."""
        row = self.db.execute(
            "SELECT source, published, rest, makeup FROM calendar_years WHERE year = ?", [year]
        ).fetchone()
        if row is not None and row[0] == self._holidays_version:
            return YearSchedule(year, bool(row[1]),
                                frozenset(map(dt.date.fromisoformat, json.loads(row[2]))),
                                frozenset(map(dt.date.fromisoformat, json.loads(row[3]))))
        schedule = official_year(year)
        try:
            with write(self.db):
                self.db.execute(
                    "INSERT OR REPLACE INTO calendar_years(year, source, published, rest, makeup) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [year, self._holidays_version, int(schedule.published),
                     json.dumps(sorted(d.isoformat() for d in schedule.rest)),
                     json.dumps(sorted(d.isoformat() for d in schedule.makeup))],
                )
        except sqlite3.OperationalError:
            pass  # busy or read-only: the copy is only a shortcut, the schedule is right
        return schedule

    def office(self) -> dict[str, str] | None:
        settings = self.settings()
        if "office.code" not in settings:
            return None
        return {"code": settings["office.code"], "name": settings.get("office.name", "")}

    def set_office(self, code: str, name: str, officer: str) -> dict[str, str]:
        """Set the office's code, once: every case number carries it."""
        code = code.strip().upper()
        if not _OFFICE_CODE.match(code):
            raise BadOfficeCode(code=code)
        current = self.office()
        with write(self.db):
            if current is not None and current["code"] != code:
                raise OfficeAlreadySet(code=current["code"])
            self._set_setting("office.code", code, officer)
            self._set_setting("office.name", name.strip(), officer)
        return {"code": code, "name": name.strip()}

    def set_policy(self, key: str, value: str, unit: str | None, officer: str) -> Policy:
        """Change one policy item; the due dates of running clocks follow."""
        new = changed(self.policy, key, value, unit)
        return self._replace_policy(new, officer)

    def apply_preset(self, name: str, officer: str) -> Policy:
        return self._replace_policy(preset(name), officer)

    def _replace_policy(self, new: Policy, officer: str) -> Policy:
        with write(self.db):
            old = self.policy.to_settings()
            for key, value in new.to_settings().items():
                if old.get(key) != value:
                    self._set_setting(key, value, officer)
            self.policy = new
            self.refresh_running_clocks()
        return new

    def add_override(self, day: dt.date, working: bool, reason: str, officer: str) -> None:
        with write(self.db):
            self.db.execute(
                "INSERT INTO calendar_overrides(day, working, reason, officer, recorded_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(day) DO UPDATE SET working = excluded.working, "
                "reason = excluded.reason, officer = excluded.officer, "
                "recorded_at = excluded.recorded_at",
                [day.isoformat(), int(working), reason, officer, _now()],
            )
            self.__dict__.pop("calendar", None)
            self.refresh_running_clocks()

    def remove_override(self, day: dt.date, officer: str) -> None:
        with write(self.db):
            cursor = self.db.execute(
                "DELETE FROM calendar_overrides WHERE day = ?", [day.isoformat()]
            )
            if cursor.rowcount == 0:
                raise OverrideNotFound(date=day, year=day.year)
            self.__dict__.pop("calendar", None)
            self.refresh_running_clocks()

    def refresh_running_clocks(self) -> int:
        """Recompute every running clock's due date under the current policy and calendar.
        Stopped clocks keep the due date they had: what was due when stays explainable."""
        rows = self.db.execute(
            "SELECT id, case_id, clock, started_on, length, unit, extra_days, due_on, fixed "
            "FROM clocks WHERE stopped_on IS NULL AND fixed = 0"
        ).fetchall()
        touched: set[int] = set()
        for clock_id, case_id, code, started, length, unit, extra, due, fixed in rows:
            clock = Clock(code, dt.date.fromisoformat(started), length, unit,
                          dt.date.fromisoformat(due), extra, fixed=bool(fixed))
            lifecycle.refresh_due(clock, self.policy, self.calendar)
            if (clock.due_on.isoformat(), clock.length, clock.unit) != (due, length, unit):
                self.db.execute(
                    "UPDATE clocks SET due_on = ?, length = ?, unit = ? WHERE id = ?",
                    [clock.due_on.isoformat(), clock.length, clock.unit, clock_id],
                )
                touched.add(case_id)
        for case_id in touched:
            self.db.execute(
                "UPDATE cases SET next_due_on = (SELECT min(due_on) FROM clocks WHERE "
                f"case_id = ? AND stopped_on IS NULL AND clock IN ({_DUTY_SQL})) WHERE id = ?",
                [case_id, case_id],
            )
        return len(touched)

    # Cases ---------------------------------------------------------------------------

    def find_case(self, ref: str) -> int:
        """The row id of a case given its number (full, or `2026-00042` for short) or uid."""
        text = ref.strip().upper()
        row = self.db.execute(
            "SELECT id FROM cases WHERE number = ? OR uid = ?", [text, ref.strip().lower()]
        ).fetchone()
        if row:
            return row[0]
        short = _SHORT_REF.match(text)
        if short:
            year, seq = int(short.group(1)), int(short.group(2))
            rows = self.db.execute(
                "SELECT id, number FROM cases WHERE year = ? AND seq = ?", [year, seq]
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
            if len(rows) > 1:
                raise AmbiguousCase(ref=ref, matches="、".join(number for _, number in rows))
        raise CaseNotFound(ref=ref)

    def case_number(self, case_id: int) -> str:
        return self.db.execute("SELECT number FROM cases WHERE id = ?", [case_id]).fetchone()[0]

    def earlier_cases(self, intake: Intake) -> list[dict[str, Any]]:
        """Earlier cases of the same petitioners about the same matter: the chain this
        petition would repeat, first case (初件) first. Empty if it is a first petition."""
        keys: set[str] = set()
        for person in intake.people:
            keys |= rules.person_keys(person.name, person.id_number, person.phone)
        if not keys:
            return []
        clauses, params = [], []
        for key in keys:
            if key.startswith("id:"):
                clauses.append("p.id_number = ?")
                params.append(key[3:])
            else:
                name, _, phone = key[3:].partition("|")
                clauses.append("(p.name = ? AND p.phone = ?)")
                params += [name, phone]
        rows = self.db.execute(
            "SELECT DISTINCT c.id, c.received_on, c.category, c.content, c.repeat_of "
            "FROM people p JOIN case_people cp ON cp.person_id = p.id "
            "JOIN cases c ON c.id = cp.case_id "
            f"WHERE ({' OR '.join(clauses)}) AND c.received_on <= ? ORDER BY c.received_on, c.id",
            [*params, intake.received_on.isoformat()],
        ).fetchall()
        new = rules.Petition(None, intake.received_on, frozenset(keys), intake.category,
                             intake.content)
        earlier = {
            case_id: rules.Petition(case_id, dt.date.fromisoformat(received), frozenset(keys),
                                    category, content)
            for case_id, received, category, content, _ in rows
        }
        roots = {case_id: root for case_id, *_, root in rows if root is not None}
        threshold = self.policy.number("repeat_similarity")
        root = rules.repeat_of(new, earlier.values(), roots, threshold)
        if root is None:
            return []
        # The whole chain, also its cases brought by other petitioners (a joint petition
        # links one petitioner's matter to another's first case).
        chain = self.db.execute(
            "SELECT id, number, received_on, category, content, status, result FROM cases "
            "WHERE id = :root OR (repeat_of = :root AND received_on <= :on) "
            "ORDER BY id != :root, received_on, id",
            {"root": root, "on": intake.received_on.isoformat()},
        ).fetchall()
        return [
            {"id": number, "received_on": received, "status": status, "result": result,
             "category": category, "content": content, "first": case_id == root}
            for case_id, number, received, category, content, status, result in chain
        ]

    def register(self, intake: Intake, officer: str, *, repeat_of: str | None = None,
                 not_repeat: bool = False, source: dict[str, Any] | None = None) -> str:
        """Record a new petition; returns its case number. Its forward clock starts.

        A repeat of an earlier matter is recognised and linked to the first case of its
        chain, unless the officer links it (`repeat_of`) or says it is new (`not_repeat`);
        either decision is recorded with the event."""
        office = self.office()
        if office is None:
            raise OfficeNotSet()
        if intake.received_on > self.today:
            raise FutureDate(what="收到日期", what_en="received date",
                             date=intake.received_on, today=self.today)
        with write(self.db):
            repeat = self._repeat_decision(intake, repeat_of, not_repeat)
            year = intake.received_on.year
            prefix = f"XF-{office['code']}-{year}-"
            seq = self._last_seq(year, prefix) + 1
            number = f"{prefix}{seq:05d}"
            on = intake.received_on.isoformat()
            cursor = self.db.execute(
                "INSERT INTO cases(uid, number, year, seq, received_on, channel, headcount, "
                "locality, category, content, request, anonymous, confidential, status, "
                "last_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?)",
                [new_uid(), number, year, seq, on, intake.channel, intake.headcount,
                 intake.locality, intake.category, intake.content, intake.request,
                 int(intake.anonymous), int(intake.confidential), on],
            )
            case_id = cursor.lastrowid
            person_uids = []
            for position, person in enumerate(intake.people):
                person_id, person_uid = self._person(person)
                person_uids.append(person_uid)
                self.db.execute(
                    "INSERT OR IGNORE INTO case_people(case_id, person_id, lead, position) "
                    "VALUES (?, ?, ?, ?)",
                    [case_id, person_id, int(position == 0), position],
                )
            details = registered_details(intake, person_uids, repeat, source)
            self._append(case_id, "registered", intake.received_on, officer, details,
                         CaseState(), number)
        return number

    def _last_seq(self, year: int, prefix: str) -> int:
        """The office's last case number of the year. Walks the (year, seq) index from the
        top: in an office's own ledger the first row is its own, so this stays instant at
        any size; in a merged ledger it skips the other offices' numbers."""
        for seq, number in self.db.execute(
            "SELECT seq, number FROM cases WHERE year = ? ORDER BY seq DESC", [year]
        ):
            if number.startswith(prefix):
                return seq
        return 0

    def _repeat_decision(self, intake: Intake, repeat_of: str | None,
                         not_repeat: bool) -> dict[str, Any]:
        if not_repeat:
            return {"decision": "not_repeat"}
        if repeat_of:
            case_id = self.find_case(repeat_of)
            row = self.db.execute(
                "SELECT coalesce(r.number, c.number), c.status FROM cases c "
                "LEFT JOIN cases r ON r.id = c.repeat_of WHERE c.id = ?", [case_id]
            ).fetchone()
            return {"decision": "officer", "repeat_of": row[0],
                    "flags": rules.repeat_flags([row[1]])}
        chain = self.earlier_cases(intake)
        if not chain:
            return {}
        return {"decision": "auto", "repeat_of": chain[0]["id"],
                "flags": rules.repeat_flags(case["status"] for case in chain)}

    def mark_repeat(self, ref: str, *, officer: str, repeat_of: str | None = None,
                    on: dt.date | None = None) -> dict[str, Any]:
        """The officer's word on a repeat link: link `ref` to `repeat_of`'s chain, or
        (with None) say it is a new matter. Recorded as an event, never an edit."""
        root = None
        if repeat_of:
            case_id = self.find_case(repeat_of)
            root = self.db.execute(
                "SELECT coalesce(r.number, c.number) FROM cases c "
                "LEFT JOIN cases r ON r.id = c.repeat_of WHERE c.id = ?", [case_id]
            ).fetchone()[0]
            if root == self.case_number(self.find_case(ref)):
                from xinfang.errors import BadAct

                raise BadAct(reason="案件不能是它自己的重复信访。",
                             reason_en="A case cannot repeat itself.")
        return self.act(ref, "repeat_marked", officer=officer, on=on,
                        details={"repeat_of": root,
                                 "decision": "officer" if root else "not_repeat"})

    def _person(self, person: Person) -> tuple[int, str]:
        """Find the petitioner already in the ledger (same ID number; without one, same
        name and phone) or add them. Newer phone and address replace older ones."""
        row = None
        if person.id_number:
            row = self.db.execute(
                "SELECT id, uid FROM people WHERE id_number = ?", [person.id_number]
            ).fetchone()
        elif person.name and person.phone:
            row = self.db.execute(
                "SELECT id, uid FROM people WHERE name = ? AND phone = ? AND id_number IS NULL",
                [person.name, person.phone],
            ).fetchone()
        if row is None:
            uid = new_uid()
            cursor = self.db.execute(
                "INSERT INTO people(uid, name, id_number, phone, address) VALUES (?, ?, ?, ?, ?)",
                [uid, person.name, person.id_number, person.phone, person.address],
            )
            return cursor.lastrowid, uid
        self.db.execute(
            "UPDATE people SET name = coalesce(?, name), phone = coalesce(?, phone), "
            "address = coalesce(?, address) WHERE id = ?",
            [person.name, person.phone, person.address, row[0]],
        )
        return row[0], row[1]

    def act(
        self,
        ref: str | int,
        kind: str,
        *,
        officer: str,
        on: dt.date | None = None,
        details: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Record one act on a case (forward, accept, close, note …) and move its state."""
        on = on or self.today
        with write(self.db):
            case_id = ref if isinstance(ref, int) else self.find_case(ref)
            number = self.case_number(case_id)
            state = self.stored_state(case_id)
            if not lifecycle.allowed(state.status, kind):
                raise NotAllowed(
                    number=number,
                    state=label(STATUSES, state.status),
                    state_en=label(STATUSES, state.status, "en"),
                    action=label(EVENT_KINDS, kind),
                    action_en=label(EVENT_KINDS, kind, "en"),
                    allowed="、".join(f"{label(EVENT_KINDS, k)}（{COMMANDS[k]}）" for k in
                                     lifecycle.allowed_actions(state.status)),
                    allowed_en=", ".join(f"{label(EVENT_KINDS, k, 'en')} ({COMMANDS[k]})"
                                         for k in lifecycle.allowed_actions(state.status)),
                )
            if on > self.today:
                raise FutureDate(what="办理日期", what_en="date of the act", date=on,
                                 today=self.today)
            if state.last_on and on < state.last_on:
                raise DateBeforePrevious(date=on, previous=state.last_on)
            return self._append(case_id, kind, on, officer, details or {}, state, number)

    def _append(
        self,
        case_id: int,
        kind: str,
        on: dt.date,
        officer: str,
        details: dict[str, Any],
        state: CaseState,
        number: str,
    ) -> dict[str, Any]:
        new_state, late = lifecycle.step(state, kind, on, details, self.policy, self.calendar)
        if late:
            # An act after its window is recorded, and says so in the history.
            details = {**details, "late": late}
        event = {
            "uid": new_uid(),
            "case_id": case_id,
            "kind": kind,
            "acted_on": on.isoformat(),
            "recorded_at": _now(),
            "officer": officer,
            "details": encode_details(details),
        }
        cursor = self.db.execute(
            "INSERT INTO events(uid, case_id, kind, acted_on, recorded_at, officer, details) "
            "VALUES (:uid, :case_id, :kind, :acted_on, :recorded_at, :officer, :details)",
            event,
        )
        if new_state != state:
            self._store_state(case_id, new_state)
        return {"id": cursor.lastrowid, "case": number, **event, "details": details}

    def record_reveal(self, case_ids: list[int], officer: str, fields: list[str],
                      command: str) -> None:
        """Personal data was shown unmasked: say so in each case's history."""
        with write(self.db):
            for case_id in case_ids:
                self.act(case_id, "revealed", officer=officer, on=self.today,
                         details={"fields": fields, "command": command})

    # Units ---------------------------------------------------------------------------

    def units(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT u.uid, u.name, u.level, p.name FROM units u "
            "LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.level, u.name"
        ).fetchall()
        return [{"uid": uid, "name": name, "level": level, "parent": parent}
                for uid, name, level, parent in rows]

    def add_unit(self, name: str, level: str, parent: str | None = None) -> dict[str, Any]:
        """Add a unit cases can be forwarded to: name, level (乡镇/县区/市/省), parent."""
        name = name.strip()
        level_code = parse_level(level)
        with write(self.db):
            if self.db.execute("SELECT 1 FROM units WHERE name = ?", [name]).fetchone():
                raise UnitExists(name=name)
            parent_id = None
            if parent:
                parent_name = self.require_unit(parent)
                parent_id = self.db.execute(
                    "SELECT id FROM units WHERE name = ?", [parent_name]
                ).fetchone()[0]
            self.db.execute(
                "INSERT INTO units(uid, name, level, parent_id) VALUES (?, ?, ?, ?)",
                [new_uid(), name, level_code, parent_id],
            )
        return {"name": name, "level": level_code, "parent": parent}

    def require_unit(self, name: str) -> str:
        """The unit's name if it is in the list; otherwise refuse, naming the closest ones."""
        name = name.strip()
        if self.db.execute("SELECT 1 FROM units WHERE name = ?", [name]).fetchone():
            return name
        from rapidfuzz import fuzz, process

        names = [row[0] for row in self.db.execute("SELECT name FROM units")]
        close = [match for match, score, _ in
                 process.extract(name, names, scorer=fuzz.ratio, limit=3) if score >= 40]
        raise UnknownUnit(
            name=name,
            suggest=f"是不是：{'、'.join(close)}？" if close else "",
            suggest_en=f"Did you mean: {', '.join(close)}? " if close else "",
        )

    # Derived state -------------------------------------------------------------------

    def _store_state(self, case_id: int, state: CaseState) -> None:
        self.db.execute(
            "UPDATE cases SET status = ?, unit_id = ?, holder = ?, holder_kind = ?, "
            "holder_since = ?, accepted_on = ?, closed_on = ?, result = ?, satisfaction = ?, "
            "repeat_of = (SELECT id FROM cases WHERE number = ?), flags = ?, next_due_on = ?, "
            "last_on = ? WHERE id = ?",
            [*state_values(state, self._unit_id(state.unit), state.repeat_of), case_id],
        )
        self.db.execute("DELETE FROM clocks WHERE case_id = ?", [case_id])
        self.db.conn.executemany(CLOCK_INSERT, [clock_row(case_id, c) for c in state.clocks])

    def _unit_id(self, name: str | None) -> int | None:
        if not name:
            return None
        row = self.db.execute("SELECT id FROM units WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        return self.db.execute(
            "INSERT INTO units(uid, name) VALUES (?, ?)", [new_uid(), name]
        ).lastrowid

    def stored_state(self, case_id: int) -> CaseState:
        row = self.db.execute(
            "SELECT c.status, c.holder, c.holder_kind, c.holder_since, u.name, c.accepted_on, "
            "c.closed_on, c.result, c.satisfaction, c.last_on, c.flags, r.number "
            "FROM cases c LEFT JOIN units u ON u.id = c.unit_id "
            "LEFT JOIN cases r ON r.id = c.repeat_of WHERE c.id = ?",
            [case_id],
        ).fetchone()
        if row is None:
            raise CaseNotFound(ref=str(case_id))
        clocks = [
            Clock(code, dt.date.fromisoformat(started), length, unit,
                  dt.date.fromisoformat(due), extra, _date(stopped), bool(late), bool(fixed))
            for code, started, length, unit, extra, due, stopped, late, fixed in self.db.execute(
                "SELECT clock, started_on, length, unit, extra_days, due_on, stopped_on, late, "
                "fixed FROM clocks WHERE case_id = ? ORDER BY id",
                [case_id],
            ).fetchall()
        ]
        return CaseState(
            status=row[0], holder=row[1], holder_kind=row[2], holder_since=_date(row[3]),
            unit=row[4], accepted_on=_date(row[5]), closed_on=_date(row[6]), result=row[7],
            satisfaction=row[8], last_on=_date(row[9]), clocks=clocks,
            flags=set(json.loads(row[10])), repeat_of=row[11],
        )

    def events(self, case_id: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, uid, kind, acted_on, recorded_at, officer, details FROM events "
            "WHERE case_id = ? ORDER BY id",
            [case_id],
        ).fetchall()
        return [
            {"id": id_, "uid": uid, "kind": kind, "on": on, "recorded_at": recorded,
             "officer": officer, "details": json.loads(details)}
            for id_, uid, kind, on, recorded, officer, details in rows
        ]

    def replayed_state(self, case_id: int) -> CaseState:
        """The state its events alone give, under the current policy and calendar."""
        events = [
            (event["kind"], dt.date.fromisoformat(event["on"]), event["details"])
            for event in self.events(case_id)
        ]
        return lifecycle.replay(events, self.policy, self.calendar)


def state_values(state: CaseState, unit_id: int | None, repeat_of: Any) -> tuple:
    """A case's derived columns, from status to last_on in table order, for its state."""
    duties = [c.due_on for c in state.clocks if c.running and c.duty]
    return (
        state.status, unit_id, state.holder, state.holder_kind, _iso(state.holder_since),
        _iso(state.accepted_on), _iso(state.closed_on), state.result, state.satisfaction,
        repeat_of, json.dumps(sorted(state.flags)), _iso(min(duties)) if duties else None,
        _iso(state.last_on),
    )


CLOCK_INSERT = (
    "INSERT INTO clocks(case_id, clock, started_on, length, unit, extra_days, due_on, "
    "stopped_on, late, fixed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def clock_row(case_id: int, clock: Clock) -> tuple:
    return (case_id, clock.clock, clock.started_on.isoformat(), clock.length, clock.unit,
            clock.extra_days, clock.due_on.isoformat(), _iso(clock.stopped_on),
            int(clock.late), int(clock.fixed))


def registered_details(intake: Intake, person_uids: list[str], repeat: dict[str, Any],
                       source: dict[str, Any] | None) -> dict[str, Any]:
    """What the `registered` event records: the intake, its petitioners, the repeat
    decision and, for an imported case, where it came from (file, line, seq)."""
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
        "flags": intake.flags + repeat.get("flags", []),
        "repeat_of": repeat.get("repeat_of"),
        "repeat_decision": repeat.get("decision"),
        "source": source,
    }
    return {key: value for key, value in details.items() if value not in (None, [])}


_DUTY_SQL = ", ".join(f"'{code}'" for code in lifecycle.DUTIES)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
