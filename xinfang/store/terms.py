"""What the repeat rule reads of each complaint, kept with the ledger (DOMAIN.md §5).

- `gram_counts`: how many cases' complaints contain each trigram (a row per trigram),
  and for a bigram the sum of that over the trigrams it begins (what a short name such
  as 永盛 weighs); and how many are worded each way (`similarity.wording_key`: a
  standard summary is worded so by many). The rarity of a term is read from it by key.
- `case_terms`: each case's complaint as the scorer reads it (`similarity.stored`), with
  the version of the reading, so that the whole-ledger rule reads a million complaints
  without reading each one again.

Both are written by the one writer with the cases (`Terms`), in the same transaction;
they are derived from the cases' content and can be made again from it (`rebuild`).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from xinfang.cases.identity import Who, keys_of
from xinfang.cases.similarity import (
    TERMS_VERSION,
    WORDING,
    Tally,
    stored,
    text_of,
)

_UPSERT = ("INSERT INTO gram_counts(gram, cases) VALUES (?, ?) "
           "ON CONFLICT(gram) DO UPDATE SET cases = cases + excluded.cases")
_TERMS_INSERT = "INSERT OR REPLACE INTO case_terms(case_id, version, terms) VALUES (?, ?, ?)"


class GramCounts:
    """How many cases of the ledger contain a trigram (`similarity.raw_grams`; for a
    bigram, the sum over the trigrams it begins): `gram_counts`, read by key (or whole,
    `read_all`), and the cases a batch has written that are not in it yet (`pending`).
    A batch of one or of a million, or cases written one at a time, see the same counts."""

    def __init__(self, db: sqlite_utils.Database, *, read_all: bool = False) -> None:
        self.db = db
        self.stored: dict[str, int] = {}
        self.unindexed = Tally()
        self.complete = False
        if read_all:
            # (A wording held by one case only can be nobody's standard summary.)
            self.stored = dict(db.execute(
                "SELECT gram, cases FROM gram_counts WHERE cases > 1 OR gram NOT LIKE ?",
                [f"{WORDING}%"]))
            self.complete = True

    def __call__(self, gram: str) -> int:
        stored = self.stored.get(gram)
        if stored is None:
            if self.complete:
                stored = 0
            else:
                row = self.db.execute("SELECT cases FROM gram_counts WHERE gram = ?",
                                      [gram]).fetchone()
                stored = self.stored[gram] = row[0] if row else 0
        return stored + self.unindexed(gram)

    def pending(self, content: str) -> None:
        """A case written whose terms are not counted in the ledger yet."""
        self.unindexed.add(content)

    def flush(self) -> None:
        """Count the pending cases' terms in the ledger (inside the writer's transaction)."""
        rows = list(self.unindexed.counts().items())
        self.db.conn.executemany(_UPSERT, sorted(rows))
        for gram, count in rows:
            if gram in self.stored or self.complete:
                self.stored[gram] = self.stored.get(gram, 0) + count
        self.unindexed.clear()


def person_keys(who: Who) -> tuple[str | None, str | None]:
    """What `case_people` keeps of a petitioner as compared: the name and the address key."""
    return who.name or None, who.address


def stored_who(record: int | None, name_key: str | None, id_number: str | None,
               phone: str | None, address_key: str | None) -> Who:
    """A petitioner as `case_people` keeps them (the same as `Who.given` of the details)."""
    return Who(*_as_compared(record, name_key, id_number, phone, address_key))


def stored_keys(record: int | None, name_key: str | None, id_number: str | None,
                phone: str | None, address_key: str | None) -> list[str]:
    """`stored_who(...).keys()`, without making the petitioner (a whole ledger's)."""
    return keys_of(*_as_compared(record, name_key, id_number, phone, address_key))


def _as_compared(record: int | None, name_key: str | None, id_number: str | None,
                 phone: str | None, address_key: str | None
                 ) -> tuple[int | None, str, str | None, str | None, str | None]:
    return record, name_key or "", (id_number or "").upper() or None, phone or None, address_key


def terms_row(case_id: int, content: str) -> tuple[int, int, str]:
    """A case's row of `case_terms`."""
    return case_id, TERMS_VERSION, stored(text_of(content))


def write_terms(db: sqlite_utils.Database, rows: Iterable[tuple[int, int, str]]) -> None:
    db.conn.executemany(_TERMS_INSERT, rows)


def replace_content(db: sqlite_utils.Database, case_id: int, old: str, new: str) -> None:
    """A case's complaint corrected: its terms counted out, the new ones counted in."""
    before, after = Tally(), Tally()
    before.add(old)
    after.add(new)
    change = after.counts()
    for key, count in before.counts().items():
        change[key] = change.get(key, 0) - count
    db.conn.executemany(_UPSERT, sorted((g, n) for g, n in change.items() if n))
    write_terms(db, [terms_row(case_id, new)])


def rebuild(db: sqlite_utils.Database) -> None:
    """Make both tables again from the cases' content, and the petitioners' keys from
    their details (a migration, or a repair)."""
    db.execute("DELETE FROM gram_counts")
    db.execute("DELETE FROM case_terms")
    tally = Tally()
    batch: list[tuple[int, int, str]] = []
    for case_id, content in db.execute("SELECT id, content FROM cases ORDER BY id"):
        tally.add(content)
        batch.append(terms_row(case_id, content))
        if len(batch) >= 20_000:
            write_terms(db, batch)
            batch.clear()
    write_terms(db, batch)
    db.conn.executemany("INSERT INTO gram_counts(gram, cases) VALUES (?, ?)",
                        sorted(tally.counts().items()))
    rows = db.execute("SELECT case_id, person_id, name, id_number, phone, address "
                      "FROM case_people").fetchall()
    db.conn.executemany(
        "UPDATE case_people SET name_key = ?, address_key = ? "
        "WHERE case_id = ? AND person_id = ?",
        [(*person_keys(Who.given(*given)), case_id, given[0]) for case_id, *given in rows])


def differences(db: sqlite_utils.Database) -> tuple[int, int]:
    """How many term counts and how many cases' readings or petitioners' keys differ from
    what the cases' content and petitioners make them (0, 0 in a sound ledger)."""
    tally = Tally()
    cases = len({case_id for case_id, person_id, name, id_number, phone, address, *kept
                 in db.execute("SELECT case_id, person_id, name, id_number, phone, address, "
                               "name_key, address_key FROM case_people")
                 if person_keys(Who.given(person_id, name, id_number, phone, address))
                 != tuple(kept)})
    kept = dict(db.execute("SELECT case_id, terms FROM case_terms "
                           "WHERE version = ?", [TERMS_VERSION]))
    for case_id, content in db.execute("SELECT id, content FROM cases"):
        tally.add(content)
        if kept.pop(case_id, None) != stored(text_of(content)):
            cases += 1
    cases += len(kept)  # (a reading kept for no case)
    counts = tally.counts()
    grams = 0
    for gram, count in db.execute("SELECT gram, cases FROM gram_counts WHERE cases != 0"):
        if counts.pop(gram, 0) != count:
            grams += 1
    return grams + len(counts), cases
