"""The ledger's schema, as named migrations. Never edit one after release: add the next."""

from __future__ import annotations

import os
import sqlite3

import sqlite_utils

migrations = sqlite_utils.Migrations("xinfang")


def known_names() -> set[str]:
    """The names of every migration this version knows."""
    from xinfang.db import known_names as names

    return names(migrations)


def open_ledger(path: str | os.PathLike[str], *, create: bool) -> sqlite_utils.Database:
    """`db.open_ledger` with this schema: the database of an xinfang ledger."""
    from xinfang import db

    return db.open_ledger(path, create=create, migrations=migrations)


def schema_version(db: sqlite_utils.Database) -> list[str]:
    """The migrations applied to a ledger, in order."""
    from xinfang.db import schema_version as applied

    return applied(db, migrations)


def _run(db: sqlite_utils.Database, script: str) -> None:
    # One statement at a time: executescript() would commit the migration's transaction.
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    _run(
        db,
        """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE settings_log (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    old TEXT,
    new TEXT,
    officer TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE TABLE calendar_overrides (
    day TEXT PRIMARY KEY,
    working INTEGER NOT NULL,
    reason TEXT NOT NULL,
    officer TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    level TEXT,
    parent_id INTEGER REFERENCES units(id)
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT,
    id_number TEXT,
    phone TEXT,
    address TEXT
);
CREATE UNIQUE INDEX people_id_number ON people(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX people_name_phone ON people(name, phone);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    channel TEXT NOT NULL,
    headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 1),
    locality TEXT,
    category TEXT,
    content TEXT NOT NULL,
    request TEXT,
    anonymous INTEGER NOT NULL DEFAULT 0,
    confidential INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    holder TEXT,
    holder_kind TEXT,
    holder_since TEXT,
    accepted_on TEXT,
    closed_on TEXT,
    result TEXT,
    satisfaction TEXT,
    repeat_of INTEGER REFERENCES cases(id),
    flags TEXT NOT NULL DEFAULT '[]',
    next_due_on TEXT,
    last_on TEXT NOT NULL
);
CREATE INDEX cases_received ON cases(received_on);
CREATE INDEX cases_status ON cases(status, received_on);
CREATE INDEX cases_unit ON cases(unit_id, received_on);
CREATE INDEX cases_category ON cases(category);
CREATE INDEX cases_locality ON cases(locality);
CREATE INDEX cases_next_due ON cases(next_due_on) WHERE next_due_on IS NOT NULL;
CREATE INDEX cases_year_seq ON cases(year, seq);
CREATE TABLE case_people (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    lead INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL,
    PRIMARY KEY (case_id, person_id)
) WITHOUT ROWID;
CREATE INDEX case_people_person ON case_people(person_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    acted_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    officer TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_case ON events(case_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: record a new event instead');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: record a new event instead');
END;
CREATE TABLE clocks (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    clock TEXT NOT NULL,
    started_on TEXT NOT NULL,
    length INTEGER NOT NULL,
    unit TEXT NOT NULL,
    extra_days INTEGER NOT NULL DEFAULT 0,
    due_on TEXT NOT NULL,
    stopped_on TEXT,
    late INTEGER NOT NULL DEFAULT 0,
    fixed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX clocks_case ON clocks(case_id);
CREATE INDEX clocks_running ON clocks(due_on, clock) WHERE stopped_on IS NULL;
CREATE VIRTUAL TABLE cases_fts USING fts5(
    content, request, content='cases', content_rowid='id', tokenize='trigram', columnsize=0
);
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
    INSERT INTO cases_fts(rowid, content, request) VALUES (new.id, new.content, new.request);
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
    INSERT INTO cases_fts(cases_fts, rowid, content, request)
    VALUES ('delete', old.id, old.content, old.request);
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF content, request ON cases BEGIN
    INSERT INTO cases_fts(cases_fts, rowid, content, request)
    VALUES ('delete', old.id, old.content, old.request);
    INSERT INTO cases_fts(rowid, content, request) VALUES (new.id, new.content, new.request);
END
""",
    )


