"""Who the petitioner is (DOMAIN.md §5): the evidence that two petitioners, as recorded
for two cases, are one person.

- The same ID number, or the same person record (the ledger resolved both to one by ID
  number, or by name and phone): the same person.
- Without an ID number on one side: the same name and the same phone; or, weaker, the
  same name and the same address (village or community and house number).
- Two different ID numbers: two people, whatever the names.
- A namesake is never taken for the same person on the name alone.
- An officer's word that two person records are one person, or are not, stands over all
  of this (`Links`).

Names are compared normalised: spaces (also ideographic ones) and dots dropped, full-width
forms folded, traditional characters made simplified (OpenCC's table, offline).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# The evidence, strongest first; what `same_person` returns.
OFFICER, ID_NUMBER, RECORD, PHONE, ADDRESS = "officer", "id_number", "record", "phone", "address"
STRONG = frozenset({OFFICER, ID_NUMBER, RECORD})


@lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """`text` in simplified characters (traditional ones converted)."""
    if text.isascii():
        return text
    return str(_converter("t2s").convert(text))


def traditional(text: str) -> str:
    """`text` in traditional characters: how a name may have been typed before."""
    if text.isascii():
        return text
    return str(_converter("s2t").convert(text))


_NOT_IN_NAMES = re.compile(r"[\s·•.\-_'’`]+")


@lru_cache(maxsize=65536)
def normalize_name(name: str | None) -> str:
    """A name as compared: full-width folded, spaces and dots dropped, simplified."""
    if not name:
        return ""
    return simplified(_NOT_IN_NAMES.sub("", unicodedata.normalize("NFKC", name)))


def name_variants(name: str | None) -> set[str]:
    """The spellings under which the ledger may hold `name`: as given, stripped,
    simplified and traditional (for looking up earlier cases by name)."""
    if not name:
        return set()
    plain = normalize_name(name)
    return {name, name.strip(), plain, traditional(plain)} - {""}


# Where an address names the village, community or estate, before the house number.
_PLACES = ("村", "社区", "小区", "居委会", "花园", "家园", "苑")
_ADMIN = re.compile(r".*(?:省|市|县|区|镇|乡|街道|办事处)")
_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=65536)
def address_key(address: str | None) -> str | None:
    """The village (or community) and house number of an address — `光明村|9` — or None
    when it names no house: a village alone is not evidence of who someone is."""
    if not address:
        return None
    text = unicodedata.normalize("NFKC", address).replace(" ", "")
    first = _DIGITS.search(text)
    if first is None:
        return None
    head = text[:first.start()]
    end, marker = -1, ""
    for place_word in _PLACES:
        found = head.rfind(place_word)
        if found > end:
            end, marker = found, place_word
    if end < 0:
        return None
    place = _ADMIN.sub("", head[:end]) + marker
    if len(place) < 2:
        return None
    house = _DIGITS.findall(text, first.start())[:4]
    return f"{simplified(place[-6:])}|{'-'.join(str(int(part)) for part in house)}"


@dataclass(frozen=True, slots=True)
class Who:
    """A petitioner as recorded for one case: the person record the ledger holds them
    under, the name (normalised), ID number, phone and address key as given."""

    record: int | None
    name: str
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None

    @classmethod
    def given(cls, record: int | None, name: str | None, id_number: str | None,
              phone: str | None, address: str | None) -> Who:
        return cls(record, normalize_name(name), (id_number or "").upper() or None,
                   phone or None, address_key(address))

    def keys(self) -> set[str]:
        """The keys an index finds earlier cases of this petitioner under (candidates
        only: `same_person` decides)."""
        return set(keys_of(self.record, self.name, self.id_number, self.phone, self.address))


def keys_of(record: int | None, name: str, id_number: str | None, phone: str | None,
            address: str | None) -> list[str]:
    """`Who.keys` of a petitioner's details (as `Who` holds them), without making one."""
    keys = []
    if record is not None:
        keys.append(f"r:{record}")
    if id_number:
        keys.append(f"id:{id_number}")
    if name and phone:
        keys.append(f"np:{name}|{phone}")
    if name and address:
        keys.append(f"na:{name}|{address}")
    return keys


@dataclass
class Links:
    """The officer's word on person records: pairs that are one person, and pairs that
    are not. Records said to be one person form groups (one person, several records)."""

    same: dict[int, int] = field(default_factory=dict)  # record → its group's first record
    apart: set[frozenset[int]] = field(default_factory=set)

    def add(self, a: int, b: int, same: bool) -> None:
        """The officer's latest word on records `a` and `b`."""
        pair = frozenset((a, b))
        if same:
            self.apart.discard(pair)
            ra, rb = self.group(a), self.group(b)
            if ra != rb:
                low, high = min(ra, rb), max(ra, rb)
                for record, group in list(self.same.items()):
                    if group == high:
                        self.same[record] = low
                self.same[high] = low
                self.same.setdefault(low, low)
        else:
            self.apart.add(pair)
            # A group the officer splits: each record alone again.
            if self.group(a) == self.group(b):
                group = self.group(a)
                for record in [r for r, g in self.same.items() if g == group]:
                    del self.same[record]

    def group(self, record: int) -> int:
        return self.same.get(record, record)

    def records(self, record: int) -> set[int]:
        """Every record said to be one person with `record` (itself included)."""
        group = self.group(record)
        return {r for r, g in self.same.items() if g == group} | {record}

    def said(self, a: int | None, b: int | None) -> bool | None:
        """True (one person), False (not), or None (the officer said nothing)."""
        if a is None or b is None or a == b:
            return None
        if frozenset((a, b)) in self.apart:
            return False
        if self.group(a) == self.group(b):
            return True
        return None


NO_LINKS = Links()


def same_person(a: Who, b: Who, links: Links = NO_LINKS) -> str | None:
    """The strongest evidence that `a` and `b` are one person, or None."""
    said = links.said(a.record, b.record)
    if said is not None:
        return OFFICER if said else None
    if a.id_number and b.id_number:
        return ID_NUMBER if a.id_number == b.id_number else None
    if a.record is not None and a.record == b.record:
        return RECORD
    if not a.name or a.name != b.name:
        return None
    if a.phone and a.phone == b.phone:
        return PHONE
    if a.address and a.address == b.address:
        return ADDRESS
    return None


_RANK = {OFFICER: 0, ID_NUMBER: 1, RECORD: 2, PHONE: 3, ADDRESS: 4}


def strongest(evidence: Iterable[str | None]) -> str | None:
    found = [e for e in evidence if e is not None]
    return min(found, key=_RANK.__getitem__) if found else None


def who_of_case(new: Iterable[Who], old: Iterable[Who], links: Links = NO_LINKS) -> str | None:
    """The strongest evidence that a petitioner of one case is a petitioner of another."""
    olds = list(old)
    return strongest(same_person(a, b, links) for a in new for b in olds)
