"""Matching a petition to earlier ones (DOMAIN.md §5): who the petitioner is, how alike
two complaints are, and which earlier case a new one repeats. The decision itself (same
matter, given the score) is `rules.same_matter`.

The same person: the same ID number; without one, the same name and phone. Content
similarity for short Chinese texts: digits, punctuation and spaces are dropped (the same
complaint comes back with other numbers: "延期交付10个月" / "22个月"), then rapidfuzz's
partial_ratio scores the best alignment of the shorter text inside the longer one, so a
complaint restated with an addition ("（再次反映）", "多次反映未果") still scores 100.
Below 4 characters a partial match means little, so the plain ratio is used.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from xinfang import rules


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
    """Whether two petitions are about the same matter, by `rules.same_matter`."""
    if (a.category or "") != (b.category or ""):
        return False  # the score is not needed
    return rules.same_matter(a.category, b.category, matter_similarity(a.content, b.content),
                             threshold)


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




# Judging new petitions in order of receipt ---------------------------------------------


@dataclass(slots=True)
class Earlier:
    """A case a new petition may repeat: enough to judge the matter and to tell the
    state it was in on the day the new one arrived."""

    id: int
    number: str
    petition: Petition
    root: int | None  # the first case of its chain, if it is a repeat
    status: str | None = None  # for a case already in the ledger
    timeline: list[tuple[dt.date, str]] | None = None  # for a case written in this run

    def status_on(self, day: dt.date) -> str:
        """Its state when a petition received on `day` is registered: acts dated before
        that day have happened; acts of the same day come after registrations."""
        if self.timeline is None:
            return self.status or "registered"
        status = "registered"
        for on, after in self.timeline:
            if on < day:
                status = after
        return status


@dataclass
class Judged:
    """What the repeat rule says of a new petition: the first case (初件) of the chain
    it repeats and the advice that carries, or nothing."""

    root: Earlier | None = None
    flags: list[str] | None = None
    chain: list[Earlier] | None = None  # the chain as it stood that day, first case first


class RepeatIndex:
    """Earlier cases by person key and whole chains by their first case, so that each new
    petition is compared only with earlier cases of the same petitioners, never with every
    other case. Cases written in order of receipt are added as they are written."""

    def __init__(self, by_key: dict[str, list[Earlier]], chains: dict[int, list[Earlier]]):
        self.by_key = by_key
        self.chains = chains
        # Every case of a chain by id, the first included.
        self.known = {case.id: case for members in chains.values() for case in members}

    def judge(self, petition: Petition, threshold: float) -> Judged:
        """The chain `petition` repeats, by the repeat rule, as it stood on its day."""
        seen: dict[int, Earlier] = {}
        for key in petition.people:
            for case in self.by_key.get(key, ()):
                if case.petition.received_on <= petition.received_on:
                    seen[case.id] = case
        matched = [Petition(case.id, case.petition.received_on, petition.people,
                            case.petition.category, case.petition.content)
                   for case in seen.values()]
        roots = {case.id: case.root for case in seen.values() if case.root is not None}
        root_id = repeat_of(petition, matched, roots, threshold)
        if root_id is None:
            return Judged()
        return self.chain_judged(root_id, petition.received_on)

    def chain_judged(self, root_id: int, day: dt.date) -> Judged:
        """The chain of `root_id` as it stood on `day` (also its cases brought by other
        petitioners: a joint petition links one petitioner's matter to another's first
        case) and the advice its states carry."""
        root = self.known[root_id]
        chain = [case for case in self.chains.setdefault(root_id, [root])
                 if case.id == root_id or case.petition.received_on <= day]
        chain.sort(key=lambda case: (case.id != root_id, case.petition.received_on, case.id))
        return Judged(root, rules.repeat_flags(case.status_on(day) for case in chain), chain)

    def add(self, case: Earlier) -> None:
        """A case just written: later petitions of its people may repeat it."""
        self.known[case.id] = case
        for key in case.petition.people:
            self.by_key.setdefault(key, []).append(case)
        root = self.known.get(case.root) if case.root is not None else None
        if root is not None:  # (a link the officer made may name a case not read here)
            self.chains.setdefault(root.id, [root]).append(case)
