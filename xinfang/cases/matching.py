"""Matching a petition to earlier ones (DOMAIN.md §5): which earlier chain a new
petition repeats, if any.

A new petition is compared with the earlier cases of its petitioners — found through an
index by person key (`identity.Who.keys`: the person record, ID number, name + phone,
name + address), never by comparing every pair — that `identity.same_person` takes for
the same person. Each is scored by `similarity.compare`; a chain (初件 and its repeats)
scores as its best-scoring case, so a visit worded like the last one rather than the
first still finds the chain, and the link always names the chain's first case. The best
chain is taken when its score reaches the policy's `repeat_similarity`
(`rules.same_matter`); the officer's word stands over the rule: a case marked not a
repeat stays first, a hand-made link is kept.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from xinfang import rules
from xinfang.cases.identity import Links, Who, same_person, strongest
from xinfang.cases.similarity import (
    STANDARD_OTHERS,
    STANDARD_SHARE,
    WORDING,
    Rarity,
    Scored,
    Text,
    compare,
    text_of,
)
from xinfang.texts import t


@dataclass(frozen=True, slots=True)
class Petition:
    """What the repeat rule needs to know about a case."""

    key: Any  # the case's id
    received_on: dt.date
    people: tuple[Who, ...]
    category: str | None
    content: str
    decision: str | None = None  # "officer" (linked by hand), "not_repeat", or None
    linked_to: Any = None  # with decision "officer": the case it was linked to
    text: Text | None = None  # the complaint as read, when the ledger kept its reading
    # The petitioners' villages or communities, for `similarity.compare`'s `home`.
    villages: str = field(init=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "villages", " ".join(
            who.address.split("|")[0] for who in self.people if who.address))

    def read(self) -> Text:
        """The complaint as the scorer reads it."""
        return self.text if self.text is not None else text_of(self.content)

    def keys(self) -> set[str]:
        return {key for who in self.people for key in who.keys()}


@dataclass(frozen=True, slots=True)
class Match:
    """Why a petition is taken to repeat a chain: its first case (`root`), the earlier
    case it is most like, the evidence it is the same person, and the score."""

    root: Any
    case: Any
    identity: str
    scored: Scored
    since: dt.date = dt.date.min  # when the chain began, as far as the petition sees it
    support: float = 0.0  # the mean score over the chain's cases compared

    @property
    def rank(self) -> float:
        """How chains are ordered: by the best case, and by how the whole chain agrees
        (a case once misfiled in a chain makes it score high through that case alone)."""
        return (self.scored.score + self.support) / 2


@dataclass
class Scorer:
    """The repeat rule with what it needs from the ledger: the rarity of terms, the
    policy's threshold (0–100) and the officer's word on person records."""

    rarity: Rarity
    threshold: float
    links: Links = field(default_factory=Links)

    def standard(self, text: Text, own: Mapping[str, int]) -> bool:
        """Whether a complaint is worded as a standard summary: word for word as at least
        STANDARD_OTHERS cases of the ledger other than the petitioner's `own` (their
        cases' wordings, counted) are, and at least STANDARD_SHARE of its cases."""
        if not text.wording:
            return False
        others = self.rarity.count(WORDING + text.wording) - own.get(text.wording, 0)
        return others >= STANDARD_OTHERS and others >= STANDARD_SHARE * self.rarity.cases

    @staticmethod
    def own(petitions: Iterable[Petition]) -> Counter[str]:
        """The wordings of a petitioner's cases, counted (for `standard`)."""
        return Counter(petition.read().wording for petition in petitions)

    def match(self, new: Petition, old: Petition, root: Any, *, terms: bool = False,
              standard: bool = False) -> Match | None:
        """The score of `new` against one earlier case of the chain `root`, or None when
        no petitioner of theirs is the same person (`standard`: both complaints are
        standard summaries)."""
        if len(new.people) == 1 and len(old.people) == 1:  # (most petitions: one each)
            identity = same_person(new.people[0], old.people[0], self.links)
        else:
            identity = strongest(same_person(a, b, self.links)
                                 for a in new.people for b in old.people)
        if identity is None:
            return None
        home = (f"{new.villages} {old.villages}" if new.villages and old.villages
                else new.villages or old.villages)
        scored = compare(new.read(), old.read(), self.rarity,
                         category_a=new.category, category_b=old.category,
                         days=(new.received_on - old.received_on).days, home=home,
                         standard=standard, terms=terms)
        return Match(root, old.key, identity, scored)

    def chains(self, new: Petition, earlier: Iterable[tuple[Petition, Any]],
               own: Mapping[str, int] | None = None) -> list[Match]:
        """Each chain `new` may repeat, by its best-scoring case, best chain first (on a
        tie, the chain seen earliest). `earlier` pairs each earlier case with its
        chain's first case; `own` counts the wordings of the petitioner's cases in the
        ledger's counts (by default, those of `earlier`)."""
        earlier = list(earlier)
        if own is None:
            own = self.own(old for old, _ in earlier)
        standard = self.standard(new.read(), own)
        best: dict[Any, Match] = {}
        since: dict[Any, dt.date] = {}
        total: dict[Any, list[float]] = {}
        for old, root in earlier:
            since[root] = min(since.get(root, dt.date.max), old.received_on)
            found = self.match(new, old, root,
                               standard=standard and self.standard(old.read(), own))
            if found is None:
                continue
            total.setdefault(root, []).append(found.scored.score)
            if root not in best or found.scored.score > best[root].scored.score:
                best[root] = found
        return sorted((Match(m.root, m.case, m.identity, m.scored, since[m.root],
                             sum(total[m.root]) / len(total[m.root]))
                       for m in best.values()),
                      key=lambda m: (-m.rank, m.since, str(m.root)))

    def repeat(self, new: Petition, earlier: Iterable[tuple[Petition, Any]],
               own: Mapping[str, int] | None = None) -> Match | None:
        """The chain `new` repeats by the rule, or None."""
        return self.pick(self.chains(new, earlier, own))

    def pick(self, matches: list[Match]) -> Match | None:
        """Of the chains scored (best first), the one the rule takes, or None: the
        earliest of those within CLOSE of the best. A visit the rule once missed began a
        chain of its own; a later visit that fits both rejoins the first chain."""
        taken = [m for m in matches if rules.same_matter(m.scored.score, self.threshold)]
        if not taken:
            return None
        top = matches[0].rank
        # (The best-ranked chain may fall short of the threshold on its best case while
        # a chain ranked well below it reaches it: that one, then.)
        close = [m for m in taken if m.rank >= top - CLOSE] or taken[:1]
        return min(close, key=lambda m: (m.since, str(m.root)))


