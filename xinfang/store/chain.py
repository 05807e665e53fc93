"""The events' hash chain: each event stores a hash over its content and the previous
event's hash, so that an event deleted, changed or slipped in between shows as a break,
and a whole history written anew no longer matches a head printed earlier (by `backup`,
`check` and the nightly report: the number of events and the last hash)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

START = b"\x00" * 16  # what the first event's hash is chained to


def link(previous: bytes, uid: str, case_uid: str, kind: str, acted_on: str,
         recorded_at: str, officer: str, details: str) -> bytes:
    """The hash of one event, chained to the one before it."""
    text = "\x1f".join((uid, case_uid, kind, acted_on, recorded_at, officer, details))
    return hashlib.blake2b(previous + text.encode("utf-8"), digest_size=16).digest()


@dataclass(frozen=True)
class Head:
    """Where the chain ends: how many events it holds and the last one's hash."""

    events: int
    last: bytes

    @property
    def text(self) -> str:
        """`1234:3f2a9c1b7e4d`: short enough to write down, long enough to trust."""
        return f"{self.events}:{self.last.hex()[:12]}"


def head(db: Any) -> Head:
    """Where the events' chain of the ledger `db` (a sqlite-utils Database) ends now."""
    row = db.execute(
        "SELECT count(*), (SELECT chain FROM events ORDER BY id DESC LIMIT 1) FROM events"
    ).fetchone()
    return Head(int(row[0]), row[1] or START)


def parse_head(text: str) -> tuple[int, str] | None:
    """A head as printed, `1234:3f2a9c1b7e4d`, or None when it is not one."""
    count, sep, digest = text.strip().partition(":")
    if not sep or not count.isdigit() or len(digest) < 8:
        return None
    try:
        bytes.fromhex(digest if len(digest) % 2 == 0 else digest[:-1])
    except ValueError:
        return None
    return int(count), digest.lower()