@migrations()
def m002_import(db: sqlite_utils.Database) -> None:
    # One row per register row imported: which case it became and where it came from.
    # The fingerprint of the row's normalised content is unique, so the same row imported
    # again (from the same file or another) adds nothing.
    _run(
        db,
        """
CREATE TABLE imported_rows (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    seq TEXT,
    imported_at TEXT NOT NULL
);
CREATE UNIQUE INDEX imported_rows_fingerprint ON imported_rows(fingerprint);
CREATE INDEX imported_rows_case ON imported_rows(case_id)
""",
    )


@migrations()
def m003_repeat_index(db: sqlite_utils.Database) -> None:
    # Repeat chains are counted by their first case: find its repeats without a scan.
    _run(db, "CREATE INDEX cases_repeat_of ON cases(repeat_of) WHERE repeat_of IS NOT NULL")


@migrations()
def m004_calendar_years(db: sqlite_utils.Database) -> None:
    # A copy of each year's official schedule, per version of the `holidays` package, so
    # that commands which only read need not import it.
    _run(db, """
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    published INTEGER NOT NULL,
    rest TEXT NOT NULL,
    makeup TEXT NOT NULL
)
""")


@migrations()
def m005_due_indexes(db: sqlite_utils.Database) -> None:
    # `list --overdue --unit U` counts a unit's overdue cases from an index alone instead
    # of reading every case the unit ever had; the overdue report reads the running duty
    # clocks by kind, then date, without stepping over the far more numerous windows.
    _run(db, """
CREATE INDEX cases_unit_due ON cases(unit_id, next_due_on) WHERE next_due_on IS NOT NULL;
DROP INDEX clocks_running;
CREATE INDEX clocks_running ON clocks(clock, due_on) WHERE stopped_on IS NULL;
""")


@migrations()
def m006_imported_rows(db: sqlite_utils.Database) -> None:
    # An imported row's file, line, number and time are already on its case's events
    # (their source and recording time); the table keeps only what re-imports look up:
    # the row's fingerprint and the case it became, stored in the fingerprint's order.
    _run(db, """
CREATE TABLE imported_rows_m006 (
    fingerprint TEXT PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id)
) WITHOUT ROWID;
INSERT INTO imported_rows_m006 (fingerprint, case_id)
    SELECT fingerprint, case_id FROM imported_rows ORDER BY fingerprint;
DROP TABLE imported_rows;
ALTER TABLE imported_rows_m006 RENAME TO imported_rows
""")


@migrations()
def m007_records_as_given_and_the_event_chain(db: sqlite_utils.Database) -> None:
    # A case keeps its petitioners' details as they were recorded for it: registering the
    # same ID number later with another phone no longer changes what earlier cases show.
    # And every event carries a hash over its content and the previous event's hash, so
    # that a rewritten history no longer checks sound; the chain starts here with the
    # events already recorded, in their order.
    _run(db, """
ALTER TABLE case_people ADD COLUMN name TEXT;
ALTER TABLE case_people ADD COLUMN id_number TEXT;
ALTER TABLE case_people ADD COLUMN phone TEXT;
ALTER TABLE case_people ADD COLUMN address TEXT;
UPDATE case_people SET
    name = (SELECT name FROM people p WHERE p.id = person_id),
    id_number = (SELECT id_number FROM people p WHERE p.id = person_id),
    phone = (SELECT phone FROM people p WHERE p.id = person_id),
    address = (SELECT address FROM people p WHERE p.id = person_id);
ALTER TABLE events ADD COLUMN chain BLOB;
DROP TRIGGER events_no_update
""")
    from xinfang.store import chain

    previous = chain.START
    rows = db.execute(
        "SELECT e.id, e.uid, c.uid, e.kind, e.acted_on, e.recorded_at, e.officer, e.details "
        "FROM events e JOIN cases c ON c.id = e.case_id ORDER BY e.id")
    links = []
    for event_id, *fields in rows:
        previous = chain.link(previous, *fields)
        links.append((previous, event_id))
    db.conn.executemany("UPDATE events SET chain = ? WHERE id = ?", links)
    _run(db, """
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: record a new event instead');
END
""")


@migrations()
def m008_units_kept(db: sqlite_utils.Database) -> None:
    # A unit may be renamed, merged into another or retired (撤并): it stays in the list
    # for the cases that name it, marked, and new work goes to units still in service.
    _run(db, """
ALTER TABLE units ADD COLUMN retired_on TEXT;
ALTER TABLE units ADD COLUMN merged_into INTEGER REFERENCES units(id)
""")


