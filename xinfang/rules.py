"""The rules of DOMAIN.md §5 as pure functions over plain data (no database handle)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from xinfang.deadlines import Calendar, working_days_between
from xinfang.lifecycle import DUTIES, OPEN


def clock_state(
    clock: str,
    due_on: dt.date,
    stopped_on: dt.date | None,
    as_of: dt.date,
    warning_days: int,
    calendar: Calendar,
) -> str:
    """`stopped`, `overdue` (a duty past its due date), `lapsed` (a window past its end),
    `due_soon` (due within the warning window of working days) or `running`.

    Due today is not overdue; the day after is.
    """
    if stopped_on is not None:
        return "stopped"
    if as_of > due_on:
        return "overdue" if clock in DUTIES else "lapsed"
    if working_days_between(as_of, due_on, calendar) <= warning_days:
        return "due_soon"
    return "running"


# Repeat petitions (重复信访) ------------------------------------------------------------
#
# The same person (same ID number; without one, same name and phone) back about the same
# matter (same category and similar content). Content similarity for short Chinese texts:
# digits, punctuation and spaces are dropped (the same complaint comes back with other
# numbers: "延期交付10个月" / "22个月"), then rapidfuzz's partial_ratio scores the best
# alignment of the shorter text inside the longer one, so a complaint restated with an
# addition ("（再次反映）", "多次反映未果") still scores 100. Below 4 characters a partial
# match means little, so the plain ratio is used.


@dataclass(frozen=True, slots=True)
class Petition:
    """What the repeat rule needs to know about a case."""

    key: Any  # the case's id
    received_on: dt.date
    people: frozenset[str]  # person keys, see person_keys
    category: str | None
    content: str
    decision: str | None = None  # "officer" (linked by hand), "not_repeat", or None
    linked_to: Any = None  # with decision "officer": the case it was linked to


def person_keys(name: str | None, id_number: str | None, phone: str | None) -> set[str]:
    """Keys under which a petitioner is recognised: the ID number, and name + phone."""
    keys = set()
    if id_number:
        keys.add("id:" + id_number.upper())
    if name and phone:
        keys.add(f"np:{name.strip()}|{phone}")
    return keys


def _core(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(
        ch for ch in text
        if not (ch.isspace() or ch.isdigit() or unicodedata.category(ch)[0] in "PSZ")
    )


SIMILARITY_CHARS = 300  # of each text's core, compared


def matter_similarity(a: str, b: str) -> float:
    """0–100: how alike two complaint texts are (see above)."""
    from rapidfuzz import fuzz

    # A summary says what the matter is in its opening; partial_ratio's time grows with the
    # product of the lengths, and a pasted 20,000-character letter made one register or
    # import row take minutes.
    x, y = _core(a)[:SIMILARITY_CHARS], _core(b)[:SIMILARITY_CHARS]
    if not x or not y:
        return 0.0
    if min(len(x), len(y)) < 4:
        return fuzz.ratio(x, y)
    return fuzz.partial_ratio(x, y)


def same_matter(a: Petition, b: Petition, threshold: float) -> bool:
    return (a.category or "") == (b.category or "") and (
        matter_similarity(a.content, b.content) >= threshold
    )


def repeat_of(new: Petition, earlier: Iterable[Petition], roots: dict[Any, Any],
              threshold: float) -> Any:
    """The first case (初件) of the chain `new` repeats, or None. `earlier` are cases of
    the same people received before it; `roots` maps a case to its chain's first case."""
    matches = [
        old for old in earlier
        if old.people & new.people and same_matter(old, new, threshold)
    ]
    if not matches:
        return None
    first = min(matches, key=lambda p: (p.received_on, p.key))
    return roots.get(first.key, first.key)


def repeat_chains(petitions: Iterable[Petition], threshold: float) -> dict[Any, Any]:
    """Over a whole ledger: each repeat case → the first case of its chain.

    Cases are taken in order of receipt; each is compared only with earlier cases of the
    same petitioners (an index by person key), never with every other case. An officer's
    decision stands: a case marked not a repeat stays first; a hand-made link is kept.
    """
    by_person: dict[str, list[Petition]] = {}
    roots: dict[Any, Any] = {}
    for petition in sorted(petitions, key=lambda p: (p.received_on, p.key)):
        if petition.decision == "officer":
            root = roots.get(petition.linked_to, petition.linked_to)
        elif petition.decision == "not_repeat":
            root = None
        else:
            seen: dict[Any, Petition] = {}
            for key in petition.people:
                for old in by_person.get(key, ()):
                    seen[old.key] = old
            root = repeat_of(petition, seen.values(), roots, threshold)
        if root is not None:
            roots[petition.key] = root
        for key in petition.people:
            by_person.setdefault(key, []).append(petition)
    return roots


def repeat_flags(earlier_statuses: Iterable[str]) -> list[str]:
    """Advice when a repeat is registered (DOMAIN.md §5), never an automatic refusal:
    `repeat_being_handled` if an earlier case of the matter is still being handled
    (2022 Regulation Art 19), `repeat_final` if one is final after recheck (Art 36)."""
    statuses = set(earlier_statuses)
    flags = ["repeat"]
    if statuses & set(OPEN):
        flags.append("repeat_being_handled")
    if "final" in statuses:
        flags.append("repeat_final")
    return flags


# Collective visits, major reports, escalation ----------------------------------------


def is_collective(headcount: int, threshold: int) -> bool:
    """集体访: headcount at or above the policy's threshold (default 5)."""
    return headcount >= threshold


def too_many_representatives(people_count: int, headcount: int, threshold: int,
                             maximum: int) -> bool:
    """A group visit may send at most 5 representatives (2022 Regulation Art 20)."""
    return headcount >= threshold and people_count > maximum


def is_major(headcount: int, flags: Iterable[str], threshold: int) -> bool:
    """重大访情: collective visits and visits to higher levels (赴省/进京)."""
    return is_collective(headcount, threshold) or bool(
        {"to_province", "to_beijing"} & set(flags)
    )


def needs_escalation(days_overdue: int, chain_length: int, escalated: bool,
                     overdue_days: int, chain_threshold: int) -> bool:
    """Overdue by more than the policy's days, or a repeat chain of ≥ N, not yet escalated."""
    if escalated:
        return False
    return days_overdue > overdue_days or chain_length >= chain_threshold