CLOSE = 0.1


def repeat_chains(petitions: Iterable[Petition], scorer: Scorer, *, group: bool = False
                  ) -> dict[Any, tuple[Any, Match | None]]:
    """Over a whole ledger: each repeat case → the first case of its chain, and why
    (its `Match`; None for a case the officer linked by hand).

    Cases are taken in order of receipt; each is compared only with earlier cases found
    under its petitioners' keys. An officer's decision stands: a case marked not a
    repeat stays first; a hand-made link is kept. With `group`, the petitions are all
    the cases of one group of petitioners (`reports.repeat_matches`): their wordings are
    their own (`Scorer.standard`); else each petition's own are its earlier cases'."""
    petitions = list(petitions)
    own = scorer.own(petitions) if group else None
    by_key: dict[str, list[Petition]] = {}
    out: dict[Any, tuple[Any, Match | None]] = {}
    for petition in sorted(petitions, key=lambda p: (p.received_on, p.key)):
        keys = petition.keys()
        if petition.decision == "officer":
            linked = petition.linked_to
            root = out[linked][0] if linked in out else linked
            if root is not None and root != petition.key:
                out[petition.key] = (root, None)
        elif petition.decision != "not_repeat":
            seen: dict[Any, Petition] = {}
            # Records the officer said are this person's are looked up too.
            looked = keys | {f"r:{record}" for who in petition.people
                             if who.record is not None
                             for record in scorer.links.records(who.record)}
            for key in looked:
                for old in by_key.get(key, ()):
                    seen[old.key] = old
            found = scorer.repeat(petition, ((old, out[old.key][0] if old.key in out
                                              else old.key) for old in seen.values()), own)
            if found is not None:
                out[petition.key] = (found.root, found)
        for key in keys:
            by_key.setdefault(key, []).append(petition)
    return out


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
    it repeats and the advice that carries, or nothing; and every chain it was compared
    with, best first (`candidates`)."""

    root: Earlier | None = None
    flags: list[str] | None = None
    chain: list[Earlier] | None = None  # the chain as it stood that day, first case first
    match: Match | None = None
    candidates: list[Match] = field(default_factory=list)


class RepeatIndex:
    """Earlier cases by person key and whole chains by their first case, so that each new
    petition is compared only with earlier cases of its petitioners, never with every
    other case. Cases written in order of receipt are added as they are written."""

    def __init__(self, by_key: dict[str, list[Earlier]], chains: dict[int, list[Earlier]],
                 scorer: Scorer):
        self.by_key = by_key
        self.chains = chains
        self.scorer = scorer
        # Every case of a chain by id, the first included.
        self.known = {case.id: case for members in chains.values() for case in members}

    def earlier(self, petition: Petition) -> list[Earlier]:
        """The earlier cases found under the petition's keys (received on or before its
        day), whether or not the rule takes them for the same person."""
        day = petition.received_on
        # A case already in the ledger is judged against those before it only.
        before = (day, petition.key) if isinstance(petition.key, int) else None
        keys = petition.keys()
        for group in {who.record for who in petition.people if who.record is not None}:
            keys |= {f"r:{record}" for record in self.scorer.links.records(group)}
        seen: dict[int, Earlier] = {}
        for key in keys:
            for case in self.by_key.get(key, ()):
                on = case.petition.received_on
                if on <= day and (before is None or (on, case.id) < before):
                    seen[case.id] = case
        return sorted(seen.values(), key=lambda case: (case.petition.received_on, case.id))

    def judge(self, petition: Petition) -> Judged:
        """The chain `petition` repeats, by the repeat rule, as it stood on its day."""
        earlier = self.earlier(petition)
        candidates = self.scorer.chains(petition, (
            (case.petition, case.root if case.root is not None else case.id)
            for case in earlier))
        best = self.scorer.pick(candidates)
        if best is None:
            return Judged(candidates=candidates)
        judged = self.chain_judged(best.root, petition.received_on)
        judged.match, judged.candidates = best, candidates
        return judged

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
        for key in case.petition.keys():
            self.by_key.setdefault(key, []).append(case)
        root = self.known.get(case.root) if case.root is not None else None
        if root is not None:  # (a link the officer made may name a case not read here)
            self.chains.setdefault(root.id, [root]).append(case)
        else:
            self.chains.setdefault(case.id, [case])


def said(details: dict[str, Any], lang: str) -> list[str]:
    """A repeat link corrected (`repeat_marked`), in words: the chain now named (or a
    new matter), by whose word, and why it came with another act."""
    bits = [t("repeat.marked.of", lang, case=details["repeat_of"]) if details.get("repeat_of")
            else t("repeat.marked.new", lang)]
    bits.append(t(f"repeat.marked.{'rule' if details.get('decision') == 'auto' else 'officer'}",
                  lang))
    if details.get("moved_with"):
        bits.append(t("repeat.marked.moved_with", lang, case=details["moved_with"]))
    if details.get("first_voided"):
        bits.append(t("repeat.marked.first_voided", lang, case=details["first_voided"]))
    return bits