@migrations()
def m009_person_links(db: sqlite_utils.Database) -> None:
    # The officer's word that two person records are one person (a return visit without
    # the ID number, under a new phone), or are not (namesakes): each is an event on the
    # case it was said at, and the repeat rule reads them from then on, in their order.
    _run(db, """
CREATE TABLE person_links (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    other_id INTEGER NOT NULL REFERENCES people(id),
    same INTEGER NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events(id)
);
CREATE INDEX person_links_person ON person_links(person_id);
CREATE INDEX person_links_other ON person_links(other_id)
""")


@migrations()
def m010_regulation(db: sqlite_utils.Database) -> None:
    # Acts an older xinfang recorded, judged again under the Regulation's rules (issue 16,
    # cases/rejudgement.py): an extension after the handling period, hearing days before
    # the recheck request or counted twice, a later close by the office as 当场办结, a
    # satisfaction that was no evaluation. Each case whose stored state its acts no longer
    # give gets one `rejudged` event saying which act was judged again, under which
    # article, and what changed; its stored state is brought to the replay. Nothing else
    # changes, and a ledger with nothing to re-judge gets no event.
    #
    # The writer is built on this schema (writer → ledger → migrations), so this migration
    # writes its rows itself, as m007 does, in the upgrade's one transaction: the event
    # chained like every other (store.chain), the case's derived columns and the clocks
    # the re-judged acts moved.
    from xinfang.store import chain

    candidates = [row[0] for row in db.execute(
        "SELECT case_id FROM events WHERE kind IN ('extended', 'recheck_hearing') OR (kind = "
        "'followed_up' AND json_extract(details, '$.satisfaction') IS NOT NULL) UNION "
        "SELECT id FROM cases WHERE flags LIKE '%\"on_the_spot\"%' ORDER BY 1")]
    if not candidates:
        return
    import datetime as dt
    import json
    import time
    from functools import cache

    from xinfang.cases import corrections, rejudgement
    from xinfang.cases.lifecycle import CaseState
    from xinfang.dates import today
    from xinfang.deadlines.calendar import holidays_version
    from xinfang.deadlines.clocks import Clock, next_due
    from xinfang.deadlines.policy import Policy
    from xinfang.store import calendar_years

    policy = Policy.from_settings({key: json.loads(value) for key, value in db.execute(
        "SELECT key, value FROM settings")})
    calendar = calendar_years.work_calendar(db, cache(holidays_version), keep=True)
    acted_on = today().isoformat()
    recorded_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    row = db.execute("SELECT chain FROM events ORDER BY id DESC LIMIT 1").fetchone()
    previous: bytes = row[0] if row and row[0] else chain.START
    for case_id in candidates:
        events = [{"uid": uid, "kind": kind, "on": on, "details": json.loads(details)}
                  for uid, kind, on, details in db.execute(
            "SELECT uid, kind, acted_on, details FROM events WHERE case_id = ? ORDER BY id",
            [case_id])]
        case_uid, flags, satisfaction = db.execute(
            "SELECT uid, flags, satisfaction FROM cases WHERE id = ?", [case_id]).fetchone()
        ids, clocks = [], []
        for clock_id, code, started, length, unit, extra, due, stopped, late, fixed in \
                db.execute("SELECT id, clock, started_on, length, unit, extra_days, due_on, "
                           "stopped_on, late, fixed FROM clocks WHERE case_id = ? ORDER BY id",
                           [case_id]):
            ids.append(clock_id)
            clocks.append(Clock(code, dt.date.fromisoformat(started), length, unit,
                                dt.date.fromisoformat(due), extra,
                                dt.date.fromisoformat(stopped) if stopped else None,
                                bool(late), bool(fixed)))
        stored = CaseState(flags=set(json.loads(flags)), satisfaction=satisfaction,
                           clocks=clocks)
        found = rejudgement.judge(corrections.effective(events), policy, calendar, stored)
        if found is None:
            continue
        # An event as the writer lays one out (writer.new_uid, writer.encode_details).
        uid = f"{time.time_ns() // 1_000_000:012x}{os.urandom(10).hex()}"
        text = json.dumps({"migration": "m010_regulation", **found.details()},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        previous = chain.link(previous, uid, case_uid, "rejudged", acted_on, recorded_at,
                              "xinfang", text)
        db.execute("INSERT INTO events(uid, case_id, kind, acted_on, recorded_at, officer, "
                   "details, chain) VALUES (?, ?, 'rejudged', ?, ?, 'xinfang', ?, ?)",
                   [uid, case_id, acted_on, recorded_at, text, previous])
        due_next = next_due(found.clocks)
        db.execute("UPDATE cases SET flags = ?, satisfaction = ?, next_due_on = ? WHERE id = ?",
                   [json.dumps(sorted(found.flags)), found.satisfaction,
                    due_next.isoformat() if due_next else None, case_id])
        for clock_id, was, now in zip(ids, clocks, found.clocks, strict=True):
            if now is not was:
                db.execute("UPDATE clocks SET length = ?, unit = ?, extra_days = ?, "
                           "due_on = ?, late = ? WHERE id = ?",
                           [now.length, now.unit, now.extra_days, now.due_on.isoformat(),
                            int(now.late), clock_id])


@migrations()
def m011_practice(db: sqlite_utils.Database) -> None:
    # The practice of offices beyond the Regulation (DOMAIN.md §9): a duty may be owed by
    # someone other than the case's responsible unit — a leader's 化解时限 (领导包案) by the
    # leader, a joint meeting's task by the unit it names — so a clock says whose it is.
    # Hardship help (帮扶救助) is given to a person, not done on a case: a table of its own.
    _run(db, """
ALTER TABLE clocks ADD COLUMN owner TEXT;
CREATE TABLE assistance (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    measure TEXT NOT NULL,
    note TEXT,
    given_on TEXT NOT NULL,
    officer TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX assistance_person ON assistance(person_id, given_on);
CREATE TRIGGER assistance_no_update BEFORE UPDATE ON assistance
BEGIN
    SELECT RAISE(ABORT, 'assistance is append-only: record a new entry instead');
END;
CREATE TRIGGER assistance_no_delete BEFORE DELETE ON assistance
BEGIN
    SELECT RAISE(ABORT, 'assistance is append-only: record a new entry instead');
END
""")


@migrations()
def m012_repeat_terms(db: sqlite_utils.Database) -> None:
    # What the repeat rule reads of each complaint is kept with the case (store/terms.py):
    # the ledger's count of each term, read by key, and each complaint's reading, so that
    # neither a registration nor the whole-ledger rule reads the full-text index's lists
    # or a million complaints again. Each case's petitioners are kept as compared too
    # (the name with spaces, full-width forms and traditional characters folded; the
    # address as village and house number), so that a namesake's cases are looked up by
    # those keys, in one spelling.
    _run(db, """
CREATE TABLE gram_counts (
    gram TEXT PRIMARY KEY,
    cases INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE case_terms (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id),
    version INTEGER NOT NULL,
    terms TEXT NOT NULL
);
ALTER TABLE case_people ADD COLUMN name_key TEXT;
ALTER TABLE case_people ADD COLUMN address_key TEXT
""")
    from xinfang.store import terms

    terms.rebuild(db)
    _run(db, "CREATE INDEX case_people_name_key ON case_people(name_key) "
             "WHERE name_key IS NOT NULL")
    # The officer's word on repeat links, found without reading every event's details.
    _run(db, "CREATE INDEX events_repeat_word ON events(kind, "
             "json_extract(details, '$.repeat_decision'))")


@migrations()
def m013_namesakes_index(db: sqlite_utils.Database) -> None:
    # A returning petitioner's namesakes are read by name and phone or address: the index
    # holds all three (and the case and person, the table's key), so that a name many
    # petitioners share (7,000 王芳 in a million cases) is narrowed in the index alone,
    # without reading each of their rows.
    _run(db, """
DROP INDEX case_people_name_key;
CREATE INDEX case_people_namesakes ON case_people(name_key, phone, address_key)
    WHERE name_key IS NOT NULL
""")


@migrations()
def m014_standard_summaries(db: sqlite_utils.Database) -> None:
    # The repeat rule tells an office's standard summaries (a wording many petitioners'
    # cases hold word for word): each complaint's reading keeps its wording and the
    # counts count each wording (similarity.TERMS_VERSION 2). Both are made again from
    # the cases.
    from xinfang.store import terms

    terms.rebuild(db)
