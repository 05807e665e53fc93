"""Corrections are history too (DOMAIN.md §3): a registration corrected later, and acts
withdrawn. Nothing recorded is edited; a `corrected` event says what the registration
says from then on (field → [old, new]), a `withdrawn` event takes one act out of the
case's state. This module says which events a case's state is made of, and what its
registration records once corrected: the replay (`lifecycle.replay`), the writer and
`check` all read it from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# The fields of a registration an officer can correct, and the stored intake they are.
FIELDS = ("received_on", "channel", "headcount", "locality", "category", "content", "request")

# Acts that are records of what the ledger did, never withdrawn (a document written is
# in someone's hands: it stays on the record).
NEVER_WITHDRAWN = ("registered", "revealed", "exported", "withdrawn", "corrected", "notice",
                   "rejudged")


def as_corrected(on: dt.date, details: Mapping[str, Any],
                 corrections: Iterable[Mapping[str, Any]]) -> tuple[dt.date, dict[str, Any]]:
    """The registration's date and details once the corrections (the `corrected` events'
    details, in order) are applied: the received date and intake fields they changed,
    and the petitioners (`people` uids and `given` details) when they changed them."""
    out = dict(details)
    for correction in corrections:
        for name, (_, new) in (correction.get("changes") or {}).items():
            if name == "received_on":
                on = dt.date.fromisoformat(new)
            else:
                out[name] = new
        if "people" in correction:
            out["people"] = list(correction["people"])
            out["given"] = [list(given) for given in correction["given"]]
    return on, out


def withdrawn(events: Iterable[Mapping[str, Any]]) -> set[str]:
    """The uids of the acts taken out of a case's state: each `withdrawn` event names
    one, and an act that replaces an earlier one (a hearing recorded again with the
    right dates) names the one it replaces, unless it was withdrawn itself."""
    events = list(events)
    out = {event["details"]["event"] for event in events if event["kind"] == "withdrawn"}
    out |= {event["details"]["replaces"] for event in events
            if "replaces" in event["details"] and event["uid"] not in out}
    return out


def effective(events: Sequence[Mapping[str, Any]]) -> list[tuple[str, dt.date, dict[str, Any]]]:
    """What a case's state is made of: its events (records with `uid`, `kind`, `on`,
    `details`, in order) without the acts withdrawn, the registration as corrected."""
    out = withdrawn(events)
    corrections = [event["details"] for event in events if event["kind"] == "corrected"]
    replayed: list[tuple[str, dt.date, dict[str, Any]]] = []
    for event in events:
        if event["uid"] in out:
            continue
        on = dt.date.fromisoformat(event["on"])
        details = event["details"]
        if event["kind"] == "registered":
            on, details = as_corrected(on, details, corrections)
        replayed.append((event["kind"], on, details))
    return replayed


def last_withdrawable(events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The act `undo` withdraws: the last one recorded that is still in the case's state
    and is an act of its handling (a registration, a record of personal data shown or
    exported, a document written, a correction are never withdrawn: the case is voided,
    or corrected again)."""
    out = withdrawn(events)
    for event in reversed(events):
        if event["uid"] not in out and event["kind"] not in NEVER_WITHDRAWN:
            found: Mapping[str, Any] = event
            return found
    return None


def first_act_after_registration(events: Sequence[Mapping[str, Any]],
                                 asides: Iterable[str]) -> dt.date | None:
    """The date of the earliest step after the registration still in the case's state:
    a corrected received date may not be later than it."""
    out = withdrawn(events)
    skip = set(asides) | {"registered"}
    dates = [dt.date.fromisoformat(event["on"]) for event in events
             if event["kind"] not in skip and event["uid"] not in out]
    return min(dates) if dates else None
